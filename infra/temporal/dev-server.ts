import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { Connection } from '@temporalio/client';

import { ManagedProcess, type OutputMode } from '../support/managed-process';
import { assertPortFree, findFreePort } from '../support/network-ports';
import { displayPath } from '../support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';
import type { TemporalCli } from './temporal-cli';
import { PLAN_SEARCH_ATTRIBUTE_KEYS, cliType } from '@aoc/workflows/search-attributes';

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface TemporalDevServerOptions {
  cli: TemporalCli;
  /** Address the frontend binds to, e.g. 127.0.0.1. */
  ip: string;
  /** gRPC frontend port. */
  port: number;
  /** Web UI port; without one the server runs headless. */
  uiPort?: number;
  /** SQLite file that keeps state across restarts; without one, state lives in memory. */
  dbFile?: string;
  namespace?: string;
  /** How the server's own log lines reach our output. */
  output?: OutputMode;
  /** Where the server's own output goes, whatever `output` shows. */
  logFile?: string;
  readyTimeoutMs?: number;
  signal?: AbortSignal;
}

/** A running Temporal dev server. */
export interface TemporalDevServer {
  /** gRPC frontend, host:port. */
  address: string;
  namespace: string;
  uiUrl?: string;
  /** Resolves when the server has ended, with how: "exited with code 1". */
  exited: Promise<string>;
  stop: () => Promise<void>;
  /**
   * Kills the server outright (SIGKILL to its process group), as a crash would, and resolves
   * once it has ended; its `--db-filename`, if any, keeps what it had written. Absent for a
   * server that @temporalio/testing downloaded and runs.
   */
  kill?: () => Promise<void>;
}

/**
 * Starts `temporal server start-dev` and waits until its frontend answers for
 * the namespace. Fails first, with the port in the message, if a port is taken.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const namespace = options.namespace ?? 'default';
  const address = `${options.ip}:${options.port}`;
  await assertPortFree(
    options.ip,
    options.port,
    'stop the process using it, or set TEMPORAL_ADDRESS to use the Temporal server listening there',
  );
  if (options.uiPort !== undefined) {
    await assertPortFree(
      options.ip,
      options.uiPort,
      'stop the process using it, or set TEMPORAL_UI_PORT to another port for the Temporal Web UI',
    );
  }
  if (options.dbFile) await mkdir(path.dirname(options.dbFile), { recursive: true });

  if (!options.cli.path) return startDownloadedDevServer(options, namespace);

  const server = ManagedProcess.start({
    name: 'temporal',
    command: options.cli.path,
    args: devServerArgs(options, namespace),
    output: options.output ?? 'prefixed',
    logFile: options.logFile,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: STOP_TIMEOUT_MS,
    muteWhileStopping: true,
  });
  const stop = async (): Promise<void> => {
    await server.stop();
  };
  try {
    await waitForTemporalFrontend(address, namespace, {
      timeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      giveUpIf: () => (server.exit ? describeEarlyExit(server) : undefined),
      signal: options.signal,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    address,
    namespace,
    uiUrl: options.uiPort === undefined ? undefined : `http://${options.ip}:${options.uiPort}`,
    exited: server.exited.then((exit) => ManagedProcess.describe(exit)),
    stop,
    kill: async () => {
      server.killNow();
      await server.exited;
    },
  };
}

/** A dev server for one test run: free ports, no Web UI, state in memory. */
export async function startEphemeralTemporalDevServer(cli: TemporalCli): Promise<TemporalDevServer> {
  const ip = '127.0.0.1';
  return startTemporalDevServer({ cli, ip, port: await findFreePort(ip), output: 'quiet' });
}

export interface FrontendWaitOptions {
  timeoutMs: number;
  giveUpIf?: () => string | undefined;
  signal?: AbortSignal;
}

/** Waits until the Temporal frontend at `address` describes `namespace`. */
export async function waitForTemporalFrontend(
  address: string,
  namespace: string,
  options: FrontendWaitOptions,
): Promise<void> {
  await waitUntil(
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return true;
      } finally {
        await connection.close();
      }
    },
    { description: `the Temporal frontend at ${address} (namespace "${namespace}")`, intervalMs: 500, ...options },
  );
}

function devServerArgs(options: TemporalDevServerOptions, namespace: string): string[] {
  const args = ['server', 'start-dev', '--ip', options.ip, '--port', String(options.port)];
  args.push(...(options.uiPort === undefined ? ['--headless'] : ['--ui-port', String(options.uiPort)]));
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  args.push('--namespace', namespace, '--log-level', 'warn');
  // A decision's write is an activity scheduled with the Update's acceptance (ONE_TASK_DECISIONS):
  // handed back to the worker that completed the workflow task, without a round trip through matching.
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
  // The plans' search attributes (workflows/src/search-attributes.ts), registered in the namespace.
  for (const key of PLAN_SEARCH_ATTRIBUTE_KEYS) args.push('--search-attribute', `${key.name}=${cliType(key.type)}`);
  return args;
}

function describeEarlyExit(server: ManagedProcess): string {
  const exit = server.exit;
  const how = exit ? ManagedProcess.describe(exit) : 'ended';
  const where = server.logFile === undefined ? '' : ` (all of it in ${displayPath(server.logFile)})`;
  return `the temporal dev server ${how}; its last output${where}:\n${server.recentOutput()}`;
}

/**
 * Without a CLI on this machine, @temporalio/testing downloads the dev server
 * (needs internet) and runs it itself.
 */
async function startDownloadedDevServer(
  options: TemporalDevServerOptions,
  namespace: string,
): Promise<TemporalDevServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const environment = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: options.ip,
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      namespace,
      searchAttributes: [...PLAN_SEARCH_ATTRIBUTE_KEYS],
    },
  });
  return {
    address: environment.address,
    namespace,
    uiUrl: options.uiPort === undefined ? undefined : `http://${options.ip}:${options.uiPort}`,
    exited: new Promise<string>(() => undefined),
    stop: () => environment.teardown(),
  };
}
