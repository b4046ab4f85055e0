/**
 * The product's own processes under `npm start`: the migrations, run once; the worker and the
 * API, each started again when it ends; and the waits that tell when each is ready.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { workflowPollers, type TaskQueueRef } from '../cluster/app-instances';
import { jsonLogOutput } from '../support/console-mode';
import { ManagedProcess } from '../support/managed-process';
import { displayPath } from '../support/project-paths';
import type { RunningService, ServiceRun } from '../support/service-stack';
import { waitUntil } from '@aoc/support/wait-until';
import { logFileOf, mode, reporter } from './start-console';

const API_READY_TIMEOUT_MS = 180_000;
const APP_STOP_TIMEOUT_MS = 30_000;

/** The compiled entry points, relative to dist/. */
const ENTRY_POINTS = {
  migrations: 'libs/persistence/src/cli/migrate.js',
  worker: 'apps/worker/src/main.js',
  api: 'apps/api/src/main.js',
  identity: 'infra/identity/dev-provider.js',
} as const;

export function resolveEntryPoints(distRoot: string): Record<keyof typeof ENTRY_POINTS, string> {
  const resolved = {
    migrations: path.join(distRoot, ENTRY_POINTS.migrations),
    worker: path.join(distRoot, ENTRY_POINTS.worker),
    api: path.join(distRoot, ENTRY_POINTS.api),
    identity: path.join(distRoot, ENTRY_POINTS.identity),
  };
  const missing = Object.values(resolved).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.map(displayPath).join(', ')}; run "npm run build" first`);
  }
  return resolved;
}

export async function runMigrations(entry: string, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<void> {
  await reporter.step('Running database migrations', async () => {
    const migrations = startNode('migrations', entry, env);
    const abort = (): void => void migrations.stop();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const exit = await migrations.exited;
      signal.throwIfAborted();
      if (exit.code !== 0) {
        throw new Error(
          `the migrations ${ManagedProcess.describe(exit)}; their log: ${displayPath(migrations.logFile ?? '')}`,
        );
      }
    } finally {
      signal.removeEventListener('abort', abort);
    }
  });
}

/**
 * The worker or the API, started again when it ends: while the worker is down its workflows wait
 * in Temporal (their timers and decisions too) and go on when it polls again; while the API is
 * down, clients retry (a decision with its Idempotency-Key is taken once).
 */
export function startApp(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  ready?: (signal: AbortSignal, app: ManagedProcess) => Promise<void>,
): RunningService {
  const app = startNode(name, entry, env);
  return {
    name: `the ${name}`,
    ...runOf(app),
    logFile: app.logFile,
    restart: async (signal) => {
      const again = startNode(name, entry, env);
      try {
        await ready?.(signal, again);
      } catch (error) {
        await again.stop();
        throw error;
      }
      return runOf(again);
    },
  };
}

/** A run of a child process, as the stack supervises it. */
export function runOf(child: ManagedProcess): ServiceRun {
  return {
    exited: child.exited.then((exit) => ManagedProcess.describe(exit)),
    stop: async () => {
      await child.stop();
    },
  };
}

/** The API, the worker and the migrations log JSON lines (see jsonLogOutput for what is shown). */
export function startNode(name: string, entry: string, env: NodeJS.ProcessEnv): ManagedProcess {
  const part = name.toLowerCase();
  return ManagedProcess.start({
    name,
    command: process.execPath,
    args: [entry],
    env,
    output: jsonLogOutput(mode, part),
    logFile: logFileOf(part),
    stopSignal: 'SIGTERM',
    stopTimeoutMs: APP_STOP_TIMEOUT_MS,
  });
}

/** Waits until Temporal lists the worker process among the pollers of its task queue. */
export async function waitForWorkerPolling(
  queue: TaskQueueRef,
  app: ManagedProcess,
  signal: AbortSignal,
): Promise<void> {
  const identity = `${app.pid}@${hostname()}`;
  await waitUntil(async () => ((await workflowPollers(queue)).includes(identity) ? true : undefined), {
    description: `the worker (${identity}) to poll task queue ${queue.taskQueue}`,
    timeoutMs: API_READY_TIMEOUT_MS,
    intervalMs: 500,
    giveUpIf: () => (app.exit ? `the worker ${ManagedProcess.describe(app.exit)}` : undefined),
    signal,
  });
}

/** Waits until the API answers HTTP at all (it is up, if not yet ready: its health needs a worker). */
export async function waitForApiListening(apiUrl: string, app: ManagedProcess, signal: AbortSignal): Promise<void> {
  await waitUntil(
    async () => {
      await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      return true;
    },
    {
      description: `${apiUrl}/health to answer`,
      timeoutMs: API_READY_TIMEOUT_MS,
      intervalMs: 300,
      giveUpIf: () => (app.exit ? `the API ${ManagedProcess.describe(app.exit)}` : undefined),
      signal,
    },
  );
}

export async function waitForApi(apiUrl: string, signal: AbortSignal): Promise<void> {
  await waitUntil(
    async () => {
      const response = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status !== 200) throw new Error(`GET /api/health answered ${response.status}`);
      return true;
    },
    { description: `GET ${apiUrl}/health to answer 200`, timeoutMs: API_READY_TIMEOUT_MS, intervalMs: 500, signal },
  );
}
