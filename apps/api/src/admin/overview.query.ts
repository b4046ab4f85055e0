/**
 * The overview's SQL (DOMAIN §7), one statement for each figure, each read from an index:
 * - plans by status (and REVISION by the stage it returns to): idx_plans_status (status, id);
 * - open and overdue tasks by stage: idx_tasks_open_stage (an index-only scan);
 * - the time in each stage of the plans that left it since `since`: each STAGE_COMPLETED of the
 *   window (idx_events_stage_completed_at) paired with the plan's STAGE_ENTERED just before it
 *   (idx_events_stage_entered, an index-only scan: a review's stages follow one another, so the
 *   entry just before a completion is that stage's).
 */

/** Plans by status (an index-only scan of idx_plans_status), and those in REVISION by the stage they return to. */
export const PLANS_BY_STATUS_SQL = `SELECT p.status, NULL AS return_to, count(*)::int AS plans FROM plans p GROUP BY p.status
  UNION ALL
  SELECT 'REVISION', p.return_to, count(*)::int FROM plans p WHERE p.status = 'REVISION' GROUP BY p.return_to`;

export const OPEN_TASKS_BY_STAGE_SQL = `SELECT t.stage, count(*)::int AS open, count(*) FILTER (WHERE t.due_at < now())::int AS overdue
  FROM tasks t WHERE t.status = 'open' GROUP BY t.stage`;

/** The pairs of a stage's entry and completion: `since` ($1) bounds the completions. */
export const STAGE_SPANS_SQL = `SELECT c.payload ->> 'stage' AS stage, c.id AS completed_id,
    EXTRACT(EPOCH FROM (c.at - entered.at)) * 1000 AS ms
  FROM events c
  CROSS JOIN LATERAL (
    SELECT s.at FROM events s
    WHERE s.plan_id = c.plan_id AND s.type = 'STAGE_ENTERED' AND s.id < c.id
    ORDER BY s.id DESC LIMIT 1
  ) entered`;

export const STAGE_TIMES_SQL = `SELECT x.stage, count(*)::int AS completed,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ms) AS p50,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY x.ms) AS p90
  FROM (${STAGE_SPANS_SQL} WHERE c.type = 'STAGE_COMPLETED' AND c.at >= $1) x
  GROUP BY x.stage`;
