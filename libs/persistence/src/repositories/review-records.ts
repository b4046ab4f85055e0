import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@aoc/domain/event.types';
import { STAGES, TERMINAL_STATUSES, type PlanStatus, type Stage, type VersionRef } from '@aoc/domain/plan.types';
import { outcomeRecord, type CommentDisposition, type TaskOutcome, type TaskSpec } from '@aoc/domain/task.types';
import { appendEvents } from './event-log';

/**
 * What one step of a review writes, in one transaction: the plan's review status, its tasks and
 * comments, and the events that record the step. The workflow's Journal builds it; the worker's
 * `writeReviewRecords` activity writes it here. Every part is keyed or conditional, so that a
 * retried activity writes nothing twice.
 */
export interface ReviewRecords {
  planId: string;
  status?: { status: PlanStatus; version: VersionRef; returnTo?: Stage | null };
  events?: DomainEvent[];
  createTasks?: TaskSpec[];
  completeTasks?: { outcome: TaskOutcome; idempotencyKey?: string }[];
  /** Cancels these open tasks; `'all-open'` cancels every open task of the plan. */
  cancelTasks?: string[] | 'all-open';
  reassignTasks?: { taskId: string; assignee: string }[];
  /** Who holds each task now; `null` releases it. */
  claimTasks?: { taskId: string; claimedBy: string | null }[];
  moveDeadlines?: { taskId: string; dueAt: number }[];
  postComments?: CommentRecord[];
  hideComments?: CommentHiding[];
  disposeComments?: { dispositions: CommentDisposition[]; actor: string; at: number }[];
}

export interface CommentRecord {
  id: string;
  planId: string;
  author: string;
  org: string;
  text: string;
  field?: string;
  version: VersionRef;
  postedAt: number;
}

export interface CommentHiding {
  commentId: string;
  reason: string;
  actor: string;
  at: number;
}

const at = (ms: number) => new Date(ms);
const TERMINAL = [...TERMINAL_STATUSES];

/**
 * The only writer of `tasks`, of a plan's review columns (`review_status`, `review_version`,
 * `return_to`, `reached_stage`, `review_updated_at`, `endorsed_at`) and of a comment's review columns; events go through the
 * event log. A plan that has reached a terminal status is never moved again.
 */
export async function writeReviewRecords(tx: EntityManager, records: ReviewRecords): Promise<void> {
  const { planId } = records;
  for (const task of records.createTasks ?? []) {
    await tx.query(
      `INSERT INTO tasks (id, plan_id, workflow_id, stage, type, status, assignee, candidate_role, candidate_country,
         candidate_body, candidate_seat, due_at, created_at, version_number, version_hash)
       VALUES ($1,$2,$3,$4,$5,'open',$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (id) DO NOTHING`,
      [
        task.id,
        planId,
        task.workflowId,
        task.stage,
        task.type,
        task.assignee ?? null,
        task.candidate.role,
        task.candidate.country ?? null,
        task.candidate.body ?? null,
        task.candidate.seat ?? null,
        at(task.dueAt),
        at(task.createdAt),
        task.version.number,
        task.version.hash,
      ],
    );
  }
  for (const { outcome, idempotencyKey } of records.completeTasks ?? []) {
    const { comment, reason, dispositions } = outcomeRecord(outcome);
    await tx.query(
      `UPDATE tasks SET status = 'completed', decision = $2, comment = $3, reason = $4, dispositions = $5,
         completed_by = $6, completed_at = $7, completion_key = $8
       WHERE id = $1 AND status = 'open'`,
      [
        outcome.taskId,
        outcome.decision,
        comment ?? null,
        reason ?? null,
        dispositions ? JSON.stringify(dispositions) : null,
        outcome.actor,
        at(outcome.completedAt),
        idempotencyKey ?? null,
      ],
    );
  }
  const cancellations: DomainEvent[] = [];
  if (records.cancelTasks === 'all-open') {
    const [rows] = (await tx.query(
      `UPDATE tasks SET status = 'cancelled' WHERE plan_id = $1 AND status = 'open'
       RETURNING id, type, stage, version_number, version_hash`,
      [planId],
    )) as [CancelledRow[], number];
    cancellations.push(...endCancellations(records.events ?? [], planId, rows));
  } else if (records.cancelTasks?.length) {
    await tx.query(`UPDATE tasks SET status = 'cancelled' WHERE id = ANY($1) AND status = 'open'`, [
      records.cancelTasks,
    ]);
  }
  for (const move of records.moveDeadlines ?? []) {
    await tx.query(`UPDATE tasks SET due_at = GREATEST(due_at, $2) WHERE id = $1`, [move.taskId, at(move.dueAt)]);
  }
  for (const r of records.reassignTasks ?? []) {
    await tx.query(`UPDATE tasks SET assignee = $2, claimed_by = NULL WHERE id = $1 AND status = 'open'`, [
      r.taskId,
      r.assignee,
    ]);
  }
  for (const c of records.claimTasks ?? []) {
    await tx.query(`UPDATE tasks SET claimed_by = $2 WHERE id = $1 AND status = 'open'`, [c.taskId, c.claimedBy]);
  }
  for (const c of records.postComments ?? []) {
    await tx.query(
      `INSERT INTO comments (id, plan_id, author, org, text, field, version_number, version_hash, posted_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (id) DO NOTHING`,
      [c.id, c.planId, c.author, c.org, c.text, c.field ?? null, c.version.number, c.version.hash, at(c.postedAt)],
    );
  }
  for (const h of records.hideComments ?? []) await hideComment(tx, h);
  for (const d of records.disposeComments ?? []) {
    for (const item of d.dispositions) {
      await tx.query(
        `UPDATE comments SET disposition = $2, response = $3, disposed_by = $4, disposed_at = $5 WHERE id = $1 AND plan_id = $6`,
        [item.commentId, item.disposition, item.response, d.actor, at(d.at), planId],
      );
    }
  }
  if (records.status) {
    // An endorsement is dated by its event, written with the status (the library orders by it).
    const endorsed =
      records.status.status === 'ENDORSED' ? records.events?.find((e) => e.type === 'PLAN_ENDORSED') : undefined;
    await tx.query(
      `UPDATE plans SET review_status = $2, review_version = $3, return_to = $4, review_updated_at = now(),
         endorsed_at = COALESCE($6::timestamptz, endorsed_at),
         reached_stage = CASE WHEN array_position($7::text[], $8::text) > COALESCE(array_position($7::text[], reached_stage::text), 0)
           THEN $8::text ELSE reached_stage END
       WHERE id = $1 AND (review_status IS NULL OR review_status <> ALL($5))`,
      [
        planId,
        records.status.status,
        records.status.version.number,
        records.status.returnTo ?? null,
        TERMINAL,
        endorsed ? at(endorsed.at) : null,
        [...STAGES],
        records.status.status,
      ],
    );
  }
  await appendEvents(tx, [...cancellations, ...(records.events ?? [])]);
}

interface CancelledRow {
  id: string;
  type: string;
  stage: string;
  version_number: number;
  version_hash: string;
}

/**
 * Each task the review's end closed without a decision gets its own `TASK_CANCELLED` (DOMAIN §6),
 * in the end's write: the review's own tasks and those of its national consultations, which the
 * workflow does not hold. Named for whoever ended the review, keyed by the end's event and the
 * task, so that a retried write appends nothing twice (it finds no task open anyway).
 */
function endCancellations(events: DomainEvent[], planId: string, rows: CancelledRow[]): DomainEvent[] {
  const end = events.find((e) => e.type === 'PLAN_WITHDRAWN' || e.type === 'PLAN_CANCELLED');
  if (!end) return [];
  return rows.map((row) => ({
    key: `${end.key}/cancelled:${row.id}`,
    planId,
    type: 'TASK_CANCELLED' as const,
    actor: end.actor,
    version: { number: row.version_number, hash: row.version_hash },
    at: end.at,
    payload: { taskId: row.id, taskType: row.type, stage: row.stage, reason: end.type },
  }));
}

/**
 * Hides a comment (DOMAIN §4.2); answers whether this call hid it. The one statement that
 * moderates: during a review through its records, after it by the API.
 */
export async function hideComment(tx: EntityManager, h: CommentHiding): Promise<boolean> {
  const [, hidden] = (await tx.query(
    `UPDATE comments SET hidden = true, hidden_reason = $2, hidden_by = $3, hidden_at = $4 WHERE id = $1 AND hidden = false`,
    [h.commentId, h.reason, h.actor, at(h.at)],
  )) as [unknown, number];
  return hidden > 0;
}
