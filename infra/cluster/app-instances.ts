import { hostname } from 'node:os';
import path from 'node:path';

import { Connection } from '@temporalio/client';

import { ManagedProcess, type OutputMode } from '../support/managed-process';
import { projectRoot } from '../support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';

/** The built entry points, relative to the project root. */
export const APP_ENTRY_POINTS = {
  migrations: 'dist/libs/persistence/src/cli/migrate.js',
  worker: 'dist/apps/worker/src/main.js',
  api: 'dist/apps/api/src/main.js',
} as const;

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

export type AppKind = 'api' | 'worker';

export interface AppInstanceOptions {
  kind: AppKind;
  /** "api-1", "worker-2": for output and messages. */
  name: string;
  /** The environment of the process; an API instance's PORT is set from `port`. */
  env: NodeJS.ProcessEnv;
  /** An API instance's HTTP port. */
  port?: number;
  output?: OutputMode;
  /** Where its full output goes. */
  logFile?: string;
}

/**
 * One process of the built API or worker. Instances share nothing but PostgreSQL and Temporal:
 * several of each run side by side, and any of them may be killed and replaced.
 */
export class AppInstance {
  private child: ManagedProcess;

  constructor(readonly options: AppInstanceOptions) {
    this.child = this.launch();
  }

  get name(): string {
    return this.options.name;
  }

  get process(): ManagedProcess {
    return this.child;
  }

  /** An API instance's base URL, e.g. http://127.0.0.1:3001 (without /api). */
  get baseUrl(): string {
    if (this.options.port === undefined) throw new Error(`${this.name} is not an API instance`);
    return `http://127.0.0.1:${this.options.port}`;
  }

  /**
   * The identity a worker process reports to Temporal, which the histories record for every
   * workflow task it completes: the SDK's default, "<pid>@<host>".
   */
  get identity(): string {
    return `${this.child.pid}@${hostname()}`;
  }

  /** SIGKILL to the process group, as a crash; resolves once it has ended. */
  async kill(): Promise<void> {
    this.child.killNow();
    await this.child.exited;
  }

  /** A new process in place of one that ended (the identity changes with the pid). */
  restart(): void {
    if (this.child.isRunning) throw new Error(`${this.name} is still running`);
    this.child = this.launch();
  }

  async stop(): Promise<void> {
    await this.child.stop();
  }

  /** Why to stop waiting for this instance: it ended, with its last words. */
  readonly ended = (): string | undefined =>
    this.child.exit
      ? `${this.name} ${ManagedProcess.describe(this.child.exit)}; its last output:\n${this.child.recentOutput()}`
      : undefined;

  /**
   * Workers side by side must not share WORKER_METRICS_PORT: worker-n serves the SDK's metrics on
   * that port + n - 1 (unset or 0: none).
   */
  private workerMetricsPort(): Record<string, string> {
    const base = Number(this.options.env.WORKER_METRICS_PORT ?? 0);
    const n = Number(/-(\d+)$/.exec(this.name)?.[1] ?? 1);
    if (this.options.kind !== 'worker' || !(base > 0)) return {};
    return { WORKER_METRICS_PORT: String(base + n - 1) };
  }

  private launch(): ManagedProcess {
    const { kind, name, port } = this.options;
    return ManagedProcess.start({
      name,
      command: process.execPath,
      args: [path.join(projectRoot(), APP_ENTRY_POINTS[kind])],
      env: { ...this.options.env, ...(port === undefined ? {} : { PORT: String(port) }), ...this.workerMetricsPort() },
      cwd: projectRoot(),
      output: this.options.output ?? 'as-is',
      logFile: this.options.logFile,
      stopSignal: 'SIGTERM',
      stopTimeoutMs: STOP_TIMEOUT_MS,
    });
  }
}

/** Waits until an API instance answers HTTP at all (GET /api/health, whatever its status): it is up, if not yet ready. */
export async function waitForApiListening(instance: AppInstance, signal?: AbortSignal): Promise<void> {
  const url = `${instance.baseUrl}/api/health`;
  await waitUntil(
    async () => {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return true;
    },
    { description: `${url} to answer`, timeoutMs: READY_TIMEOUT_MS, intervalMs: 300, giveUpIf: instance.ended, signal },
  );
}

/** Waits until GET /api/health of an API instance answers 200. */
export async function waitForApi(instance: AppInstance, signal?: AbortSignal): Promise<void> {
  const url = `${instance.baseUrl}/api/health`;
  await waitUntil(
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
      return true;
    },
    {
      description: `GET ${url} to answer 200`,
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 500,
      giveUpIf: instance.ended,
      signal,
    },
  );
}

export interface TaskQueueRef {
  address: string;
  namespace: string;
  taskQueue: string;
}

/**
 * The identities polling the task queue for workflow tasks, as Temporal sees them (pollers
 * seen in the last minutes, so a worker that just ended may still be listed).
 */
export async function workflowPollers(queue: TaskQueueRef): Promise<string[]> {
  const connection = await Connection.connect({ address: queue.address, connectTimeout: 2_000 });
  try {
    const answer = await connection.workflowService.describeTaskQueue({
      namespace: queue.namespace,
      // TASK_QUEUE_KIND_NORMAL and TASK_QUEUE_TYPE_WORKFLOW.
      taskQueue: { name: queue.taskQueue, kind: 1 },
      taskQueueType: 1,
    });
    return (answer.pollers ?? []).map((p) => p.identity ?? '').filter((identity) => identity !== '');
  } finally {
    await connection.close();
  }
}

/** Waits until every worker instance polls the task queue: Temporal lists its identity among the pollers. */
export async function waitForWorkers(workers: AppInstance[], queue: TaskQueueRef, signal?: AbortSignal): Promise<void> {
  await waitUntil(
    async () => {
      const pollers = await workflowPollers(queue);
      const missing = workers.filter((w) => !pollers.includes(w.identity));
      if (missing.length > 0) throw new Error(`not polling yet: ${missing.map((w) => w.name).join(', ')}`);
      return true;
    },
    {
      description: `${workers.map((w) => w.name).join(' and ')} to poll task queue ${queue.taskQueue}`,
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 500,
      giveUpIf: () => workers.map((w) => w.ended()).find((reason) => reason !== undefined),
      signal,
    },
  );
}
