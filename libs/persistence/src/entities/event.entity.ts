import { Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { PlanEntity } from './plan.entity';
import type { EventType } from '@aoc/domain/event.types';

/**
 * The append-only domain event log. `key` makes every append idempotent. One statement writes
 * it, `appendEvents` (repositories/event-log.ts): for the review's records, and for the API's
 * events of a plan with no review running; PostgreSQL refuses every UPDATE and DELETE.
 */
@Entity('events')
@Index('idx_events_plan', ['planId', 'id'])
// Monitoring (apps/api/src/admin, apps/api/src/metrics): the stage moves, and the comment window's close.
@Index('idx_events_stage_entered', ['planId', 'id', 'at'], { where: `type = 'STAGE_ENTERED'` })
@Index('idx_events_stage_completed_at', ['at'], { where: `type = 'STAGE_COMPLETED'` })
@Index('idx_events_stage_completed_id', ['id'], { where: `type = 'STAGE_COMPLETED'` })
@Index('idx_events_comment_window', ['planId', 'id'], { where: `(payload ->> 'commentWindowClosesAt') IS NOT NULL` })
export class EventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index('uq_events_key', { unique: true })
  @Column({ type: 'varchar', length: 300 })
  key: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** The plan it belongs to: a foreign key, so nothing can refer to a plan that does not exist. */
  @ManyToOne(() => PlanEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity;

  @Column({ type: 'varchar', length: 40 })
  type: EventType;

  @Column({ type: 'varchar', length: 200 })
  actor: string;

  @Column({ name: 'version_number', type: 'int', nullable: true })
  versionNumber: number | null;

  @Column({ name: 'version_hash', type: 'varchar', length: 64, nullable: true })
  versionHash: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;
}
