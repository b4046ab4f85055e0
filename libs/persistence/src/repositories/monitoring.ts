import type { EntityManager } from 'typeorm';

/**
 * The monitoring reads (DOMAIN §7): the admins' overview and the figures Prometheus scrapes, one
 * statement for each figure, each read from an index:
 * - plans by status (and REVISION by the stage it returns to): idx_plans_status (status, id);
 * - open and overdue tasks by stage: idx_tasks_open_stage (an index-only scan);
 * - the time in each stage of the plans that left it since `since`: each STAGE_COMPLETED of the
 *   window (idx_events_stage_completed_at) paired with the plan's STAGE_ENTERED just before it
 *   (idx_events_stage_entered, an index-only scan: a review's stages follow one another, so the
 *   entry just before a completion is that stage's).
 */

/** Plans by status (an index-only scan of idx_plans_status), and those in REVISION by the stage they return to. */
const PLANS_BY_STATUS_SQL = `SELECT p.status, NULL AS return_to, count(*)::int AS plans FROM plans p GROUP BY p.status
  UNION ALL
  SELECT 'REVISION', p.return_to, count(*)::int FROM plans p WHERE p.status = 'REVISION' GROUP BY p.return_to`;

const OPEN_TASKS_BY_STAGE_SQL = `SELECT t.stage, count(*)::int AS open, count(*) FILTER (WHERE t.due_at < now())::int AS overdue
  FROM tasks t WHERE t.status = 'open' GROUP BY t.stage`;

/** The pairs of a stage's entry and completion: `since` ($1) bounds the completions. */
const STAGE_SPANS_SQL = `SELECT c.payload ->> 'stage' AS stage, c.id AS completed_id,
    EXTRACT(EPOCH FROM (c.at - entered.at)) * 1000 AS ms
  FROM events c
  CROSS JOIN LATERAL (
    SELECT s.at FROM events s
    WHERE s.plan_id = c.plan_id AND s.type = 'STAGE_ENTERED' AND s.id < c.id
    ORDER BY s.id DESC LIMIT 1
  ) entered`;

const STAGE_TIMES_SQL = `SELECT x.stage, count(*)::int AS completed,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ms) AS p50,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY x.ms) AS p90
  FROM (${STAGE_SPANS_SQL} WHERE c.type = 'STAGE_COMPLETED' AND c.at >= $1) x
  GROUP BY x.stage`;

type Db = Pick<EntityManager, 'query' | 'transaction'>;

export interface PlansByStatusRow {
  status: string;
  /** Set only on the rows of plans in REVISION: the stage they return to. */
  return_to: string | null;
  plans: number;
}
export interface OpenTasksRow {
  stage: string;
  open: number;
  overdue: number;
}
export interface StageTimesRow {
  stage: string;
  completed: number;
  p50: number | null;
  p90: number | null;
}
export interface StageSpanRow {
  stage: string;
  completed_id: string;
  ms: string;
}
export interface DeliveriesRow {
  channel: string;
  status: string;
  deliveries: number;
}

/** Plans by status, and those in REVISION by the stage they return to. */
export function plansByStatus(db: Db): Promise<PlansByStatusRow[]> {
  return db.query(PLANS_BY_STATUS_SQL);
}

/** Open and overdue tasks by stage. */
export function openTasksByStage(db: Db): Promise<OpenTasksRow[]> {
  return db.query(OPEN_TASKS_BY_STAGE_SQL);
}

/** The median and 90th percentile of the time in each stage, over the completions since `since`. */
export function stageTimes(db: Db, since: Date): Promise<StageTimesRow[]> {
  // Without JIT: PostgreSQL estimates the completions from the whole log's times, overestimates
  // them and compiles the query (6 ms on the bench) to save less than it costs.
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL jit = off');
    return tx.query(STAGE_TIMES_SQL, [since]) as Promise<StageTimesRow[]>;
  });
}

/** Each stage's time, for every STAGE_COMPLETED whose id is above `afterId`, in id order. */
export function stageSpansAfter(db: Db, afterId: number): Promise<StageSpanRow[]> {
  return db.query(`${STAGE_SPANS_SQL} WHERE c.type = 'STAGE_COMPLETED' AND c.id > $1 ORDER BY c.id`, [afterId]);
}

/** Notification deliveries by channel and outcome (status: pending, delivered, failed). */
export function deliveriesByOutcome(db: Db): Promise<DeliveriesRow[]> {
  return db.query(
    `SELECT d.channel, d.status, count(*)::int AS deliveries FROM notification_deliveries d GROUP BY d.channel, d.status`,
  );
}

/** Whether PostgreSQL answers a statement (the readiness check): throws when it does not. */
export async function pingDatabase(db: Pick<EntityManager, 'query'>): Promise<void> {
  await db.query('SELECT 1');
}
