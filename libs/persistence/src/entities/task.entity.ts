import { Column, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { PlanEntity } from './plan.entity';
import type { Role } from '@aoc/domain/actor';
import type { Stage } from '@aoc/domain/plan.types';
import type { CommentDisposition, TaskCandidate, TaskStatus, TaskType } from '@aoc/domain/task.types';

/**
 * A human task: the row behind every inbox. One writer: the review's records
 * (`writeReviewRecords`, repositories/review-records.ts), claims included (they are workflow Updates).
 */
@Entity('tasks')
@Index('idx_tasks_inbox', ['status', 'candidateRole', 'dueAt'])
@Index('idx_tasks_plan', ['planId', 'createdAt'])
// The inbox (TasksService.inbox) reads open tasks by each way a task reaches a user; one partial
// index for each, so that a page is read in due order from a small index (issue 12).
@Index('idx_tasks_open_due', ['dueAt', 'id'], { where: `status = 'open'` })
@Index('idx_tasks_open_assignee', ['assignee', 'dueAt', 'id'], { where: `status = 'open' AND assignee IS NOT NULL` })
@Index('idx_tasks_open_candidate', ['candidateRole', 'candidateCountry', 'candidateBody', 'dueAt', 'id'], {
  where: `status = 'open' AND assignee IS NULL AND candidate_seat IS NULL`,
})
@Index('idx_tasks_open_seat', ['candidateSeat', 'candidateRole', 'dueAt', 'id'], {
  where: `status = 'open' AND assignee IS NULL AND candidate_seat IS NOT NULL`,
})
// Monitoring (apps/api/src/admin, apps/api/src/metrics): a plan's open tasks, and open tasks by stage.
@Index('idx_tasks_open_plan', ['planId', 'dueAt'], { where: `status = 'open'` })
@Index('idx_tasks_open_stage', ['stage', 'dueAt'], { where: `status = 'open'` })
export class TaskEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** The plan it belongs to: a foreign key, so nothing can refer to a plan that does not exist. */
  @ManyToOne(() => PlanEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity;

  /** The workflow that owns the task and receives its Updates. */
  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId: string;

  @Column({ type: 'varchar', length: 32 })
  stage: Stage;

  @Column({ type: 'varchar', length: 32 })
  type: TaskType;

  @Column({ type: 'varchar', length: 16 })
  status: TaskStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  assignee: string | null;

  @Column({ name: 'candidate_role', type: 'varchar', length: 32 })
  candidateRole: Role;

  @Column({ name: 'candidate_country', type: 'varchar', length: 2, nullable: true })
  candidateCountry: string | null;

  @Column({ name: 'candidate_body', type: 'varchar', length: 200, nullable: true })
  candidateBody: string | null;

  @Column({ name: 'candidate_seat', type: 'varchar', length: 200, nullable: true })
  candidateSeat: string | null;

  @Column({ name: 'claimed_by', type: 'varchar', length: 200, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'version_number', type: 'int' })
  versionNumber: number;

  @Column({ name: 'version_hash', type: 'varchar', length: 64 })
  versionHash: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  decision: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  dispositions: CommentDisposition[] | null;

  @Column({ name: 'completed_by', type: 'varchar', length: 200, nullable: true })
  completedBy: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Who may act on the task when it is not assigned: a role within a scope. */
  get candidate(): TaskCandidate {
    return {
      role: this.candidateRole,
      country: this.candidateCountry ?? undefined,
      body: this.candidateBody ?? undefined,
      seat: this.candidateSeat ?? undefined,
    };
  }

  /** The client's Idempotency-Key of the completion; a repeat returns this result. */
  @Column({ name: 'completion_key', type: 'varchar', length: 200, nullable: true })
  completionKey: string | null;
}
