import { createConnection } from 'node:net';
import path from 'node:path';

import { Connection } from '@temporalio/client';

import { ManagedProcess, type OutputMode } from '../support/managed-process';
import { assertPortFree, findFreePort } from '../support/network-ports';
import { projectRoot } from '../support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';
import type { ClusterBinaries } from './cluster-binaries';
import type { TemporalDatabases } from './temporal-schema';

/** The services of a Temporal server, each run here as a process of its own. */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

/** The server's configuration template and dynamic config (infra/cluster/temporal-server/). */
const CONFIG_DIR = 'infra/cluster/temporal-server';
const CONFIG_ENV = 'cluster';
const DYNAMIC_CONFIG = 'infra/cluster/temporal-server/dynamic-config.yaml';

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

/** The PostgreSQL connections each service may open to the workflow-state database. */
const DB_CONNECTIONS: Record<TemporalService, number> = { frontend: 5, history: 10, matching: 5, worker: 3 };

export interface ServicePorts {
  grpc: number;
  membership: number;
  /** Prometheus metrics: GET /metrics. */
  metrics: number;
}

export interface ClusterPorts {
  services: Record<TemporalService, ServicePorts>;
  /** The frontend's HTTP API. */
  frontendHttp: number;
}

/**
 * Temporal's usual ports around a frontend port: 7233 gives history 7234, matching 7235,
 * worker 7239, membership 6933-6939, HTTP 7243, and metrics 9233-9236.
 */
export function conventionalPorts(frontendPort: number): ClusterPorts {
  const offsets: Record<TemporalService, number> = { frontend: 0, history: 1, matching: 2, worker: 6 };
  const services = {} as Record<TemporalService, ServicePorts>;
  TEMPORAL_SERVICES.forEach((service, n) => {
    const grpc = frontendPort + offsets[service];
    services[service] = { grpc, membership: grpc - 300, metrics: frontendPort + 2000 + n };
  });
  return { services, frontendHttp: frontendPort + 10 };
}

/**
 * Ports that were free a moment ago, for a cluster of a test's own. The membership ports come
 * from below 32768: Temporal records them in a PostgreSQL smallint column.
 */
export async function freePorts(ip: string): Promise<ClusterPorts> {
  const services = {} as Record<TemporalService, ServicePorts>;
  for (const service of TEMPORAL_SERVICES) {
    services[service] = {
      grpc: await findFreePort(ip),
      membership: await freeMembershipPort(ip),
      metrics: await findFreePort(ip),
    };
  }
  return { services, frontendHttp: await findFreePort(ip) };
}

async function freeMembershipPort(ip: string): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await assertPortFree(ip, port, '').then(
      () => true,
      () => false,
    );
    if (free) return port;
  }
  throw new Error(`no free port between 20000 and 32000 on ${ip} for Temporal's membership`);
}

export interface TemporalClusterOptions {
  binaries: ClusterBinaries;
  databases: TemporalDatabases;
  /** The address every service binds to and announces, e.g. 127.0.0.1. */
  ip: string;
  ports: ClusterPorts;
  /** Fixed for the life of the databases. */
  historyShards: number;
  /** The server's log level: warn unless told otherwise. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** How each service's lines reach our output (given the service's name): prefixed unless told otherwise. */
  output?: (part: string) => OutputMode;
  /** Where each service's full output goes: `<logsDir>/temporal-<service>.log`. */
  logsDir?: string;
  signal?: AbortSignal;
}

/**
 * A Temporal server as a production cluster runs it: frontend, history, matching and worker
 * as separate processes of the official server binary, on one configuration (rendered by the
 * server itself from infra/cluster/temporal-server/cluster.yaml) and sharing their state in
 * PostgreSQL. Any service can be killed and started again, as a crash and a restart would.
 */
export class TemporalCluster {
  private readonly processes = new Map<TemporalService, ManagedProcess>();

  private constructor(private readonly options: TemporalClusterOptions) {}

  /** host:port of the frontend, for clients and workers. */
  get address(): string {
    return `${this.options.ip}:${this.options.ports.services.frontend.grpc}`;
  }

  get ports(): ClusterPorts {
    return this.options.ports;
  }

  /** Starts the four services and waits until each listens and the frontend answers. */
  static async start(options: TemporalClusterOptions): Promise<TemporalCluster> {
    const { ip, ports } = options;
    const taken = [ports.frontendHttp, ...TEMPORAL_SERVICES.flatMap((s) => Object.values(ports.services[s]))];
    for (const port of taken) {
      await assertPortFree(ip, port, 'stop the process using it, or set TEMPORAL_ADDRESS to another port');
    }
    const cluster = new TemporalCluster(options);
    try {
      // History first, alone: on a new database every service writes the cluster's metadata
      // record as it starts, and services starting together race to insert it.
      const [first, ...rest] = TEMPORAL_SERVICES;
      cluster.launch(first);
      await cluster.waitListening(first);
      for (const service of rest) cluster.launch(service);
      await Promise.all(rest.map((service) => cluster.waitListening(service)));
      await cluster.waitForFrontend();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** The running process of a service. */
  process(service: TemporalService): ManagedProcess {
    const process = this.processes.get(service);
    if (!process) throw new Error(`the Temporal ${service} service is not running`);
    return process;
  }

  /** SIGKILL to the service's process group, as a crash; resolves once it has ended. */
  async kill(service: TemporalService): Promise<void> {
    const process = this.process(service);
    process.killNow();
    await process.exited;
  }

  /** Starts a service again (after a kill) and waits until it listens. */
  async restart(service: TemporalService): Promise<void> {
    const previous = this.processes.get(service);
    if (previous?.isRunning) throw new Error(`the Temporal ${service} service is still running`);
    this.launch(service);
    await this.waitListening(service);
  }

  /** Stops the services, worker first and history last. */
  async stop(): Promise<void> {
    for (const service of [...TEMPORAL_SERVICES].reverse()) {
      await this.processes.get(service)?.stop();
    }
  }

  /** The `server` command line, for messages and the docs. */
  static commandLine(service: TemporalService): string {
    return `temporal-server --root . --config ${CONFIG_DIR} --env ${CONFIG_ENV} --allow-no-auth start --service ${service}`;
  }

  private launch(service: TemporalService): ManagedProcess {
    const { binaries, ip, ports, databases } = this.options;
    const root = projectRoot();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AOC_TEMPORAL_LOG_LEVEL: this.options.logLevel ?? 'warn',
      AOC_TEMPORAL_HISTORY_SHARDS: String(this.options.historyShards),
      AOC_TEMPORAL_DB: databases.database,
      AOC_TEMPORAL_VISIBILITY_DB: databases.visibilityDatabase,
      AOC_TEMPORAL_DB_HOST: databases.host,
      AOC_TEMPORAL_DB_PORT: String(databases.port),
      AOC_TEMPORAL_DB_USER: databases.user,
      AOC_TEMPORAL_DB_PASSWORD: databases.password,
      AOC_TEMPORAL_DB_MAX_CONNS: String(DB_CONNECTIONS[service]),
      AOC_TEMPORAL_BIND_IP: ip,
      AOC_TEMPORAL_METRICS_PORT: String(ports.services[service].metrics),
      AOC_TEMPORAL_FRONTEND_HTTP_PORT: String(ports.frontendHttp),
      AOC_TEMPORAL_DYNAMIC_CONFIG: `${root}/${DYNAMIC_CONFIG}`,
    };
    for (const name of TEMPORAL_SERVICES) {
      env[`AOC_TEMPORAL_${name.toUpperCase()}_PORT`] = String(ports.services[name].grpc);
      env[`AOC_TEMPORAL_${name.toUpperCase()}_MEMBERSHIP_PORT`] = String(ports.services[name].membership);
    }
    const name = `temporal-${service}`;
    const child = ManagedProcess.start({
      name,
      command: binaries.server,
      args: [
        '--root',
        root,
        '--config',
        CONFIG_DIR,
        '--env',
        CONFIG_ENV,
        '--allow-no-auth',
        'start',
        '--service',
        service,
      ],
      env,
      cwd: root,
      output: this.options.output?.(name) ?? 'prefixed',
      logFile: this.options.logsDir === undefined ? undefined : path.join(this.options.logsDir, `${name}.log`),
      stopSignal: 'SIGTERM',
      stopTimeoutMs: STOP_TIMEOUT_MS,
      muteWhileStopping: true,
    });
    this.processes.set(service, child);
    return child;
  }

  private async waitListening(service: TemporalService): Promise<void> {
    const child = this.process(service);
    // The worker service serves no gRPC: it is up once it has joined the membership ring.
    const ports = this.options.ports.services[service];
    const port = service === 'worker' ? ports.membership : ports.grpc;
    await waitUntil(() => tcpAnswers(this.options.ip, port), {
      description: `the Temporal ${service} service on ${this.options.ip}:${port}`,
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 250,
      giveUpIf: () => this.earlyExit(service, child),
      signal: this.options.signal,
    });
  }

  /** The frontend answers once it sees history and matching in its membership ring. */
  private async waitForFrontend(): Promise<void> {
    await waitUntil(
      async () => {
        const connection = await Connection.connect({ address: this.address, connectTimeout: 2_000 });
        try {
          await connection.workflowService.getSystemInfo({});
          return true;
        } finally {
          await connection.close();
        }
      },
      {
        description: `the Temporal frontend at ${this.address}`,
        timeoutMs: READY_TIMEOUT_MS,
        intervalMs: 500,
        giveUpIf: () =>
          TEMPORAL_SERVICES.map((s) => this.earlyExit(s, this.process(s))).find((reason) => reason !== undefined),
        signal: this.options.signal,
      },
    );
  }

  private earlyExit(service: TemporalService, child: ManagedProcess): string | undefined {
    if (!child.exit) return undefined;
    return `the Temporal ${service} service ${ManagedProcess.describe(child.exit)}; its last output:\n${child.recentOutput()}`;
  }
}

function tcpAnswers(host: string, port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1_000 });
    const done = (answer: true | undefined) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(undefined));
    socket.once('timeout', () => done(undefined));
  });
}
