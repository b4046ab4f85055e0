import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PlanContent, PlanKind, PlanStatus, Stage } from '@aoc/domain/plan.types';

export type DraftStatus = Extract<PlanStatus, 'DRAFT' | 'WITHDRAWN' | 'CANCELLED'>;

/**
 * A plan. Each column has one writer:
 * - the API (libs/persistence/src/repositories/plans.ts): the row itself, the draft, `title`,
 *   `countries`, `created_by`, `submitted_by`, `latest_version`, `workflow_id`, `draft_status`,
 *   `updated_at`;
 * - the review (the worker's `writeReviewRecords`, libs/persistence/src/repositories/review-records.ts):
 *   `review_status`, `review_version`, `return_to`, `reached_stage`, `review_updated_at`, `endorsed_at`;
 * - nobody: `status`, which PostgreSQL computes from the two.
 */
@Entity('plans')
@Index('idx_plans_status', ['status', 'id'])
@Index('idx_plans_updated', ['updatedAt', 'id'])
@Index('idx_plans_submitter', ['submittedBy', 'updatedAt'])
// The public library (DOMAIN §10): endorsed plans, newest endorsement first.
@Index('idx_plans_endorsed', ['endorsedAt', 'id'], { where: `status = 'ENDORSED'` })
export class PlanEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: PlanKind;

  /** What the plan is now: its review's status once the review has recorded one, else its draft's. */
  @Column({
    type: 'varchar',
    length: 32,
    generatedType: 'STORED',
    asExpression: 'COALESCE(review_status, draft_status)',
    insert: false,
    update: false,
  })
  status: PlanStatus;

  /** A plan never submitted: DRAFT, or how it ended without a review (WITHDRAWN, CANCELLED). */
  @Column({ name: 'draft_status', type: 'varchar', length: 32, default: 'DRAFT' })
  draftStatus: DraftStatus;

  /** The review's status, from its first stage on; null before. */
  @Column({ name: 'review_status', type: 'varchar', length: 32, nullable: true })
  reviewStatus: PlanStatus | null;

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

  /** The furthest stage the review has entered (who sees the plan, DOMAIN §2); null before its first. */
  @Column({ name: 'reached_stage', type: 'varchar', length: 32, nullable: true })
  reachedStage: Stage | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200, nullable: true })
  workflowId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** When the plan was endorsed: the time of its PLAN_ENDORSED event, written with that status. */
  @Column({ name: 'endorsed_at', type: 'timestamptz', nullable: true })
  endorsedAt: Date | null;

  /** When the review last recorded a status. */
  @Column({ name: 'review_updated_at', type: 'timestamptz', nullable: true })
  reviewUpdatedAt: Date | null;
}
