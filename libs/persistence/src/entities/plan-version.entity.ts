import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PlanContent } from '../../../domain/src/plan.types';

/** An immutable, numbered, hashed snapshot of a plan's content. */
@Entity('plan_versions')
export class PlanVersionEntity {
  @PrimaryColumn('uuid', { name: 'plan_id' })
  planId: string;

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
