import { execFile } from 'node:child_process';
import { seedDemoRegistry } from '@aoc/demo/demo-registry';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ApiClient } from '@aoc/demo/api-client';
import { conventionalPorts, TEMPORAL_SERVICES, type TemporalService } from '../../../infra/cluster/temporal-cluster';
import { ManagedProcess } from '../../../infra/support/managed-process';
import { assertPortFree, findFreePort } from '../../../infra/support/network-ports';
import { projectRoot } from '../../../infra/support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import { createDataSource } from '@aoc/persistence';
import { E2E_ENV } from '../../support/api-harness';
import { OwnedPostgres } from '../../faults/support/owned-postgres';

const execFileAsync = promisify(execFile);

const HOST = '127.0.0.1';
const NAMESPACE = 'default';
const READY_TIMEOUT_MS = 300_000;
const BACK_TIMEOUT_MS = 120_000;

/** A part of the cluster as the supervisor runs it: a child process of `npm run start:cluster`. */
export interface ClusterPart {
  pid: number;
  /** A worker or an API instance of ours, or a Temporal service ("temporal-history"). */
  kind: 'worker' | 'api' | `temporal-${TemporalService}`;
  /** An API instance's base URL. */
  baseUrl?: string;
}

/**
 * `npm run start:cluster` as users run it (dist/infra/start-cluster.js, the supervisor), on a
 * PostgreSQL of the test's own (in a temp folder: it holds Temporal's databases and the
 * product's) and on free ports, its logs in the temp folder. The test kills its parts with
 * SIGKILL by their process ids, as a person would with `kill -9`, and watches the supervisor
 * bring each back.
 */
export class SupervisedCluster {
  private checks?: DataSource;
  private temporalClient?: Client;

  private constructor(
    private readonly dir: string,
    private readonly postgres: OwnedPostgres,
    readonly supervisor: ManagedProcess,
    readonly address: string,
    readonly apiPorts: number[],
    readonly taskQueue: string,
  ) {}

  get namespace(): string {
    return NAMESPACE;
  }

  /** Everything the supervisor printed (its progress lines and its parts' output). */
  get logFile(): string {
    return join(this.dir, 'start-cluster.log');
  }

  /** One client per API instance: a RecordingApi given them all sends each call to the next. */
  get apiClients(): ApiClient[] {
    return this.apiPorts.map((port) => new ApiClient(`http://${HOST}:${port}`, DEV_JWT_SECRET));
  }

  static async start(options: { env: Record<string, string> }): Promise<SupervisedCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'aoc-cluster-'));
    const postgres = new OwnedPostgres(join(dir, 'postgres'), await findFreePort(HOST), 'aoc_plans');
    let supervisor: ManagedProcess | undefined;
    try {
      await postgres.start();
      const frontend = await freeClusterBase();
      const apiPort = await freePortPair();
      const taskQueue = `cluster-${randomUUID()}`;
      supervisor = ManagedProcess.start({
        name: 'start-cluster',
        command: process.execPath,
        args: [join(projectRoot(), 'dist', 'infra', 'start-cluster.js')],
        cwd: projectRoot(),
        env: {
          ...process.env,
          ...E2E_ENV,
          ...options.env,
          NODE_ENV: 'test',
          AUTH_JWT_SECRET: DEV_JWT_SECRET,
          DATABASE_URL: postgres.url,
          TEMPORAL_ADDRESS: `${HOST}:${frontend}`,
          TEMPORAL_NAMESPACE: NAMESPACE,
          TEMPORAL_TASK_QUEUE: taskQueue,
          PORT: String(apiPort),
          TEMPORAL_UI_PORT: String(await findFreePort(HOST)),
          AOC_LOGS_DIR: join(dir, 'logs'),
          // Thousands of calls: the API's and the workers' info lines would cost the two cores more
          // than the plans do; their warnings and errors are kept.
          LOG_LEVEL: 'warn',
        },
        output: 'quiet',
        logFile: join(dir, 'start-cluster.log'),
        stopSignal: 'SIGINT',
        stopTimeoutMs: 90_000,
      });
      const address = `${HOST}:${frontend}`;
      const cluster = new SupervisedCluster(dir, postgres, supervisor, address, [apiPort, apiPort + 1], taskQueue);
      await cluster.waitForLine(/The cluster is up/, READY_TIMEOUT_MS);
      const admin = cluster.apiClients[0];
      // The demo registry (DOMAIN §12): the plans' bodies and partners, and the seats.
      await seedDemoRegistry(admin, () => undefined, { users: false });
      return cluster;
    } catch (error) {
      const tail = supervisor?.recentOutput() ?? '';
      await supervisor?.stop();
      await postgres.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      throw new Error(`${(error as Error).message}\nstart-cluster's last output:\n${tail}`);
    }
  }

  /** The supervisor's own lines ("[cluster] …"), leaving out its parts' output. */
  async supervisorLines(): Promise<string[]> {
    const text = await readFile(this.logFile, 'utf8').catch(() => '');
    return text.split('\n').filter((line) => /^\d\d:\d\d:\d\d \[cluster\]/.test(line));
  }

  /** Waits until the supervisor has printed a line matching `pattern` `count` times. */
  async waitForLine(pattern: RegExp, timeoutMs: number, count = 1): Promise<string> {
    return waitUntil(
      async () => {
        const matching = (await this.supervisorLines()).filter((line) => pattern.test(line));
        return matching.length >= count ? matching[count - 1] : undefined;
      },
      {
        description: `start-cluster to print ${pattern} (${count}×)`,
        timeoutMs,
        intervalMs: 250,
        giveUpIf: () =>
          this.supervisor.exit ? `start-cluster ${ManagedProcess.describe(this.supervisor.exit)}` : undefined,
      },
    );
  }

  /** The supervisor's children: its parts, as `ps` lists them. */
  async parts(): Promise<ClusterPart[]> {
    const { stdout } = await execFileAsync('ps', ['--ppid', String(this.supervisor.pid), '-o', 'pid=,args=']);
    const parts: ClusterPart[] = [];
    for (const line of stdout.split('\n')) {
      const match = /^\s*(\d+)\s+(.*)$/.exec(line);
      if (!match) continue;
      const [pid, args] = [Number(match[1]), match[2]];
      const service = / --service (\w+)/.exec(args)?.[1] as TemporalService | undefined;
      if (service && TEMPORAL_SERVICES.includes(service)) parts.push({ pid, kind: `temporal-${service}` });
      else if (args.includes('dist/apps/worker/src/main.js')) parts.push({ pid, kind: 'worker' });
      else if (args.includes('dist/apps/api/src/main.js')) {
        const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
        const port = /(?:^|\0)PORT=(\d+)/.exec(environ)?.[1];
        parts.push({ pid, kind: 'api', baseUrl: port ? `http://${HOST}:${port}` : undefined });
      }
    }
    return parts;
  }

  async part(kind: ClusterPart['kind'], nth = 0): Promise<ClusterPart> {
    const found = (await this.parts()).filter((p) => p.kind === kind).sort((a, b) => a.pid - b.pid)[nth];
    if (!found) throw new Error(`start-cluster runs no ${kind} (#${nth + 1})`);
    return found;
  }

  /**
   * `kill -9` of one part; resolves once the supervisor says it is back (the how-many-th "is back"
   * line), with the part in its place.
   */
  async killAndAwaitReturn(victim: ClusterPart): Promise<{ restartLine: string; backLine: string }> {
    const backBefore = (await this.supervisorLines()).filter((l) => / is back /.test(l)).length;
    const restartsBefore = (await this.supervisorLines()).filter((l) => /restarting it in/.test(l)).length;
    process.kill(victim.pid, 'SIGKILL');
    const restartLine = await this.waitForLine(/restarting it in/, BACK_TIMEOUT_MS, restartsBefore + 1);
    const backLine = await this.waitForLine(/ is back /, BACK_TIMEOUT_MS, backBefore + 1);
    return { restartLine, backLine };
  }

  /** The identity a worker process reports to Temporal: the SDK's default, "<pid>@<host>". */
  static identity(part: ClusterPart): string {
    return `${part.pid}@${hostname()}`;
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

  /** Ctrl-C to the supervisor; its exit. */
  async stop(): Promise<ReturnType<ManagedProcess['stop']>> {
    await this.checks?.destroy().catch(() => undefined);
    await this.temporalClient?.connection.close().catch(() => undefined);
    const exit = await this.supervisor.stop();
    await this.postgres.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
    return exit;
  }
}

/**
 * A frontend port whose conventional neighbours (conventionalPorts: history, matching and worker
 * next to it, membership 300 below, metrics 2000 above, HTTP 10 above) are all free; below 30000,
 * so that membership ports fit Temporal's smallint column.
 */
async function freeClusterBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 21_000 + Math.floor(Math.random() * 8_000);
    const ports = conventionalPorts(base);
    const all = [
      ports.frontendHttp,
      ...Object.values(ports.services).flatMap((p) => [p.grpc, p.membership, p.metrics]),
    ];
    const free = await Promise.all(
      all.map((port) =>
        assertPortFree(HOST, port, '').then(
          () => true,
          () => false,
        ),
      ),
    );
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free range of ports for a Temporal cluster');
}

/** Two free ports in a row, for the two API instances. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await findFreePort(HOST);
    const next = await assertPortFree(HOST, port + 1, '').then(
      () => true,
      () => false,
    );
    if (next && port + 1 < 65_536) return port;
  }
  throw new Error('no two free ports in a row for the API instances');
}
