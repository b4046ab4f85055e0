import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ApiClient } from '@aoc/demo/api-client';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import { resolveSigningKey } from '../../apps/worker/src/records/signing-key-source';
import { ManagedProcess } from '../../infra/support/managed-process';
import { findFreePort } from '../../infra/support/network-ports';
import { projectRoot } from '../../infra/support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';

/** Stage durations of the e2e runs: seconds, so that a plan reaches ENDORSED within a test. */
export const E2E_ENV = {
  NATIONAL_CONSULTATION_DURATION: '60s',
  COMMENT_WINDOW_DURATION: '8s',
  SECRETARIAT_REVIEW_DURATION: '60s',
  ENDORSEMENT_DURATION: '60s',
  MAX_REVISION_ROUNDS: '3',
  // Every test request comes from 127.0.0.1: one client as far as the rate limits can tell.
  RATE_LIMIT_PER_MINUTE: '1000000',
  AUTH_FAILURE_LIMIT_PER_MINUTE: '1000000',
  // The tests' webhook receivers listen on this machine: loopback only, as npm start allows
  // (the services' default refuses every internal address).
  WEBHOOK_PRIVATE_ADDRESSES: 'loopback',
  // Many workers run at once: none serves the SDK's metrics unless a test asks (on a free port).
  WORKER_METRICS_PORT: '0',
};

/** The project root, also when this file runs compiled from dist/ (the browser tests' stack). */
const ROOT = projectRoot();

/** The run's record signing key file, created (outside production) if it is not there yet. */
function recordSigningKeyFile(): string {
  const file = join(ROOT, '.data', 'record-signing-key.pem');
  resolveSigningKey({ nodeEnv: 'test', records: { signingKeyFile: file, publicUrl: '' } });
  return file;
}
const STARTUP_TIMEOUT_MS = 90_000;

/**
 * The real API and worker processes (the built `dist/`, exactly what `npm start` runs) on a
 * free port and a task queue of the file's own, against the run's Temporal and PostgreSQL.
 */
export class ApiHarness {
  api!: ApiClient;
  private readonly processes: ManagedProcess[] = [];
  private worker!: ManagedProcess;
  private env: NodeJS.ProcessEnv = {};

  constructor(private readonly overrides: Record<string, string> = {}) {}

  async start(): Promise<this> {
    // A test may choose the port (an identity provider must know the API's redirect URI first).
    const port = this.overrides.PORT ? Number(this.overrides.PORT) : await findFreePort();
    this.env = {
      ...process.env,
      ...E2E_ENV,
      NODE_ENV: 'test',
      // As deployed: the services as a role that owns nothing, the migrations as the owner
      // (jest's global setup made both; docs/operations.md, "Database roles").
      DATABASE_URL: process.env.TEST_RUNTIME_DATABASE_URL ?? process.env.DATABASE_URL,
      DATABASE_MIGRATION_URL: process.env.DATABASE_URL,
      // A test may run the API as in production (NODE_ENV) or with an OIDC issuer.
      ...this.overrides,
      PORT: String(port),
      TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`,
      AUTH_JWT_SECRET: DEV_JWT_SECRET,
      // One record signing key for every process of the run, given as a deployment gives it (a
      // worker in production refuses to generate one).
      RECORD_SIGNING_KEY_FILE: recordSigningKeyFile(),
    };
    this.worker = this.spawn('worker', 'dist/apps/worker/src/main.js');
    this.spawn('api', 'dist/apps/api/src/main.js');
    this.api = new ApiClient(`http://127.0.0.1:${port}`, DEV_JWT_SECRET);
    await waitUntil(async () => ((await this.api.request(null, 'GET', '/health')).status === 200 ? true : undefined), {
      description: `the API on port ${port}`,
      timeoutMs: STARTUP_TIMEOUT_MS,
      giveUpIf: this.giveUpIf,
    });
    await this.workerPolling();
    return this;
  }

  /**
   * Starts one more API process on a port of its own, on the same database, Temporal and task
   * queue (a second instance, as in a cluster), with `overrides` to its environment; waits until
   * it answers. It is stopped with the others.
   */
  async startExtraApi(overrides: Record<string, string> = {}): Promise<ApiClient> {
    const port = await findFreePort();
    const child = ManagedProcess.start({
      name: `api-${port}`,
      command: process.execPath,
      args: [join(ROOT, 'dist/apps/api/src/main.js')],
      env: { ...this.env, ...overrides, PORT: String(port) },
      cwd: ROOT,
      output: 'quiet',
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 15_000,
    });
    this.processes.push(child);
    const api = new ApiClient(`http://127.0.0.1:${port}`, DEV_JWT_SECRET);
    await waitUntil(async () => ((await api.request(null, 'GET', '/health')).status === 200 ? true : undefined), {
      description: `the extra API on port ${port}`,
      timeoutMs: STARTUP_TIMEOUT_MS,
      giveUpIf: this.giveUpIf,
    });
    return api;
  }

  /** The environment the processes run with (the task queue, the database). */
  get environment(): NodeJS.ProcessEnv {
    return this.env;
  }

  /** Kills the worker outright (SIGKILL: no graceful shutdown), as a crash would. */
  killWorker(): void {
    this.worker.killNow();
  }

  /** Starts a new worker process after a kill, and waits until it polls. */
  async restartWorker(): Promise<void> {
    await this.worker.exited;
    this.processes.splice(this.processes.indexOf(this.worker), 1);
    this.worker = this.spawn('worker', 'dist/apps/worker/src/main.js');
    await this.workerPolling();
  }

  /** Whether a worker process runs now (one may also end by itself, e.g. on a fatal error). */
  get workerRunning(): boolean {
    return this.worker?.isRunning ?? false;
  }

  /** The last lines the worker or the API printed, for a failure's message. */
  recentOutput(name: 'worker' | 'api'): string {
    const child = name === 'worker' ? this.worker : this.processes.find((p) => p.name === 'api');
    return child?.recentOutput() ?? '';
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
  }

  private readonly giveUpIf = () =>
    this.processes
      .filter((p) => !p.isRunning)
      .map((p) => `${p.name} exited:\n${p.recentOutput()}`)
      .join('\n') || undefined;

  private async workerPolling(): Promise<void> {
    const worker = this.worker;
    await waitUntil(async () => (worker.recentOutput().includes('worker polling') ? true : undefined), {
      description: 'the worker to poll',
      timeoutMs: STARTUP_TIMEOUT_MS,
      giveUpIf: this.giveUpIf,
    });
  }

  private spawn(name: string, script: string): ManagedProcess {
    const child = ManagedProcess.start({
      name,
      command: process.execPath,
      args: [join(ROOT, script)],
      env: this.env,
      cwd: ROOT,
      output: 'quiet',
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 15_000,
    });
    this.processes.push(child);
    return child;
  }
}
