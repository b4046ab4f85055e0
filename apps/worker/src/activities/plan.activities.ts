import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  PROJECTION_REFUSED,
  PlanActivities,
  ProjectionBatch,
  VersionSnapshot,
} from '@aoc/workflows/activities.contract';
import { GofSeatEntity, PlanVersionEntity } from '@aoc/persistence';

const at = (ms: number) => new Date(ms);

/**
 * The workflows' only way to PostgreSQL. Each projection batch is one transaction of
 * idempotent writes (unique keys, conditional updates), so a retried activity changes nothing.
 */
export function createPlanActivities(dataSource: DataSource): PlanActivities {
  return {
    async project(batch: ProjectionBatch): Promise<void> {
      try {
        await dataSource.transaction((tx) => applyBatch(tx, batch));
      } catch (error) {
        const sqlState = dataExceptionOf(error);
        if (!sqlState) throw error;
        throw ApplicationFailure.create({
          type: PROJECTION_REFUSED,
          nonRetryable: true,
          message: `PostgreSQL refused the projection of plan ${batch.planId} (SQLSTATE ${sqlState}): ${(error as Error).message}`,
          details: [{ sqlState }],
        });
      }
    },

    async loadVersion(planId: string, number: number): Promise<VersionSnapshot> {
      const row = await dataSource.getRepository(PlanVersionEntity).findOneBy({ planId, number });
      if (!row) {
        throw ApplicationFailure.nonRetryable(`plan ${planId} has no version ${number}`, 'VersionNotFound');
      }
      return { version: { number: row.number, hash: row.hash }, content: row.content };
    },

    async listGofSeats(): Promise<string[]> {
      const seats = await dataSource.getRepository(GofSeatEntity).find({ order: { seat: 'ASC' } });
      return seats.map((s) => s.seat);
    },
  };
}

/** The SQLSTATE of a data exception (class 22: bad bytes, out-of-range values), which no retry can mend. */
function dataExceptionOf(error: unknown): string | undefined {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ??
    (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22') ? code : undefined;
}

async function applyBatch(tx: EntityManager, batch: ProjectionBatch): Promise<void> {
  const { planId } = batch;
  for (const task of batch.createTasks ?? []) {
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
  for (const { outcome, idempotencyKey } of batch.completeTasks ?? []) {
    await tx.query(
      `UPDATE tasks SET status = 'completed', decision = $2, comment = $3, reason = $4, dispositions = $5,
         completed_by = $6, completed_at = $7, completion_key = $8
       WHERE id = $1 AND status = 'open'`,
      [
        outcome.taskId,
        outcome.decision,
        outcome.comment ?? null,
        outcome.reason ?? null,
        outcome.dispositions ? JSON.stringify(outcome.dispositions) : null,
        outcome.actor,
        at(outcome.completedAt),
        idempotencyKey ?? null,
      ],
    );
  }
  if (batch.cancelTasks === 'all-open') {
    await tx.query(`UPDATE tasks SET status = 'cancelled' WHERE plan_id = $1 AND status = 'open'`, [planId]);
  } else if (batch.cancelTasks?.length) {
    await tx.query(`UPDATE tasks SET status = 'cancelled' WHERE id = ANY($1) AND status = 'open'`, [batch.cancelTasks]);
  }
  for (const move of batch.moveDeadlines ?? []) {
    await tx.query(`UPDATE tasks SET due_at = GREATEST(due_at, $2) WHERE id = $1`, [move.taskId, at(move.dueAt)]);
  }
  for (const r of batch.reassignTasks ?? []) {
    await tx.query(`UPDATE tasks SET assignee = $2, claimed_by = NULL WHERE id = $1 AND status = 'open'`, [
      r.taskId,
      r.assignee,
    ]);
  }
  for (const c of batch.postComments ?? []) {
    await tx.query(
      `INSERT INTO comments (id, plan_id, author, org, text, field, version_number, version_hash, posted_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (id) DO NOTHING`,
      [c.id, c.planId, c.author, c.org, c.text, c.field ?? null, c.version.number, c.version.hash, at(c.postedAt)],
    );
  }
  for (const h of batch.hideComments ?? []) {
    await tx.query(
      `UPDATE comments SET hidden = true, hidden_reason = $2, hidden_by = $3, hidden_at = $4 WHERE id = $1 AND hidden = false`,
      [h.commentId, h.reason, h.actor, at(h.at)],
    );
  }
  for (const d of batch.disposeComments ?? []) {
    for (const item of d.dispositions) {
      await tx.query(
        `UPDATE comments SET disposition = $2, response = $3, disposed_by = $4, disposed_at = $5 WHERE id = $1 AND plan_id = $6`,
        [item.commentId, item.disposition, item.response, d.actor, at(d.at), planId],
      );
    }
  }
  if (batch.status) {
    await tx.query(
      `UPDATE plans SET status = $2, review_version = $3, return_to = $4, updated_at = now()
       WHERE id = $1 AND status NOT IN ('ENDORSED', 'WITHDRAWN', 'REJECTED', 'CANCELLED')`,
      [planId, batch.status.status, batch.status.version.number, batch.status.returnTo ?? null],
    );
  }
  for (const e of batch.events ?? []) {
    await tx.query(
      `INSERT INTO events (key, plan_id, type, actor, version_number, version_hash, at, payload)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (key) DO NOTHING`,
      [
        e.key,
        e.planId,
        e.type,
        e.actor,
        e.version?.number ?? null,
        e.version?.hash ?? null,
        at(e.at),
        JSON.stringify(e.payload),
      ],
    );
  }
}
