import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ApiClient } from '../../apps/cli/src/api-client';
import { DEV_JWT_SECRET } from '../../libs/config/src/config.schema';
import { ManagedProcess } from '../../infra/support/managed-process';
import { findFreePort } from '../../infra/support/network-ports';
import { waitUntil } from '../../infra/support/wait-until';

/** Stage durations of the e2e runs: seconds, so that a plan reaches ENDORSED within a test. */
export const E2E_ENV = {
  NATIONAL_CONSULTATION_DURATION: '60s',
  COMMENT_WINDOW_DURATION: '3s',
  SECRETARIAT_REVIEW_DURATION: '60s',
  ENDORSEMENT_DURATION: '60s',
  MAX_REVISION_ROUNDS: '3',
};

const ROOT = join(__dirname, '..', '..');
const STARTUP_TIMEOUT_MS = 90_000;

/**
 * The real API and worker processes (the built `dist/`, exactly what `npm start` runs) on a
 * free port and a task queue of the file's own, against the run's Temporal and PostgreSQL.
 */
export class ApiHarness {
  api!: ApiClient;
  private readonly processes: ManagedProcess[] = [];

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(): Promise<this> {
    const port = await findFreePort();
    const env = {
      ...process.env,
      ...E2E_ENV,
      ...this.env,
      NODE_ENV: 'test',
      PORT: String(port),
      TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`,
      AUTH_JWT_SECRET: DEV_JWT_SECRET,
    };
    const worker = this.spawn('worker', 'dist/apps/worker/src/main.js', env);
    this.spawn('api', 'dist/apps/api/src/main.js', env);
    this.api = new ApiClient(`http://127.0.0.1:${port}`, DEV_JWT_SECRET);
    const giveUpIf = () =>
      this.processes
        .filter((p) => !p.isRunning)
        .map((p) => `${p.name} exited:\n${p.recentOutput()}`)
        .join('\n') || undefined;
    await waitUntil(async () => ((await this.api.request(null, 'GET', '/health')).status === 200 ? true : undefined), {
      description: `the API on port ${port}`,
      timeoutMs: STARTUP_TIMEOUT_MS,
      giveUpIf,
    });
    await waitUntil(async () => (worker.recentOutput().includes('worker polling') ? true : undefined), {
      description: 'the worker to poll',
      timeoutMs: STARTUP_TIMEOUT_MS,
      giveUpIf,
    });
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
  }

  private spawn(name: string, script: string, env: NodeJS.ProcessEnv): ManagedProcess {
    const child = ManagedProcess.start({
      name,
      command: process.execPath,
      args: [join(ROOT, script)],
      env,
      cwd: ROOT,
      output: 'quiet',
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 15_000,
    });
    this.processes.push(child);
    return child;
  }
}
