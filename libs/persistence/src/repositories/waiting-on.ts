import type { EntityManager } from 'typeorm';
import { invalid } from '@aoc/domain/domain-error';
import type { Stage } from '@aoc/domain/plan.types';
import type { SqlQuery } from './tasks';

/**
 * Who each open plan waits on now (DOMAIN §7), as ONE statement. A plan's blockers are:
 * - its open tasks: the plan's own, and those of its national consultations (child workflows
 *   write their tasks under the same plan id, with their own workflow id);
 * - in REVISION: its submitter, who owes a new version (the review sets no due date for it);
 * - in CIVIL_SOCIETY_COMMENT with no open task: the comment window, until its closing time (the
 *   latest `commentWindowClosesAt` its events recorded: the stage's entry or a deadline moved);
 * - in GOF_ENDORSEMENT with no open task: no seat to endorse it (DOMAIN §4.4, §7); it waits on the
 *   admins to add one, with no due date.
 *
 * A plan's key is its earliest due date ('infinity' when it has none): most overdue first, then
 * by plan id; the cursor is the last row's (key, plan id). The keys are read from the partial
 * indexes on open tasks (idx_tasks_open_plan, or idx_tasks_open_stage with a stage), plans by
 * status (idx_plans_status) and the comment window's events (idx_events_comment_window); the
 * details only for the page's plans.
 *
 * Reads only: `tasks` and the plans' review columns are written by `review-records.ts`, the rest of
 * `plans` by `plans.ts`, `events` by `event-log.ts`, `users` by `users.ts`.
 */

/** Where a plan waits: a stage, or REVISION (on its submitter). */
export type WaitingStage = Stage | 'REVISION';

export interface WaitingOnFilter {
  /** One plan's blockers only (the plan page's "Waiting on"). */
  planId?: string;
  stage?: WaitingStage;
  country?: string;
  overdue?: boolean;
  limit: number;
  after?: { key: string; planId: string };
}

export interface WaitingOnRow {
  total: number;
  key: string | null;
  plan_id: string | null;
  title: string;
  kind: string;
  status: string;
  countries: string[];
  submitted_by: string | null;
  plan_workflow_id: string | null;
  blocker: string;
  stage: string;
  task_id: string | null;
  task_type: string | null;
  workflow_id: string | null;
  country: string | null;
  body: string | null;
  seat: string | null;
  assignee: string | null;
  candidate_role: string;
  claimed_by: string | null;
  due_at: Date | null;
  overdue: boolean;
  return_to: string | null;
  held_by_nobody: boolean;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The latest closing time the comment window's events recorded for plan `p`. */
const WINDOW_CLOSE = `(SELECT (e.payload ->> 'commentWindowClosesAt')::timestamptz FROM events e
     WHERE e.plan_id = p.id AND (e.payload ->> 'commentWindowClosesAt') IS NOT NULL ORDER BY e.id DESC LIMIT 1)`;
const NO_OPEN_TASK = `NOT EXISTS (SELECT 1 FROM tasks o WHERE o.plan_id = p.id AND o.status = 'open')`;

/** Which kinds of blocker a stage filter keeps. */
function kinds(stage: WaitingStage | undefined) {
  return {
    tasks: stage !== 'REVISION',
    revision: stage === undefined || stage === 'REVISION',
    window: stage === undefined || stage === 'CIVIL_SOCIETY_COMMENT',
    seats: stage === undefined || stage === 'GOF_ENDORSEMENT',
  };
}

/**
 * A task nobody holds (DOMAIN §12): no user, registered or seen, not retired and with a known
 * scope, is its assignee or holds its candidate role and scope.
 */
const HELD_BY_NOBODY = `CASE WHEN b.blocker = 'task' THEN NOT EXISTS (SELECT 1 FROM users u
        WHERE u.retired_at IS NULL AND NOT u.scope_unknown AND (u.id = b.assignee OR (b.assignee IS NULL
          AND b.candidate_role = ANY(u.roles) AND (b.country IS NULL OR u.country = b.country)
          AND (b.body IS NULL OR u.body = b.body) AND (b.seat IS NULL OR u.seat = b.seat))))
      ELSE false END`;

export function waitingOnQuery(filter: WaitingOnFilter): SqlQuery {
  const params = new Params();
  const want = kinds(filter.stage);
  const taskStage = filter.stage && filter.stage !== 'REVISION' ? ` AND t.stage = ${params.add(filter.stage)}` : '';

  // Each open plan's earliest due date ('infinity': none), from the indexes alone where it can. The
  // branches are disjoint (a plan without an open task is in the second or third at most), so no
  // branch needs grouping but the first, which PostgreSQL groups in the index's order.
  const keyBranches: string[] = [];
  if (want.tasks) {
    keyBranches.push(
      `SELECT t.plan_id, min(t.due_at) FROM tasks t WHERE t.status = 'open'${taskStage} GROUP BY t.plan_id`,
    );
  }
  if (want.revision) {
    keyBranches.push(
      `SELECT p.id, 'infinity'::timestamptz FROM plans p WHERE p.status = 'REVISION' AND ${NO_OPEN_TASK}`,
    );
  }
  if (want.window) {
    keyBranches.push(
      `SELECT p.id, COALESCE(${WINDOW_CLOSE}, 'infinity'::timestamptz) FROM plans p
        WHERE p.status = 'CIVIL_SOCIETY_COMMENT' AND ${NO_OPEN_TASK}`,
    );
  }

  if (want.seats) {
    keyBranches.push(
      `SELECT p.id, 'infinity'::timestamptz FROM plans p WHERE p.status = 'GOF_ENDORSEMENT' AND ${NO_OPEN_TASK}`,
    );
  }

  const planFilters: string[] = [];
  if (filter.planId) planFilters.push(`k.plan_id = ${params.add(filter.planId)}::uuid`);
  if (filter.country) planFilters.push(`p.countries @> ARRAY[${params.add(filter.country)}]::text[]`);
  if (filter.overdue === true) planFilters.push(`k.key < now()`);
  if (filter.overdue === false) planFilters.push(`k.key >= now()`);

  const cursor = filter.after
    ? `WHERE (f.key, f.plan_id) > (${params.add(filter.after.key)}::timestamptz, ${params.add(filter.after.planId)}::uuid)`
    : '';
  const limit = Math.trunc(filter.limit);

  // The page's plans' blockers, with what a reader needs of each.
  const details: string[] = [];
  if (want.tasks) {
    details.push(`SELECT t.plan_id, 'task' AS blocker, t.stage, t.id AS task_id, t.type AS task_type, t.workflow_id,
        t.candidate_country AS country, t.candidate_body AS body, t.candidate_seat AS seat, t.assignee,
        t.candidate_role, t.claimed_by, t.due_at, NULL AS return_to
      FROM tasks t WHERE t.status = 'open' AND t.plan_id IN (SELECT plan_id FROM page)${taskStage}`);
  }
  if (want.revision) {
    details.push(`SELECT p.id AS plan_id, 'revision', 'REVISION', NULL, NULL, NULL, NULL, NULL, NULL, p.submitted_by,
        'submitter', NULL, NULL::timestamptz, p.return_to
      FROM plans p WHERE p.status = 'REVISION' AND ${NO_OPEN_TASK} AND p.id IN (SELECT plan_id FROM page)`);
  }
  if (want.window) {
    details.push(`SELECT p.id AS plan_id, 'comment_window', 'CIVIL_SOCIETY_COMMENT', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        'cso', NULL, ${WINDOW_CLOSE}, NULL
      FROM plans p WHERE p.status = 'CIVIL_SOCIETY_COMMENT' AND ${NO_OPEN_TASK} AND p.id IN (SELECT plan_id FROM page)`);
  }

  if (want.seats) {
    details.push(`SELECT p.id AS plan_id, 'no_seats', 'GOF_ENDORSEMENT', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        'admin', NULL, NULL::timestamptz, NULL
      FROM plans p WHERE p.status = 'GOF_ENDORSEMENT' AND ${NO_OPEN_TASK} AND p.id IN (SELECT plan_id FROM page)`);
  }

  const text = `WITH keys (plan_id, key) AS (
    ${keyBranches.join('\n    UNION ALL\n    ')}
  ),
  filtered AS (
    SELECT k.plan_id, k.key FROM keys k${filter.country ? ' JOIN plans p ON p.id = k.plan_id' : ''}
    ${planFilters.length > 0 ? `WHERE ${planFilters.join(' AND ')}` : ''}
  ),
  page AS (
    SELECT f.plan_id, f.key FROM filtered f ${cursor} ORDER BY f.key, f.plan_id LIMIT ${limit}
  ),
  blockers (plan_id, blocker, stage, task_id, task_type, workflow_id, country, body, seat, assignee,
    candidate_role, claimed_by, due_at, return_to) AS (
    ${details.join('\n    UNION ALL\n    ')}
  )
  SELECT c.total, d.*
  FROM (SELECT count(*)::int AS total FROM filtered) c
  LEFT JOIN (
    SELECT CASE WHEN pg.key = 'infinity' THEN 'infinity'
             ELSE to_char(pg.key AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END AS key,
      pg.key AS sort_key, p.id AS plan_id, p.title, p.kind, p.status, p.countries, p.submitted_by,
      p.workflow_id AS plan_workflow_id, b.blocker, b.stage, b.task_id, b.task_type, b.workflow_id, b.country, b.body,
      b.seat, b.assignee, b.candidate_role, b.claimed_by, b.due_at, COALESCE(b.due_at < now(), false) AS overdue,
      b.return_to, ${HELD_BY_NOBODY} AS held_by_nobody
    FROM page pg JOIN plans p ON p.id = pg.plan_id JOIN blockers b ON b.plan_id = pg.plan_id
  ) d ON true
  ORDER BY d.sort_key, d.plan_id, d.due_at NULLS LAST, d.task_id`;
  return { text, params: params.values };
}

/** The rows of `waitingOnQuery`: each blocker of the page's plans, in order; one row with the count alone past the end. */
export function readWaitingOn(db: Pick<EntityManager, 'query'>, filter: WaitingOnFilter): Promise<WaitingOnRow[]> {
  const sql = waitingOnQuery(filter);
  return db.query(sql.text, sql.params);
}

/** The cursor: `<key>|<plan id>`, where the key is a due date to the microsecond, as PostgreSQL wrote it, or infinity. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY = /^(infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/;

/** The cursor of a waiting-on page: the last plan's key and id, base64url. */
export const encodeCursor = (key: string, planId: string) => Buffer.from(`${key}|${planId}`).toString('base64url');

export function decodeCursor(after: string): { key: string; planId: string } {
  const [key, planId, ...rest] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  const wellFormed = rest.length === 0 && KEY.test(key ?? '') && UUID.test(planId ?? '');
  // A date that JavaScript rolls over (February 30th) is not one PostgreSQL takes: refused here.
  const realDate =
    key === 'infinity' ||
    (Number.isFinite(Date.parse(key)) && new Date(Date.parse(key)).toISOString().slice(0, 23) === key.slice(0, 23));
  if (!wellFormed || !realDate) {
    throw invalid('after must be the nextAfter of a previous page of waiting-on; start again without it');
  }
  return { key, planId };
}
