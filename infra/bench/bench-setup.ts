/**
 * The servers the bench measures, all of its own: a database (seeded), a Temporal dev server, the
 * worker and the API from dist/ (as `npm start` runs them), and the bare-Temporal baseline. Each
 * registers how to stop it in `stopAll`, which the bench runs at the end or on a signal.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import { createDataSource } from '@aoc/persistence/data-source';
import { createDatabase, databaseUrl, dropDatabase } from '@aoc/persistence/database-admin';
import { ApiClient } from '@aoc/demo/api-client';
import { ManagedProcess } from '../support/managed-process';
import { findFreePort } from '../support/network-ports';
import { waitUntil } from '@aoc/support/wait-until';
import { startEphemeralTemporalDevServer } from '../temporal/dev-server';
import { resolveTemporalCli } from '../temporal/temporal-cli';
import { log, SIZE } from './bench-options';
import { seed } from './bench-seed';
import { libraryPlanId, seedLibrary } from './publication-bench';

/** dist/, where this runs from, and the repository around it. */
const DIST = path.resolve(__dirname, '../..');
const ROOT = path.resolve(DIST, '..');
const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const STARTUP_TIMEOUT_MS = 120_000;

/** How to stop everything the bench started, in the order it was started. */
export const stopAll: (() => Promise<unknown>)[] = [];

async function startDatabase(): Promise<string> {
  const server = process.env.DATABASE_URL ?? LOCAL_POSTGRES_URL;
  const name = `aoc_bench_${randomBytes(4).toString('hex')}`;
  await createDatabase(server, name);
  stopAll.push(() => dropDatabase(server, name));
  return databaseUrl(server, name);
}

/**
 * A database of the bench's own, migrated and seeded (SIZE, and as many endorsed plans for the
 * public library); its URL, and the endorsed plan whose public page is measured.
 */
export async function seededDatabase(): Promise<{ url: string; libraryPlan: string }> {
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
  return { url, libraryPlan };
}

/** A process of dist/ (`script`), quiet, stopped at the end. */
export function spawn(name: string, script: string, env: NodeJS.ProcessEnv): ManagedProcess {
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

/** The product under measure: a Temporal dev server in memory, the worker and the API on `url`'s database. */
export class ProductStack {
  worker: ManagedProcess;
  apiProcess: ManagedProcess;
  readonly api: ApiClient;

  private constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly temporal: { address: string; namespace: string },
    readonly taskQueue: string,
    port: number,
  ) {
    this.api = new ApiClient(`http://127.0.0.1:${port}`, DEV_JWT_SECRET);
    [this.worker, this.apiProcess] = this.spawnBoth();
  }

  /** Starts it all and waits for green health (the cold start, logged). */
  static async start(url: string): Promise<{ stack: ProductStack; coldStart: number }> {
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
    const stack = new ProductStack(env, temporal, taskQueue, port);
    const coldStart = await stack.untilHealthy();
    log(
      `API and worker healthy ${(coldStart / 1000).toFixed(1)} s after they were started (cold: the workflow bundle is built)`,
    );
    return { stack, coldStart };
  }

  /**
   * The warm start: the same API and worker stopped and started again, the workflow bundle
   * rebuilt; the time (ms) to green health.
   */
  async restart(): Promise<number> {
    await Promise.all([this.worker.stop(), this.apiProcess.stop()]);
    [this.worker, this.apiProcess] = this.spawnBoth();
    return this.untilHealthy();
  }

  private spawnBoth(): [ManagedProcess, ManagedProcess] {
    return [spawn('worker', 'apps/worker/src/main.js', this.env), spawn('api', 'apps/api/src/main.js', this.env)];
  }

  /** Green health means a worker polls the task queue (issue 12); the time it took (ms). */
  private async untilHealthy(): Promise<number> {
    const t0 = performance.now();
    await waitUntil(async () => ((await this.api.request(null, 'GET', '/health')).status === 200 ? true : undefined), {
      description: 'the API to be healthy',
      timeoutMs: STARTUP_TIMEOUT_MS,
      giveUpIf: () =>
        [this.worker, this.apiProcess]
          .filter((p) => !p.isRunning)
          .map((p) => `the ${p.name} ended:\n${p.recentOutput()}`)
          .join('\n') || undefined,
    });
    return performance.now() - t0;
  }
}

export interface Baseline {
  queue: string;
  client: Client;
  stop: () => Promise<void>;
}

/** The baseline's worker on a task queue of its own, and a client, until `stop`. */
export async function startBaseline(address: string, namespace: string, queue: string): Promise<Baseline> {
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
