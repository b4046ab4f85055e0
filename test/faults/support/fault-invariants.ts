import type { DataSource } from 'typeorm';
import { describeFailures, replayEveryHistory } from '../../support/replay-all';
import type { DriveLog } from './plan-journeys';
import type { CallRecord, FaultTimeline, FaultWindow } from './recording-api';

/** The API must answer within this bound during an outage: with a success or a 503. */
export const OUTAGE_ANSWER_BOUND_MS = 5_000;

/** What a case found wrong, one line per problem; every list empty means the case held. */
export interface Findings {
  /** A decision the API confirmed (2xx) that PostgreSQL does not hold, or holds other than confirmed. */
  lostDecisions: string[];
  /** An event key twice, or one fact (a task's completion, a comment, a plan's end) recorded twice. */
  duplicateEvents: string[];
  /** A plan that did not end in the status its journey leads to. */
  wrongEndStatus: string[];
  /** A workflow history that does not replay against the current code. */
  replayFailures: string[];
  /** A call in flight during an outage answered other than 2xx or 503, or later than the bound. */
  outageAnswers: string[];
  /** A fault that could not be injected or undone (a part that would not come back). */
  faultInjection: string[];
  /** An endorsed plan without exactly one adoption record that verifies (DOMAIN §10). */
  adoptionRecords: string[];
}

export interface Figures {
  decisionsChecked: { tasks: number; comments: number; withdrawals: number };
  events: number;
  endStatuses: Record<string, number>;
}

/** Checks the confirmed decisions, the event log and the plans' end statuses in PostgreSQL. */
export async function checkDatabase(
  db: DataSource,
  log: DriveLog,
): Promise<{ findings: Pick<Findings, 'lostDecisions' | 'duplicateEvents' | 'wrongEndStatus'>; figures: Figures }> {
  const lostDecisions: string[] = [];
  const tasks = log.confirmed.flatMap((d) => (d.kind === 'task' ? [d] : []));
  const comments = log.confirmed.flatMap((d) => (d.kind === 'comment' ? [d] : []));
  const withdrawals = log.confirmed.flatMap((d) => (d.kind === 'withdrawal' ? [d] : []));

  const taskRows = new Map<string, { status: string; decision: string | null; completion_key: string | null }>(
    (
      await db.query(`SELECT id, status, decision, completion_key FROM tasks WHERE id = ANY($1::uuid[])`, [
        tasks.map((t) => t.taskId),
      ])
    ).map((r: { id: string }) => [r.id, r]),
  );
  const completedEvents = await countBy(
    db,
    `SELECT payload->>'taskId' AS id, payload->>'decision' AS detail, count(*)::int AS n
       FROM events WHERE type = 'TASK_COMPLETED' AND payload->>'taskId' = ANY($1) GROUP BY 1, 2`,
    tasks.map((t) => t.taskId),
  );
  for (const t of tasks) {
    const row = taskRows.get(t.taskId);
    if (!row) lostDecisions.push(`task ${t.taskId} (plan ${t.planId}): confirmed ${t.decision}, no row in tasks`);
    else if (row.status !== 'completed' || row.decision !== t.decision || row.completion_key !== t.key) {
      lostDecisions.push(
        `task ${t.taskId} (plan ${t.planId}): confirmed ${t.decision} with key ${t.key}, tasks holds ${row.status}/${row.decision}/${row.completion_key}`,
      );
    }
    const events = completedEvents.get(t.taskId) ?? [];
    if (events.length !== 1 || events[0].detail !== t.decision || events[0].n !== 1) {
      lostDecisions.push(
        `task ${t.taskId} (plan ${t.planId}): confirmed ${t.decision}, TASK_COMPLETED events: ${JSON.stringify(events)}`,
      );
    }
  }

  const commentRows = new Set<string>(
    (await db.query(`SELECT id FROM comments WHERE id = ANY($1::uuid[])`, [comments.map((c) => c.commentId)])).map(
      (r: { id: string }) => r.id,
    ),
  );
  const postedEvents = await countBy(
    db,
    `SELECT payload->>'commentId' AS id, '' AS detail, count(*)::int AS n
       FROM events WHERE type = 'COMMENT_POSTED' AND payload->>'commentId' = ANY($1) GROUP BY 1, 2`,
    comments.map((c) => c.commentId),
  );
  for (const c of comments) {
    if (!commentRows.has(c.commentId)) lostDecisions.push(`comment ${c.commentId} (plan ${c.planId}): no row`);
    const n = postedEvents.get(c.commentId)?.[0]?.n ?? 0;
    if (n !== 1) lostDecisions.push(`comment ${c.commentId} (plan ${c.planId}): ${n} COMMENT_POSTED events`);
  }

  const planIds = log.plans.flatMap((p) => (p.id ? [p.id] : []));
  const statuses = new Map<string, string>(
    (await db.query(`SELECT id, status FROM plans WHERE id = ANY($1::uuid[])`, [planIds])).map(
      (r: { id: string; status: string }) => [r.id, r.status],
    ),
  );
  const withdrawnEvents = await countBy(
    db,
    `SELECT plan_id::text AS id, '' AS detail, count(*)::int AS n
       FROM events WHERE type = 'PLAN_WITHDRAWN' AND plan_id = ANY($1::uuid[]) GROUP BY 1, 2`,
    withdrawals.map((w) => w.planId),
  );
  for (const w of withdrawals) {
    const n = withdrawnEvents.get(w.planId)?.[0]?.n ?? 0;
    if (statuses.get(w.planId) !== 'WITHDRAWN' || n !== 1) {
      lostDecisions.push(
        `withdrawal of plan ${w.planId}: status ${statuses.get(w.planId)}, ${n} PLAN_WITHDRAWN events`,
      );
    }
  }

  const duplicateEvents: string[] = [];
  const keys: { key: string; n: number }[] = await db.query(
    `SELECT key, count(*)::int AS n FROM events GROUP BY key HAVING count(*) > 1`,
  );
  duplicateEvents.push(...keys.map((k) => `event key ${k.key} appears ${k.n} times`));
  const facts: { fact: string; n: number }[] = await db.query(
    `SELECT type || ' ' || coalesce(payload->>'taskId', payload->>'commentId') AS fact, count(*)::int AS n
       FROM events
      WHERE type IN ('TASK_CREATED', 'TASK_COMPLETED', 'TASK_CANCELLED', 'COMMENT_POSTED', 'COMMENT_HIDDEN')
      GROUP BY 1 HAVING count(*) > 1
     UNION ALL
     SELECT type || ' of plan ' || plan_id, count(*)::int
       FROM events
      WHERE type IN ('PLAN_SUBMITTED', 'PLAN_ENDORSED', 'PLAN_REJECTED', 'PLAN_WITHDRAWN', 'PLAN_CANCELLED')
      GROUP BY type, plan_id HAVING count(*) > 1`,
  );
  duplicateEvents.push(...facts.map((f) => `${f.fact} recorded ${f.n} times`));

  const wrongEndStatus: string[] = [];
  const endStatuses: Record<string, number> = {};
  for (const plan of log.plans) {
    const status = plan.id ? (statuses.get(plan.id) ?? 'missing') : 'never created';
    endStatuses[status] = (endStatuses[status] ?? 0) + 1;
    if (status !== plan.expected) {
      const why = plan.failure ? `; the driver: ${plan.failure}` : '';
      wrongEndStatus.push(`plan ${plan.id ?? '-'} (${plan.journey}) is ${status}, expected ${plan.expected}${why}`);
    }
  }

  const [{ n: events }] = await db.query(`SELECT count(*)::int AS n FROM events`);
  return {
    findings: { lostDecisions, duplicateEvents, wrongEndStatus },
    figures: {
      decisionsChecked: { tasks: tasks.length, comments: comments.length, withdrawals: withdrawals.length },
      events,
      endStatuses,
    },
  };
}

async function countBy(
  db: DataSource,
  sql: string,
  ids: string[],
): Promise<Map<string, { detail: string | null; n: number }[]>> {
  const rows: { id: string; detail: string | null; n: number }[] = await db.query(sql, [ids]);
  const result = new Map<string, { detail: string | null; n: number }[]>();
  for (const row of rows) result.set(row.id, [...(result.get(row.id) ?? []), { detail: row.detail, n: row.n }]);
  return result;
}

/** Replays every history on the case's Temporal server against the current workflow code. */
export async function checkReplay(address: string, since: Date): Promise<{ replayed: number; failures: string[] }> {
  const report = await replayEveryHistory({ address, since });
  return { replayed: report.replayed, failures: report.failures.length ? describeFailures(report).split('\n') : [] };
}

export interface OutageCall extends CallRecord {
  window: FaultWindow;
  latencyMs: number;
}

/** Every call in flight during an outage window, and those that broke the contract. */
export function checkOutageAnswers(
  calls: CallRecord[],
  timeline: FaultTimeline,
): { during: OutageCall[]; problems: string[] } {
  const during: OutageCall[] = [];
  for (const call of calls) {
    const window = timeline.overlapping(call);
    if (window) during.push({ ...call, window, latencyMs: call.endedAt - call.startedAt });
  }
  const problems = during
    .filter((c) => {
      const allowed = (c.status >= 200 && c.status < 300) || c.status === 503 || (c.refusalAllowed && c.status === 409);
      return !allowed || c.latencyMs > OUTAGE_ANSWER_BOUND_MS;
    })
    .map(
      (c) =>
        `${c.window.kind} outage #${c.window.number}: ${c.route} (${c.startedAt < c.window.start ? 'in flight when it struck' : 'sent during it'}) answered ${c.status || c.failure}${c.code ? ` ${c.code}` : ''} after ${c.latencyMs} ms`,
    );
  return { during, problems };
}

/** "200 ×412 (max 35 ms), 503 ×20 (max 18012 ms)" */
export function describeAnswers(calls: OutageCall[]): string {
  const byStatus = new Map<string, OutageCall[]>();
  for (const c of calls) {
    const status = c.status ? String(c.status) : 'no answer';
    byStatus.set(status, [...(byStatus.get(status) ?? []), c]);
  }
  return [...byStatus.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, list]) => `${status} ×${list.length} (max ${Math.max(...list.map((c) => c.latencyMs))} ms)`)
    .join(', ');
}

/** The slowest answers per route during the outages: "POST /tasks/:id/complete ×12, max 31042 ms, p50 9021 ms". */
export function describeRoutes(calls: OutageCall[]): string[] {
  const byRoute = new Map<string, number[]>();
  for (const c of calls) byRoute.set(c.route, [...(byRoute.get(c.route) ?? []), c.latencyMs]);
  return [...byRoute.entries()]
    .map(([route, latencies]) => {
      const sorted = [...latencies].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      return { route, text: `${route} ×${sorted.length}: p50 ${median} ms, max ${sorted[sorted.length - 1]} ms` };
    })
    .sort((a, b) => a.route.localeCompare(b.route))
    .map((r) => r.text);
}
