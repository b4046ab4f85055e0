import { Column, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { PlanEntity } from './plan.entity';
import type { Disposition } from '@aoc/domain/task.types';

/**
 * A civil society comment. Hidden comments stay, for the audit trail. Written by the review's
 * records (`writeReviewRecords`, repositories/review-records.ts) while the review runs; after it
 * has ended, the one moderation statement there (`hideComment`) is called by the API when the
 * secretariat hides a comment (DOMAIN §4.2).
 */
@Entity('comments')
@Index('idx_comments_plan', ['planId', 'postedAt'])
export class CommentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** The plan it belongs to: a foreign key, so nothing can refer to a plan that does not exist. */
  @ManyToOne(() => PlanEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity;

  @Column({ type: 'varchar', length: 200 })
  author: string;

  @Column({ type: 'varchar', length: 200 })
  org: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  field: string | null;

  @Column({ name: 'version_number', type: 'int' })
  versionNumber: number;

  @Column({ name: 'version_hash', type: 'varchar', length: 64 })
  versionHash: string;

  @Column({ name: 'posted_at', type: 'timestamptz' })
  postedAt: Date;

  @Column({ type: 'boolean', default: false })
  hidden: boolean;

  @Column({ name: 'hidden_reason', type: 'text', nullable: true })
  hiddenReason: string | null;

  @Column({ name: 'hidden_by', type: 'varchar', length: 200, nullable: true })
  hiddenBy: string | null;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  disposition: Disposition | null;

  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ name: 'disposed_by', type: 'varchar', length: 200, nullable: true })
  disposedBy: string | null;

  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true })
  disposedAt: Date | null;
}
