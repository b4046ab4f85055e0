import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { PlanEntity } from './plan.entity';
import type { PlanContent } from '@aoc/domain/plan.types';

/**
 * An immutable, numbered, hashed snapshot of a plan's content. The public library searches its
 * words (every string of the content, in any language: the `simple` configuration) through a
 * GIN expression index that the publication migration creates; TypeORM can't express it.
 */
@Entity('plan_versions')
@Index('idx_plan_versions_search', { synchronize: false })
export class PlanVersionEntity {
  @PrimaryColumn('uuid', { name: 'plan_id' })
  planId: string;

  /** The plan it belongs to: a foreign key, so nothing can refer to a plan that does not exist. */
  @ManyToOne(() => PlanEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity;

  @PrimaryColumn('int')
  number: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  @Column({ type: 'jsonb' })
  content: PlanContent;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
