import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EventType } from '../../../domain/src/event.types';

/** The append-only domain event log. `key` makes every append idempotent. */
@Entity('events')
@Index('idx_events_plan', ['planId', 'id'])
export class EventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index('uq_events_key', { unique: true })
  @Column({ type: 'varchar', length: 300 })
  key: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

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
