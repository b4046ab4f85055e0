import { randomUUID } from 'node:crypto';
import { registerDemoRegistry } from '../../support/registry-fixtures';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ApiClient } from '@aoc/demo/api-client';
import { AppInstance, waitForApi, waitForWorkers } from '../../../infra/cluster/app-instances';
import { provisionClusterBinaries } from '../../../infra/cluster/cluster-binaries';
import { freePorts, TemporalCluster } from '../../../infra/cluster/temporal-cluster';
import { setUpNamespace } from '../../../infra/cluster/temporal-namespace';
import { setupTemporalSchemas, temporalDatabasesOn } from '../../../infra/cluster/temporal-schema';
import { findFreePort } from '../../../infra/support/network-ports';
import { ProgressReporter } from '../../../infra/support/progress-reporter';
import { resolveTemporalCli } from '../../../infra/temporal/temporal-cli';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import { createDataSource } from '@aoc/persistence';
import { E2E_ENV } from '../../support/api-harness';
import { OwnedPostgres } from '../../faults/support/owned-postgres';

const HOST = '127.0.0.1';
const NAMESPACE = 'default';
const HISTORY_SHARDS = 4;

export interface ClusterStackOptions {
  workers: number;
  apis: number;
  /** Stage durations and other settings of the API and worker processes. */
  env: Record<string, string>;
  /** A Temporal dev server's address, to run on it instead of a cluster (for comparisons). */
  devServer?: string;
}

/**
 * The whole product on a Temporal cluster that one test owns: a PostgreSQL cluster of its own
 * (in a temp folder; it holds Temporal's databases and the product's), the Temporal services
 * as separate processes (infra/cluster, as `npm run start:cluster` runs them), and several
 * worker and API processes of the built dist/, which share nothing but PostgreSQL and Temporal.
 * The throughput measurement's (`npm run measure:cluster`), which compares it with a dev server;
 * the scale-out test runs `npm run start:cluster` itself (supervised-cluster.ts).
 */
export class ClusterStack {
  readonly workers: AppInstance[] = [];
  readonly apis: AppInstance[] = [];
  readonly taskQueue = `cluster-${randomUUID()}`;
  cluster?: TemporalCluster;
  private devServer?: string;
  private checks?: DataSource;
  private temporalClient?: Client;

  private constructor(
    private readonly dir: string,
    private readonly postgres: OwnedPostgres,
  ) {}

  get address(): string {
    const address = this.cluster?.address ?? this.devServer;
    if (!address) throw new Error('no Temporal server yet');
    return address;
  }

  get namespace(): string {
    return NAMESPACE;
  }

  /** One client per API instance: a RecordingApi given them all sends each call to the next. */
  get apiClients(): ApiClient[] {
    return this.apis.map((api) => new ApiClient(api.baseUrl, DEV_JWT_SECRET));
  }

  static async start(options: ClusterStackOptions): Promise<ClusterStack> {
    const reporter = new ProgressReporter('cluster-test');
    const dir = await mkdtemp(join(tmpdir(), 'aoc-cluster-'));
    const postgres = new OwnedPostgres(join(dir, 'postgres'), await findFreePort(HOST), 'aoc_plans');
    const stack = new ClusterStack(dir, postgres);
    stack.devServer = options.devServer;
    try {
      await reporter.step('Starting PostgreSQL', () => postgres.start());
      if (!options.devServer) await stack.startCluster(reporter);
      await stack.migrate();
      await reporter.step(`Starting ${options.workers} workers and ${options.apis} API instances`, () =>
        stack.startApps(options),
      );
      // The seats come with the registry the migration step wrote (registerDemoRegistry).
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  /** Temporal's databases (migrated with its SQL tool), the four services, the namespace. */
  private async startCluster(reporter: ProgressReporter): Promise<void> {
    const binaries = await reporter.step('Provisioning the Temporal server', () =>
      provisionClusterBinaries({ reporter, withUi: false }),
    );
    const cli = await resolveTemporalCli({ reporter });
    const databases = temporalDatabasesOn(this.postgres.url);
    await reporter.step("Creating Temporal's databases with temporal-sql-tool", () =>
      setupTemporalSchemas(binaries, databases),
    );
    this.cluster = await reporter.step(
      'Starting the Temporal services',
      async () =>
        TemporalCluster.start({
          binaries,
          databases,
          ip: HOST,
          ports: await freePorts(HOST),
          historyShards: HISTORY_SHARDS,
          output: () => 'quiet',
        }),
      (cluster) => cluster.address,
    );
    await reporter.step('Registering the namespace and search attributes', () =>
      setUpNamespace(cli, this.address, NAMESPACE),
    );
  }

  /** A Temporal client of the checks' own. */
  async temporal(): Promise<Client> {
    this.temporalClient ??= new Client({
      connection: await Connection.connect({ address: this.address }),
      namespace: NAMESPACE,
    });
    return this.temporalClient;
  }

  /** A connection of the checks' own to the product's database. */
  async database(): Promise<DataSource> {
    this.checks ??= await createDataSource(this.postgres.url, { poolSize: 2 }).initialize();
    return this.checks;
  }

  async stop(): Promise<void> {
    const steps: (() => Promise<unknown>)[] = [
      async () => this.checks?.destroy(),
      async () => this.temporalClient?.connection.close(),
      () => Promise.all([...this.apis, ...this.workers].map((app) => app.stop())),
      async () => this.cluster?.stop(),
      () => this.postgres.stop(),
      () => rm(this.dir, { recursive: true, force: true }),
    ];
    for (const step of steps) await step().catch(() => undefined);
  }

  private async startApps(options: ClusterStackOptions): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...E2E_ENV,
      ...options.env,
      NODE_ENV: 'test',
      AUTH_JWT_SECRET: DEV_JWT_SECRET,
      DATABASE_URL: this.postgres.url,
      TEMPORAL_ADDRESS: this.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
    };
    for (let n = 1; n <= options.workers; n++) {
      this.workers.push(new AppInstance({ kind: 'worker', name: `worker-${n}`, env, output: 'quiet' }));
    }
    for (let n = 1; n <= options.apis; n++) {
      const port = await findFreePort(HOST);
      this.apis.push(new AppInstance({ kind: 'api', name: `api-${n}`, env, port, output: 'quiet' }));
    }
    const queue = { address: this.address, namespace: NAMESPACE, taskQueue: this.taskQueue };
    await Promise.all([waitForWorkers(this.workers, queue), ...this.apis.map((api) => waitForApi(api))]);
  }

  private async migrate(): Promise<void> {
    const dataSource = await createDataSource(this.postgres.url, { poolSize: 1 }).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await registerDemoRegistry(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }
}

/** Temporal's own record: which worker identities completed each workflow's tasks, and when. */
export interface WorkflowTaskRecord {
  workflowId: string;
  /** In history order: the identity that completed each workflow task, with the event time. */
  completions: { identity: string; at: number }[];
}

export async function workflowTaskRecords(client: Client, workflowIds: string[]): Promise<WorkflowTaskRecord[]> {
  const records: WorkflowTaskRecord[] = [];
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const completions = (history.events ?? [])
      .filter((e) => e.workflowTaskCompletedEventAttributes)
      .map((e) => ({
        identity: e.workflowTaskCompletedEventAttributes?.identity ?? '',
        at: Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6),
      }));
    records.push({ workflowId, completions });
  }
  return records;
}
