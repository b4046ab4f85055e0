/**
 * The reads the bench times (issue 12's inbox, plan list and timeline; the admins' monitoring
 * reads; a /metrics scrape), and the EXPLAIN (ANALYZE, BUFFERS) of every SELECT each read runs,
 * captured from the repositories' functions, called as the services call them.
 */
import { DataSource, type Logger } from 'typeorm';
import { loadConfig } from '@aoc/config/config.schema';
import { type Actor, hasRole } from '@aoc/domain/actor';
import { planVisibility } from '@aoc/domain/plan.policy';
import { deciderScope } from '@aoc/domain/review/decision.rules';
import { ENTITIES } from '@aoc/persistence/data-source';
import { withClient } from '@aoc/persistence/database-admin';
import { planEventsPage } from '@aoc/persistence/repositories/event-log';
import { findPlan, listPlans, type PlanListFilter, type PlanListSort } from '@aoc/persistence/repositories/plans';
import { type InboxFilter, type InboxSort, readInbox } from '@aoc/persistence/repositories/tasks';
import type { ApiClient } from '@aoc/demo/api-client';
import { DEMO_USERS, type DemoUser } from '@aoc/demo/demo-users';
import { InboxQuery } from '../../apps/api/src/tasks/dto/task.dto';
import { ListPlansQuery } from '../../apps/api/src/plans/dto/list-plans.query';
import { TIMELINE_DEFAULT_LIMIT } from '../../apps/api/src/plans/dto/timeline.query';
import { AdminService } from '../../apps/api/src/admin/admin.service';
import { OverviewQuery, WaitingOnQuery } from '../../apps/api/src/admin/dto/admin.query';
import { log, SIZE } from './bench-options';
import { BENCH_PLAN_SQL } from './bench-seed';
import { measure, type Row } from './bench-stats';

/** A read: the page a reader asks for, and the service call it makes (to EXPLAIN its queries). */
export interface BenchRead {
  read: string;
  user: DemoUser;
  path: string;
  explain: (db: DataSource) => Promise<unknown>;
}

/** The services' configuration: the defaults (the figures do not depend on it). */
const CONFIG = loadConfig({ NODE_ENV: 'test' });
const adminService = (db: DataSource) => new AdminService(db, CONFIG);

/**
 * The first page of an inbox as `user` reads it: the repository's queries, given what the tasks
 * service gives them (an admin reads every task).
 */
function inbox(db: DataSource, user: DemoUser, filter: Partial<InboxFilter> = {}, sort?: InboxSort) {
  const actor = DEMO_USERS[user] as Actor;
  const reader = hasRole(actor, 'admin') ? 'admin' : deciderScope(actor);
  const { pageSize } = new InboxQuery();
  return readInbox(db.manager, reader, { status: 'open', ...filter }, { limit: pageSize, offset: 0 }, sort);
}

/** The first page of the plan list as `user` reads it: the repository's query, given what the plans service gives it. */
function planList(db: DataSource, user: DemoUser, filter: PlanListFilter = {}, sort?: PlanListSort) {
  const actor = DEMO_USERS[user] as Actor;
  const { pageSize } = new ListPlansQuery();
  return listPlans(db.manager, { visibility: planVisibility(actor), sub: actor.sub }, filter, {
    sort,
    offset: 0,
    limit: pageSize,
  });
}

/** A page of a plan's timeline as the plans service reads it: the plan, then its events (one more, to know of a next page). */
async function timelinePage(db: DataSource, planId: string, after?: string) {
  await findPlan(db.manager, planId);
  return planEventsPage(db.manager, planId, after, TIMELINE_DEFAULT_LIMIT + 1);
}

/** The seeded plan with the long timeline. */
export async function firstPlanId(url: string): Promise<string> {
  return withClient(url, async (c) => (await c.query(`SELECT ${BENCH_PLAN_SQL('0')} AS id`)).rows[0].id as string);
}

/** Every read the bench times, `bigPlan`'s timeline among them. */
export function benchReads(bigPlan: string): BenchRead[] {
  return [
    ...(['consultee-pt-education', 'secretariat-anna', 'admin-ops', 'gof-es'] as DemoUser[]).map((user) => ({
      read: `inbox (${user})`,
      user,
      path: '/tasks',
      explain: (db: DataSource) => inbox(db, user),
    })),
    {
      read: 'plan list (consultee-pt-education)',
      user: 'consultee-pt-education',
      path: '/plans',
      explain: (db) => planList(db, 'consultee-pt-education'),
    },
    {
      read: 'plan list (admin-ops)',
      user: 'admin-ops',
      path: '/plans',
      explain: (db) => planList(db, 'admin-ops'),
    },
    {
      read: `timeline page (${SIZE.bigTimeline} events, first 500)`,
      user: 'admin-ops',
      path: `/plans/${bigPlan}/timeline`,
      explain: (db) => timelinePage(db, bigPlan),
    },
    {
      read: 'timeline page (after a cursor, 500)',
      user: 'admin-ops',
      path: `/plans/${bigPlan}/timeline?after=5000`,
      explain: (db) => timelinePage(db, bigPlan, '5000'),
    },
    {
      read: 'plan list (admin-ops, sort=-updatedAt, submitter)',
      user: 'admin-ops',
      path: '/plans?sort=-updatedAt&submitter=submitter-pt',
      explain: (db) => planList(db, 'admin-ops', { submitter: 'submitter-pt' }, '-updatedAt'),
    },
    {
      read: 'inbox (admin-ops, overdue, country, sort=-dueAt)',
      user: 'admin-ops',
      path: '/tasks?overdue=false&country=PT&sort=-dueAt',
      explain: (db: DataSource) => inbox(db, 'admin-ops', { overdue: false, country: 'PT' }, '-dueAt'),
    },
    // Monitoring (docs/monitoring.md): targets p99 < 50 ms.
    {
      read: 'admin overview (90 days)',
      user: 'admin-ops',
      path: '/admin/overview',
      explain: (db) => adminService(db).overview(new OverviewQuery()),
    },
    {
      read: 'admin waiting-on (first page of 50)',
      user: 'admin-ops',
      path: '/admin/waiting-on',
      explain: (db) => adminService(db).waitingOn(new WaitingOnQuery()),
    },
    {
      read: 'admin waiting-on (stage, country, overdue=false)',
      user: 'admin-ops',
      path: '/admin/waiting-on?stage=NATIONAL_CONSULTATION&country=PT&overdue=false',
      explain: (db) =>
        adminService(db).waitingOn(
          Object.assign(new WaitingOnQuery(), { stage: 'NATIONAL_CONSULTATION', country: 'PT', overdue: false }),
        ),
    },
  ];
}

/** Each read timed through HTTP (a read the API answers other than 200 is skipped), then a GET /metrics scrape. */
export async function measureReads(api: ApiClient, reads: BenchRead[]): Promise<Row[]> {
  // One token for each reader, minted once: the figures are of the server, not of signing.
  const tokens = new Map<DemoUser, string>();
  for (const user of ['consultee-pt-education', 'secretariat-anna', 'admin-ops', 'gof-es'] as DemoUser[]) {
    tokens.set(user, await api.token(user));
  }
  const bytes = new Map<string, number>();
  const get = (user: DemoUser, p: string) => async () => {
    const response = await fetch(`${api.baseUrl}/api${p}`, {
      headers: { authorization: `Bearer ${tokens.get(user)}` },
    });
    bytes.set(p, (await response.arrayBuffer()).byteLength);
    if (response.status !== 200) throw new Error(`GET ${p} as ${user} answered ${response.status}`);
  };
  const rows: Row[] = [];
  for (const read of reads) {
    const probe = await api.request(read.user, 'GET', read.path);
    if (probe.status !== 200) {
      // e.g. the timeline's cursor on a version of the API before it (run to compare with a base).
      log(`skipped ${read.read}: answered ${probe.status}`);
      continue;
    }
    rows.push(
      ...(await measure(read.read, get(read.user, read.path))).map((r) => ({ ...r, bytes: bytes.get(read.path) })),
    );
    log(`measured ${read.read}`);
  }

  // GET /metrics (outside /api): the scrape reads the review's gauges from PostgreSQL.
  const scrape = async () => {
    const response = await fetch(`${api.baseUrl}/metrics`);
    bytes.set('/metrics', (await response.arrayBuffer()).byteLength);
    if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
  };
  rows.push(...(await measure('GET /metrics (scrape)', scrape)).map((r) => ({ ...r, bytes: bytes.get('/metrics') })));
  log('measured GET /metrics');
  return rows;
}

/** Captures the SQL a service runs, to EXPLAIN it. */
class CapturingLogger implements Logger {
  queries: { sql: string; params: unknown[] }[] = [];
  logQuery(sql: string, params?: unknown[]) {
    if (/^\s*(SELECT|WITH)\b/i.test(sql)) this.queries.push({ sql, params: params ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

/** Prints the EXPLAIN (ANALYZE, BUFFERS) of each SELECT each read's service call runs on `url`'s database. */
export async function explainReads(url: string, reads: BenchRead[]): Promise<void> {
  log('\n## Query plans (EXPLAIN (ANALYZE, BUFFERS) of each SELECT the read runs)\n');
  const logger = new CapturingLogger();
  const explainDb = await new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    logger,
    logging: true,
  }).initialize();
  try {
    for (const read of reads) {
      logger.queries = [];
      await read.explain(explainDb);
      const queries = logger.queries;
      logger.queries = [];
      for (const [i, q] of queries.entries()) {
        const plan: { 'QUERY PLAN': string }[] = await explainDb.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
        logger.queries = [];
        log(`### ${read.read}: query ${i + 1} of ${queries.length}\n${q.sql.trim()}\n`);
        log(plan.map((p) => `    ${p['QUERY PLAN']}`).join('\n'));
        log('');
      }
    }
  } finally {
    await explainDb.destroy();
  }
}
