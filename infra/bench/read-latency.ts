/**
 * The reads the bench times (issue 12's inbox, plan list and timeline; the admins' monitoring
 * reads; a /metrics scrape), and the EXPLAIN (ANALYZE, BUFFERS) of every SELECT each read runs,
 * captured from the service itself.
 */
import { DataSource, type Logger } from 'typeorm';
import { loadConfig } from '@aoc/config/config.schema';
import type { Actor } from '@aoc/domain/actor';
import { ENTITIES } from '@aoc/persistence/data-source';
import { withClient } from '@aoc/persistence/database-admin';
import type { ApiClient } from '../../apps/cli/src/api-client';
import { DEMO_USERS, type DemoUser } from '../../apps/cli/src/demo-users';
import { PlansService } from '../../apps/api/src/plans/plans.service';
import { UserDirectory } from '../../apps/api/src/auth/user-directory';
import type { EventStreamHub } from '../../apps/api/src/notifications/event-stream.hub';
import { TasksService } from '../../apps/api/src/tasks/tasks.service';
import type { ReviewGateway } from '../../apps/api/src/temporal/review.gateway';
import { InboxQuery } from '../../apps/api/src/tasks/dto/task.dto';
import { ListPlansQuery } from '../../apps/api/src/plans/dto/list-plans.query';
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
const plansService = (db: DataSource) => new PlansService(db, undefined as unknown as ReviewGateway, CONFIG);
const adminService = (db: DataSource) => new AdminService(db, CONFIG);
const tasksService = (db: DataSource) =>
  new TasksService(
    db,
    undefined as unknown as ReviewGateway,
    undefined as unknown as PlansService,
    undefined as unknown as UserDirectory,
    undefined as unknown as EventStreamHub,
    CONFIG,
  );

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
      explain: (db: DataSource) =>
        tasksService(db).inbox(DEMO_USERS[user] as Actor, Object.assign(new InboxQuery(), {})),
    })),
    {
      read: 'plan list (consultee-pt-education)',
      user: 'consultee-pt-education',
      path: '/plans',
      explain: (db) => plansService(db).list(DEMO_USERS['consultee-pt-education'] as Actor, new ListPlansQuery()),
    },
    {
      read: 'plan list (admin-ops)',
      user: 'admin-ops',
      path: '/plans',
      explain: (db) => plansService(db).list(DEMO_USERS['admin-ops'] as Actor, new ListPlansQuery()),
    },
    {
      read: `timeline page (${SIZE.bigTimeline} events, first 500)`,
      user: 'admin-ops',
      path: `/plans/${bigPlan}/timeline`,
      explain: (db) => plansService(db).timeline(DEMO_USERS['admin-ops'] as Actor, bigPlan, {}),
    },
    {
      read: 'timeline page (after a cursor, 500)',
      user: 'admin-ops',
      path: `/plans/${bigPlan}/timeline?after=5000`,
      explain: (db) => plansService(db).timeline(DEMO_USERS['admin-ops'] as Actor, bigPlan, { after: '5000' }),
    },
    {
      read: 'plan list (admin-ops, sort=-updatedAt, submitter)',
      user: 'admin-ops',
      path: '/plans?sort=-updatedAt&submitter=submitter-pt',
      explain: (db) =>
        plansService(db).list(
          DEMO_USERS['admin-ops'] as Actor,
          Object.assign(new ListPlansQuery(), { sort: '-updatedAt', submitter: 'submitter-pt' }),
        ),
    },
    {
      read: 'inbox (admin-ops, overdue, country, sort=-dueAt)',
      user: 'admin-ops',
      path: '/tasks?overdue=false&country=PT&sort=-dueAt',
      explain: (db: DataSource) =>
        tasksService(db).inbox(
          DEMO_USERS['admin-ops'] as Actor,
          Object.assign(new InboxQuery(), { overdue: false, country: 'PT', sort: '-dueAt' }),
        ),
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
