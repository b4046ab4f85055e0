/**
 * `npm run bench [-- --quick] [-- --json FILE]`: the performance figures of issue 12, on servers of
 * its own. It starts (or reuses) PostgreSQL (DATABASE_URL, else this machine's on 5432) and makes a
 * database of its own, starts a Temporal dev server, the worker and the API (the built dist/, as
 * `npm start` runs them), seeds the database (10k plans, 100k tasks, 1M events; --quick: a tenth of
 * the plans and tasks, 100k events), then prints:
 * - p50/p99 of the inbox (consultee, secretariat, admin; with the filters and sort), the plan list
 *   (also sorted and filtered), a timeline page, the admins' overview and waiting-on (targets: p99
 *   under 50 ms) and a GET /metrics scrape, each sequential and at concurrency 8;
 * - the latency of a decision through the API against a bare-Temporal baseline (a minimal workflow
 *   taking the same Update, no HTTP, no database), interleaved, on the same Temporal server;
 * - decisions per second at concurrency 8, and plans walked to ENDORSED per second, against the
 *   baseline (throughput.ts);
 * - the start rate of plans, the worker's memory with OPEN_PLANS plans open, and a decision's
 *   latency then; the cold and warm start of the API and worker to green health;
 * - the EXPLAIN (ANALYZE, BUFFERS) of every SELECT each read runs (captured from the repositories'
 *   functions, called as the services call them).
 * Everything it started is stopped, and its database dropped, at the end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DataSource, type Logger } from 'typeorm';
import { DEV_JWT_SECRET, loadConfig } from '@aoc/config/config.schema';
import { type Actor, hasRole } from '@aoc/domain/actor';
import { planVisibility } from '@aoc/domain/plan.policy';
import { deciderScope } from '@aoc/domain/review/decision.rules';
import { createDataSource, ENTITIES } from '@aoc/persistence/data-source';
import { createDatabase, databaseUrl, dropDatabase, withClient } from '@aoc/persistence/database-admin';
import { planEventsPage } from '@aoc/persistence/repositories/event-log';
import { findPlan, listPlans, type PlanListFilter, type PlanListSort } from '@aoc/persistence/repositories/plans';
import { type InboxFilter, type InboxSort, readInbox } from '@aoc/persistence/repositories/tasks';
import type { CompleteTaskRequest } from '@aoc/workflows/contracts';
import { ApiClient } from '@aoc/demo/api-client';
import { DEMO_USERS, type DemoUser } from '@aoc/demo/demo-users';
import { InboxQuery } from '../../apps/api/src/tasks/dto/task.dto';
import { ListPlansQuery } from '../../apps/api/src/plans/dto/list-plans.query';
import { TIMELINE_DEFAULT_LIMIT } from '../../apps/api/src/plans/dto/timeline.query';
import { AdminService } from '../../apps/api/src/admin/admin.service';
import { OverviewQuery, WaitingOnQuery } from '../../apps/api/src/admin/dto/admin.query';
import { ManagedProcess } from '../support/managed-process';
import { findFreePort } from '../support/network-ports';
import { waitUntil } from '@aoc/support/wait-until';
import { startEphemeralTemporalDevServer, startTemporalDevServer } from '../temporal/dev-server';
import { resolveTemporalCli } from '../temporal/temporal-cli';
import { seedDemoRegistry } from '@aoc/demo/demo-registry';
import { BENCH_PLAN_SQL, FULL, QUICK, seed } from './bench-seed';
import {
  libraryPlanId,
  measurePublic,
  PUBLIC_CONCURRENCY,
  recordCost,
  seedLibrary,
  type PublicRow,
} from './publication-bench';
import { baselineReview, completeTaskUpdate, finishSignal } from './baseline.workflow';
import {
  completionsPerSecond,
  openConsultationTasks,
  plansReviewedPerSecond,
  residentBytes,
  UPDATES_PER_WALK,
  type Rate,
} from './throughput';

/** dist/, where this runs from, and the repository around it. */
const DIST = path.resolve(__dirname, '../..');
const ROOT = path.resolve(DIST, '..');
const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const STARTUP_TIMEOUT_MS = 120_000;

const args = process.argv.slice(2);
const QUICK_MODE = args.includes('--quick');
const JSON_FILE = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const SIZE = QUICK_MODE ? QUICK : FULL;
/** Requests per read: sequential, then at concurrency 8. */
const SEQUENTIAL = QUICK_MODE ? 40 : 200;
const CONCURRENT = QUICK_MODE ? 160 : 800;
const CONCURRENCY = 8;
/** Decisions through the API (and as many through the baseline), interleaved. */
const COMPLETIONS = QUICK_MODE ? 10 : 40;
/** Decisions taken at concurrency 8 for the throughput figure. */
const CONCURRENT_COMPLETIONS = QUICK_MODE ? 40 : 200;
/** Plans walked to ENDORSED at once: 30 in flight, issue 21's ordinary load (no answer may be a 503). */
const WALKS = 30;
/** Plans started and left open for the memory and scale figures. */
const OPEN_PLANS = QUICK_MODE ? 200 : 2_000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const started = Date.now();
const stopAll: (() => Promise<unknown>)[] = [];

interface Row {
  read: string;
  mode: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** The size of the response body. */
  bytes?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

function summary(read: string, mode: string, times: number[]): Row {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    read,
    mode,
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
  };
}

const ms = (n: number) => n.toFixed(1);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
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

async function timed(call: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await call();
  return performance.now() - t0;
}

async function measure(read: string, call: () => Promise<void>): Promise<Row[]> {
  for (let i = 0; i < 5; i++) await call(); // warm-up
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await timed(call));
  const concurrent: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CONCURRENT) concurrent.push(await timed(call));
    }),
  );
  return [summary(read, 'sequential', sequential), summary(read, `c=${CONCURRENCY}`, concurrent)];
}

async function startDatabase(): Promise<string> {
  const server = process.env.DATABASE_URL ?? LOCAL_POSTGRES_URL;
  const name = `aoc_bench_${randomBytes(4).toString('hex')}`;
  await createDatabase(server, name);
  stopAll.push(() => dropDatabase(server, name));
  return databaseUrl(server, name);
}

function spawn(name: string, script: string, env: NodeJS.ProcessEnv): ManagedProcess {
  const child = ManagedProcess.start({
    name,
    command: process.execPath,
    args: [path.join(DIST, script)],
    env,
    cwd: ROOT,
    output: 'quiet',
    stopSignal: 'SIGTERM',
    stopTimeoutMs: 15_000,
  });
  stopAll.push(() => child.stop());
  return child;
}

async function main(): Promise<void> {
  log(`bench (${QUICK_MODE ? 'quick' : 'full'}): ${SIZE.plans} plans, ${SIZE.tasks} tasks, ${SIZE.events} events`);
  log(`${new Date().toISOString()}, node ${process.versions.node}, ${machine()}`);
  const url = await startDatabase();
  const migrator = await createDataSource(url, { poolSize: 1 }).initialize();
  await migrator.runMigrations({ transaction: 'each' });
  const seedStarted = Date.now();
  await seed(migrator, SIZE);
  await seedLibrary(migrator, SIZE.plans);
  const libraryPlan = await libraryPlanId(migrator, 7);
  // The seeded events are history, not news: nobody is notified of them (the trigger queued them).
  await migrator.query('TRUNCATE notification_outbox');
  await migrator.destroy();
  log(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  const temporal = await startEphemeralTemporalDevServer(await resolveTemporalCli());
  stopAll.push(() => temporal.stop());
  const port = await findFreePort();
  const taskQueue = `bench-${randomUUID()}`;
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    PORT: String(port),
    AUTH_JWT_SECRET: DEV_JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: '100000000',
    AUTH_FAILURE_LIMIT_PER_MINUTE: '100000000',
    NATIONAL_CONSULTATION_DURATION: '1h',
    // The walked plans wait out their comment window: seconds, enough to comment on a busy machine.
    COMMENT_WINDOW_DURATION: '6s',
    WORKER_METRICS_PORT: '0',
  };
  const api = new ApiClient(`http://127.0.0.1:${port}`, DEV_JWT_SECRET);
  let [worker, apiProcess] = [
    spawn('worker', 'apps/worker/src/main.js', env),
    spawn('api', 'apps/api/src/main.js', env),
  ];
  // Green health means a worker polls the task queue (issue 12).
  const untilHealthy = async (): Promise<number> => {
    const t0 = performance.now();
    await waitUntil(async () => ((await api.request(null, 'GET', '/health')).status === 200 ? true : undefined), {
      description: 'the API to be healthy',
      timeoutMs: STARTUP_TIMEOUT_MS,
      giveUpIf: () =>
        [worker, apiProcess]
          .filter((p) => !p.isRunning)
          .map((p) => `the ${p.name} ended:\n${p.recentOutput()}`)
          .join('\n') || undefined,
    });
    return performance.now() - t0;
  };
  const coldStart = await untilHealthy();
  log(
    `API and worker healthy ${(coldStart / 1000).toFixed(1)} s after they were started (cold: the workflow bundle is built)`,
  );

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
  const bigPlan = await firstPlanId(url);
  const reads: { read: string; user: DemoUser; path: string; explain: (db: DataSource) => Promise<unknown> }[] = [
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

  const baseline = await startBaseline(temporal.address, temporal.namespace, `${taskQueue}-baseline`);
  stopAll.push(baseline.stop);
  await seedDemoRegistry(api, () => undefined, { users: false });
  const completions = await completionLatency(api, baseline.client, baseline.queue);
  log('measured decision latency');
  const perSecond = await completionsPerSecond(
    api,
    baseline.client,
    baseline.queue,
    await openConsultationTasks(api, CONCURRENT_COMPLETIONS),
    CONCURRENCY,
    worker.pid,
  );
  log('measured decisions per second');
  const reviewed = await plansReviewedPerSecond(api, baseline.client, baseline.queue, WALKS);
  log('measured plans reviewed per second');
  const onFile = await decisionsOnFileDatabase(env, taskQueue);
  log('measured decisions on a dev server with a file database');

  // The public library (docs/publication.md): SIZE.plans endorsed plans, 32 readers at once.
  const publicRequests = QUICK_MODE ? 320 : 1_600;
  const publicRows: PublicRow[] = [];
  for (const [read, page] of [
    ['library search (q=youth)', '/public?q=youth'],
    ['library, first page', '/public'],
    ['public plan page', `/public/plans/${libraryPlan}`],
    ['library search as JSON', '/api/public/plans?q=youth%20dialogue'],
  ] as const) {
    for (const revalidate of [false, true]) {
      publicRows.push(await measurePublic(read, `${api.baseUrl}${page}`, publicRequests, revalidate));
    }
  }
  log('measured the public library');
  const recordsDb = await createDataSource(url, { poolSize: 1 }).initialize();
  const records = await recordCost(recordsDb).finally(() => recordsDb.destroy());
  log('measured the adoption records');

  // Scale: OPEN_PLANS plans started and left open in their consultation.
  const rssBefore = residentBytes(worker.pid);
  const startT0 = performance.now();
  await openConsultationTasks(api, OPEN_PLANS);
  const starts: Rate = {
    count: OPEN_PLANS,
    seconds: (performance.now() - startT0) / 1000,
    perSecond: OPEN_PLANS / ((performance.now() - startT0) / 1000),
  };
  const rssAfter = residentBytes(worker.pid);
  const completionsAtScale = await completionLatency(api, baseline.client, baseline.queue);
  log(`measured ${OPEN_PLANS} open plans`);

  // Warm start: the same API and worker stopped and started again, the workflow bundle rebuilt.
  await Promise.all([worker.stop(), apiProcess.stop()]);
  [worker, apiProcess] = [spawn('worker', 'apps/worker/src/main.js', env), spawn('api', 'apps/api/src/main.js', env)];
  const warmStart = await untilHealthy();

  log('\n## Reads (ms, through HTTP, the API on this machine)\n');
  log(
    table(
      ['read', 'mode', 'n', 'p50', 'p99', 'max', 'body bytes'],
      rows.map((r) => [r.read, r.mode, String(r.n), ms(r.p50), ms(r.p99), ms(r.max), String(r.bytes ?? '')]),
    ),
  );
  log(`\n## The public library: ${SIZE.plans} endorsed plans, ${PUBLIC_CONCURRENCY} readers at once (ms)\n`);
  log('Targets (issue 18): p99 ≤ 50 ms; a repeat answered 304 by its ETag, p99 ≤ 5 ms.\n');
  log(
    table(
      ['read', 'n', 'p50', 'p99', 'max', 'body bytes'],
      publicRows.map((r) => [r.read, String(r.n), ms(r.p50), ms(r.p99), ms(r.max), String(r.bytes || '')]),
    ),
  );
  log(
    `\nAdoption records: ${records.records} rendered and signed again from the walked plans' canonical data: ` +
      `p50 ${ms(records.renderP50)} ms, max ${ms(records.renderMax)} ms; ` +
      `PDF ${(records.bytesP50 / 1024).toFixed(1)} KB (largest ${(records.bytesMax / 1024).toFixed(1)} KB).`,
  );
  log('\n## Decision latency: the API against bare Temporal (ms, interleaved)\n');
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  log(
    table(
      ['n', 'product p50', 'product p99', 'baseline p50', 'baseline p99', 'ratio p50', 'ratio p99'],
      [
        [
          String(completions.product.n),
          ms(completions.product.p50),
          ms(completions.product.p99),
          ms(completions.baseline.p50),
          ms(completions.baseline.p99),
          ratio(completions.product.p50, completions.baseline.p50),
          ratio(completions.product.p99, completions.baseline.p99),
        ],
      ],
    ),
  );

  {
    const c8 = (times: number[]) => summary('', '', times);
    const [fp, fb] = [c8(onFile.perSecond.productTimes), c8(onFile.perSecond.baselineTimes)];
    log('\n## The same decisions on a dev server with a file database (`--db-filename`, as `npm start` runs it; ms)\n');
    log(
      table(
        ['mode', 'product p50', 'product p99', 'baseline p50', 'baseline p99', 'ratio p50', 'ratio p99'],
        [
          [
            'sequential',
            ms(onFile.completions.product.p50),
            ms(onFile.completions.product.p99),
            ms(onFile.completions.baseline.p50),
            ms(onFile.completions.baseline.p99),
            ratio(onFile.completions.product.p50, onFile.completions.baseline.p50),
            ratio(onFile.completions.product.p99, onFile.completions.baseline.p99),
          ],
          [
            `c=${CONCURRENCY}`,
            ms(fp.p50),
            ms(fp.p99),
            ms(fb.p50),
            ms(fb.p99),
            ratio(fp.p50, fb.p50),
            ratio(fp.p99, fb.p99),
          ],
        ],
      ),
    );
    const rateText = (r: Rate) => `${r.perSecond.toFixed(2)} /s (${r.count} in ${r.seconds.toFixed(1)} s)`;
    log(
      `\nDecisions per second at c=${CONCURRENCY}: ${rateText(onFile.perSecond.product)} against ${rateText(onFile.perSecond.baseline)}; ` +
        `worker CPU per decision ${onFile.perSecond.productWorkerCpuMs === undefined ? 'n/a' : ms(onFile.perSecond.productWorkerCpuMs)} ms against ${ms(onFile.perSecond.baselineWorkerCpuMs)} ms.`,
    );
  }

  log(`\n## Throughput against bare Temporal\n`);
  const perSec = (r: Rate) => `${r.perSecond.toFixed(2)} /s (${r.count} in ${r.seconds.toFixed(1)} s)`;
  log(
    table(
      ['what', 'product', 'baseline', 'ratio'],
      [
        [
          `decisions, concurrency ${CONCURRENCY}`,
          perSec(perSecond.product),
          perSec(perSecond.baseline),
          ratio(perSecond.product.perSecond, perSecond.baseline.perSecond),
        ],
        [
          `plans walked to ENDORSED, ${WALKS} at once (${UPDATES_PER_WALK} Updates each)`,
          perSec(reviewed.product),
          perSec(reviewed.baseline),
          ratio(reviewed.product.perSecond, reviewed.baseline.perSecond),
        ],
      ],
    ),
  );
  log(`\n## Issue 21's targets, against the baseline (the in-memory dev server)\n`);
  const concurrentProduct = summary('product', `c=${CONCURRENCY}`, perSecond.productTimes);
  const concurrentBaseline = summary('baseline', `c=${CONCURRENCY}`, perSecond.baselineTimes);
  const p99Of = (read: string) => rows.find((r) => r.read.startsWith(read) && r.mode === `c=${CONCURRENCY}`)?.p99;
  const target = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met');
  const cpuRatio =
    perSecond.productWorkerCpuMs === undefined
      ? undefined
      : perSecond.productWorkerCpuMs / perSecond.baselineWorkerCpuMs;
  const timelineP99 = p99Of('timeline page');
  const inboxP99 = Math.max(
    ...rows.filter((r) => r.read.startsWith('inbox') && r.mode === `c=${CONCURRENCY}`).map((r) => r.p99),
  );
  log(
    table(
      ['target', 'product', 'baseline', 'ratio', 'target', 'result'],
      [
        [
          'decision p50, sequential',
          ms(completions.product.p50),
          ms(completions.baseline.p50),
          ratio(completions.product.p50, completions.baseline.p50),
          '≤ 1.5×',
          target(completions.product.p50 <= 1.5 * completions.baseline.p50),
        ],
        [
          'decision p99, sequential',
          ms(completions.product.p99),
          ms(completions.baseline.p99),
          ratio(completions.product.p99, completions.baseline.p99),
          '≤ 2×',
          target(completions.product.p99 <= 2 * completions.baseline.p99),
        ],
        [
          `decision p50, c=${CONCURRENCY}`,
          ms(concurrentProduct.p50),
          ms(concurrentBaseline.p50),
          ratio(concurrentProduct.p50, concurrentBaseline.p50),
          '≤ 1.5×',
          target(concurrentProduct.p50 <= 1.5 * concurrentBaseline.p50),
        ],
        [
          `decision p99, c=${CONCURRENCY}`,
          ms(concurrentProduct.p99),
          ms(concurrentBaseline.p99),
          ratio(concurrentProduct.p99, concurrentBaseline.p99),
          '≤ 2×',
          target(concurrentProduct.p99 <= 2 * concurrentBaseline.p99),
        ],
        [
          'worker CPU per decision (ms)',
          perSecond.productWorkerCpuMs === undefined ? 'n/a' : ms(perSecond.productWorkerCpuMs),
          ms(perSecond.baselineWorkerCpuMs),
          cpuRatio === undefined ? 'n/a' : cpuRatio.toFixed(2),
          '≤ 2×',
          target(cpuRatio === undefined ? undefined : cpuRatio <= 2),
        ],
        [
          `plans walked to ENDORSED /s, ${WALKS} at once`,
          reviewed.product.perSecond.toFixed(2),
          reviewed.baseline.perSecond.toFixed(2),
          ratio(reviewed.product.perSecond, reviewed.baseline.perSecond),
          '≥ 0.5×',
          target(reviewed.product.perSecond >= 0.5 * reviewed.baseline.perSecond),
        ],
        [`answers 503 in those walks`, String(reviewed.unavailable), '', '', '0', target(reviewed.unavailable === 0)],
        [
          `timeline page p99, c=${CONCURRENCY} (ms)`,
          timelineP99 === undefined ? 'n/a' : ms(timelineP99),
          '',
          '',
          '≤ 25 ms',
          target(timelineP99 === undefined ? undefined : timelineP99 <= 25),
        ],
        [`inbox p99 (slowest reader), c=${CONCURRENCY} (ms)`, ms(inboxP99), '', '', '≤ 25 ms', target(inboxP99 <= 25)],
      ],
    ),
  );
  log(
    `\nThe baseline's worker runs in the bench's own process: its CPU per decision includes its client's. ` +
      `The product's is the worker process's, measured until it is idle again (a decision's write lands after its answer; ` +
      `the notification consumer runs there too). The read targets hold for the full seed only (${QUICK_MODE ? 'this is --quick' : 'this is the full seed'}).`,
  );

  log(`\n## Scale and start\n`);
  const mib = (b: number | undefined) => (b === undefined ? 'n/a' : `${(b / 2 ** 20).toFixed(0)} MiB`);
  log(
    table(
      ['what', 'measured'],
      [
        [`plans started (create + submit through the API, c=${CONCURRENCY})`, perSec(starts)],
        [`worker RSS before / after ${OPEN_PLANS} more open plans`, `${mib(rssBefore)} / ${mib(rssAfter)}`],
        [
          'worker memory per open plan',
          rssBefore !== undefined && rssAfter !== undefined
            ? `${((rssAfter - rssBefore) / OPEN_PLANS / 1024).toFixed(0)} KiB`
            : 'n/a',
        ],
        [
          `decision p50 / p99 with few plans open`,
          `${ms(completions.product.p50)} / ${ms(completions.product.p99)} ms`,
        ],
        [
          `decision p50 / p99 with ${OPEN_PLANS}+ plans open`,
          `${ms(completionsAtScale.product.p50)} / ${ms(completionsAtScale.product.p99)} ms (ratio p50 ${ratio(completionsAtScale.product.p50, completions.product.p50)})`,
        ],
        ['API and worker to green health, cold (first start)', `${(coldStart / 1000).toFixed(1)} s`],
        ['API and worker to green health, warm (restart)', `${(warmStart / 1000).toFixed(1)} s`],
      ],
    ),
  );

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
  log(`machine at the end: ${machine()}`);
  const seconds = (Date.now() - started) / 1000;
  log(`bench finished in ${seconds.toFixed(0)} s (${QUICK_MODE ? 'quick' : 'full'})`);
  if (JSON_FILE) {
    writeFileSync(
      JSON_FILE,
      JSON.stringify(
        { mode: QUICK_MODE ? 'quick' : 'full', size: SIZE, rows, publicRows, records, completions, seconds },
        null,
        2,
      ),
    );
  }
}

/** The cores and the load: other work on the machine moves every figure. */
const machine = () =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;

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

async function firstPlanId(url: string): Promise<string> {
  return withClient(url, async (c) => (await c.query(`SELECT ${BENCH_PLAN_SQL('0')} AS id`)).rows[0].id as string);
}

/**
 * Decisions through the API (POST /tasks/:id/complete on a consultation task of a plan submitted
 * through the API) and through the baseline workflow (executeUpdate of the same Update with the
 * same request), taken in turn so that a drift of the machine's speed hits both alike.
 */
async function completionLatency(api: ApiClient, client: Client, baselineQueue: string) {
  // The plans to decide on, each with its consultation task open.
  const tasks = await openConsultationTasks(api, COMPLETIONS, 1);
  const handle = await client.workflow.start(baselineReview, { taskQueue: baselineQueue, workflowId: randomUUID() });
  const token = await api.token('consultee-pt-education');
  const actor = DEMO_USERS['consultee-pt-education'] as Actor;
  const product: number[] = [];
  const baseline: number[] = [];
  // One of each first, not counted: the first Update of a workflow warms its cache.
  for (let i = -1; i < COMPLETIONS; i++) {
    const taskId = i >= 0 ? tasks[i] : undefined;
    if (taskId) {
      product.push(
        await timed(async () => {
          const response = await fetch(`${api.baseUrl}/api/tasks/${taskId}/complete`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({ decision: 'support' }),
          });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`completing task ${taskId} answered ${response.status}`);
        }),
      );
    }
    const request: CompleteTaskRequest = {
      taskId: randomUUID(),
      idempotencyKey: randomUUID(),
      actor,
      input: { decision: 'support' },
    };
    const t = await timed(async () => {
      await handle.executeUpdate(completeTaskUpdate, { args: [request], updateId: randomUUID() });
    });
    if (i >= 0) baseline.push(t);
  }
  await handle.signal(finishSignal);
  return {
    product: summary('product', 'interleaved', product),
    baseline: summary('baseline', 'interleaved', baseline),
  };
}

/**
 * The decision figures again on a Temporal dev server that keeps its state in a file (as `npm start`
 * runs it), with a worker and an API of their own on the same database, against the baseline there.
 */
async function decisionsOnFileDatabase(env: NodeJS.ProcessEnv, taskQueue: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aoc-bench-temporal-'));
  const temporal = await startTemporalDevServer({
    cli: await resolveTemporalCli(),
    ip: '127.0.0.1',
    port: await findFreePort(),
    dbFile: path.join(dir, 'temporal.db'),
    output: 'quiet',
  });
  const port = await findFreePort();
  const fileEnv = {
    ...env,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: `${taskQueue}-file`,
    PORT: String(port),
  };
  const processes = [
    spawn('worker (file database)', 'apps/worker/src/main.js', fileEnv),
    spawn('api (file database)', 'apps/api/src/main.js', fileEnv),
  ];
  const api = new ApiClient(`http://127.0.0.1:${port}`, DEV_JWT_SECRET);
  const baseline = await startBaseline(temporal.address, temporal.namespace, `${taskQueue}-file-baseline`);
  try {
    await waitUntil(async () => ((await api.request(null, 'GET', '/health')).status === 200 ? true : undefined), {
      description: 'the API on the file database to be healthy',
      timeoutMs: STARTUP_TIMEOUT_MS,
    });
    const completions = await completionLatency(api, baseline.client, baseline.queue);
    const perSecond = await completionsPerSecond(
      api,
      baseline.client,
      baseline.queue,
      await openConsultationTasks(api, CONCURRENT_COMPLETIONS),
      CONCURRENCY,
      processes[0].pid,
    );
    return { completions, perSecond };
  } finally {
    await baseline.stop();
    await Promise.all(processes.map((p) => p.stop()));
    await temporal.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The baseline's worker on a task queue of its own, and a client, until `stop`. */
async function startBaseline(address: string, namespace: string, queue: string) {
  // The baseline worker's bundling and state changes are not the bench's output.
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed by the first baseline already (the file-database run starts a second one).
  }
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace,
    taskQueue: queue,
    workflowsPath: require.resolve('./baseline.workflow'),
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  return {
    queue,
    client,
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
    },
  };
}

// Ctrl-C or SIGTERM: stop what was started and drop the database, then end.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers the bench started`);
    void (async () => {
      for (const stop of stopAll.reverse()) await stop().catch(() => undefined);
      process.exit(130);
    })();
  });
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const stop of stopAll.reverse()) await stop().catch(() => undefined);
    stopAll.length = 0;
  });
