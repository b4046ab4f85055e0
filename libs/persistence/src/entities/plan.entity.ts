import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PlanContent, PlanKind, PlanStatus, Stage } from '@aoc/domain/plan.types';

@Entity('plans')
@Index('idx_plans_status', ['status'])
export class PlanEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: PlanKind;

  @Column({ type: 'varchar', length: 32 })
  status: PlanStatus;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** The editable draft; frozen into plan_versions on submission. */
  @Column({ type: 'jsonb' })
  draft: PlanContent;

  /** Participating countries (owner of a national plan), for filtering and scoping. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  countries: string[];

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'submitted_by', type: 'varchar', length: 200, nullable: true })
  submittedBy: string | null;

  /** Number of the latest frozen version; 0 while never submitted. */
  @Column({ name: 'latest_version', type: 'int', default: 0 })
  latestVersion: number;

  /** The version the workflow is reviewing. */
  @Column({ name: 'review_version', type: 'int', default: 0 })
  reviewVersion: number;

  @Column({ name: 'return_to', type: 'varchar', length: 32, nullable: true })
  returnTo: Stage | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200, nullable: true })
  workflowId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
