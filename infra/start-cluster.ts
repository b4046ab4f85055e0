/**
 * `npm run start:cluster`: the same product as `npm start`, on a real Temporal cluster, in
 * this order: PostgreSQL (embedded, in .data/cluster/postgres, unless DATABASE_URL is set);
 * Temporal's databases, created and migrated with its SQL tool; the Temporal services
 * (history, matching, frontend, worker) as separate processes; the namespace and its search
 * attributes; the Temporal Web UI; the migrations; two workers and two API instances.
 * The Temporal binaries are built with Go on the first run and cached (infra/cluster/).
 * A part that ends on its own (a worker, an API instance, a Temporal service, the Web UI,
 * PostgreSQL) is started again after 1 s doubling to 30 s; one that ends 5 times within a minute
 * is given up, which stops the rest and exits 1 (support/service-stack.ts). Ctrl-C or SIGTERM
 * stops everything in reverse order and exits 0.
 *
 * As `npm start` does, in a terminal it prints one line a part and then only the warnings and
 * errors of the API and the workers; every part's full output goes to .data/logs/ (see
 * console-mode.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { loadConfig, type AppConfig } from '@aoc/config/config.schema';
import { redactedUrl, withClient } from '@aoc/persistence/database-admin';
import {
  APP_ENTRY_POINTS,
  AppInstance,
  waitForApi,
  waitForApiListening,
  waitForWorkers,
  type TaskQueueRef,
} from './cluster/app-instances';
import { provisionClusterBinaries, TEMPORAL_SERVER_VERSION } from './cluster/cluster-binaries';
import { conventionalPorts, TEMPORAL_SERVICES, TemporalCluster } from './cluster/temporal-cluster';
import { SEARCH_ATTRIBUTES, setUpNamespace } from './cluster/temporal-namespace';
import { setupTemporalSchemas, temporalDatabasesOn } from './cluster/temporal-schema';
import { startTemporalUi } from './cluster/temporal-ui';
import { startEmbeddedPostgres } from './postgres/embedded-postgres';
import { consoleMode, isCalm, jsonLogOutput, serverLogOutput, temporalLogOutput } from './support/console-mode';
import { envValue } from './support/environment';
import { partLogFile } from './support/log-files';
import { ManagedProcess } from './support/managed-process';
import { assertPortFree, parseHostPort } from './support/network-ports';
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from './support/progress-reporter';
import { dataDir, displayPath, logsDir, projectRoot } from './support/project-paths';
import { ServiceStack, type RunningService, type ServiceRun } from './support/service-stack';
import { resolveTemporalCli } from './temporal/temporal-cli';

const DEFAULT_UI_PORT = 8233;
const DEFAULT_HISTORY_SHARDS = 4;
const DEFAULT_INSTANCES = 2;

const mode = consoleMode(process.argv.slice(2), process.env, process.stdout);
const reporter = new ProgressReporter('cluster', { condensed: mode.terminal });

interface ClusterSettings {
  config: AppConfig;
  apiInstances: number;
  workerInstances: number;
  historyShards: number;
  uiPort: number;
}

function readSettings(): ClusterSettings {
  return {
    config: loadConfig(process.env),
    apiInstances: wholeNumber('CLUSTER_API_INSTANCES', DEFAULT_INSTANCES, 1, 16),
    workerInstances: wholeNumber('CLUSTER_WORKER_INSTANCES', DEFAULT_INSTANCES, 1, 16),
    historyShards: wholeNumber('TEMPORAL_HISTORY_SHARDS', DEFAULT_HISTORY_SHARDS, 1, 16_384),
    uiPort: wholeNumber('TEMPORAL_UI_PORT', DEFAULT_UI_PORT, 1, 65_535),
  };
}

async function main(): Promise<number> {
  if (mode.unknownArgs.length > 0) {
    throw new Error(`unknown argument ${mode.unknownArgs.join(' ')}: the only option is --verbose`);
  }
  const settings = readSettings();
  const { config } = settings;
  assertBuilt();
  const stack = new ServiceStack(reporter);
  handleStopSignals(stack);

  try {
    const apiPorts = Array.from({ length: settings.apiInstances }, (_, n) => config.port + n);
    for (const port of apiPorts) {
      await assertPortFree('127.0.0.1', port, 'stop the process using it, or set PORT (the first API instance port)');
    }
    reporter.info(
      `Full logs in ${displayPath(logsDir())}/` +
        (isCalm(mode) ? ' (only warnings and errors of the API and the workers show here; --verbose shows all)' : ''),
    );
    const binaries = await reporter.step(
      `Provisioning the Temporal server ${TEMPORAL_SERVER_VERSION}, its SQL tool and the Web UI`,
      () => provisionClusterBinaries({ reporter }),
      (b) => path.dirname(b.server),
    );
    const cli = await resolveTemporalCli({ reporter });
    stack.signal.throwIfAborted();

    const postgresUrl = await providePostgres(config, stack);
    stack.signal.throwIfAborted();
    const databases = temporalDatabasesOn(postgresUrl);
    await reporter.step(
      `Creating and migrating Temporal's databases (${databases.database}, ${databases.visibilityDatabase}) with temporal-sql-tool`,
      () => setupTemporalSchemas(binaries, databases),
      (v) => `schema ${v.temporal}, visibility schema ${v.visibility}`,
    );
    stack.signal.throwIfAborted();

    const { host: ip, port: frontendPort } = parseHostPort(config.temporal.address);
    const cluster = await reporter.step(
      `Starting the Temporal services (${TEMPORAL_SERVICES.join(', ')}), ${settings.historyShards} history shards`,
      () =>
        TemporalCluster.start({
          binaries,
          databases,
          ip,
          ports: conventionalPorts(frontendPort),
          historyShards: settings.historyShards,
          output: temporalLogOutput(mode),
          logsDir: logsDir(),
          signal: stack.signal,
        }),
      (c) => c.address,
    );
    // A service started again joins the membership ring and takes its part (history: its shards) back.
    for (const service of TEMPORAL_SERVICES) {
      stack.add({
        name: `the Temporal ${service} service`,
        ...runOf(cluster.process(service)),
        logFile: cluster.process(service).logFile,
        restart: async () => {
          try {
            await cluster.restart(service);
          } catch (error) {
            await cluster.process(service).stop();
            throw error;
          }
          return runOf(cluster.process(service));
        },
      });
    }
    await reporter.step(
      `Registering namespace "${config.temporal.namespace}" and its search attributes`,
      () => setUpNamespace(cli, cluster.address, config.temporal.namespace),
      (n) =>
        `${n.namespaceCreated ? 'namespace created' : 'namespace there'}; ` +
        `${n.registered.length ? `registered ${n.registered.join(', ')}` : 'search attributes there'}`,
    );
    stack.signal.throwIfAborted();

    let uiUrl = binaries.uiProblem ?? 'not started';
    const uiServer = binaries.uiServer;
    if (uiServer) {
      const logFile = partLogFile(logsDir(), 'temporal-ui');
      const start = (signal: AbortSignal) =>
        startTemporalUi({
          uiServer,
          temporalAddress: cluster.address,
          namespace: config.temporal.namespace,
          ip,
          port: settings.uiPort,
          output: serverLogOutput(mode),
          logFile,
          signal,
        });
      const ui = await reporter.step('Starting the Temporal Web UI', () => start(stack.signal));
      stack.add({
        name: 'the Temporal Web UI',
        ...runOf(ui.process),
        logFile,
        restart: async (signal) => runOf((await start(signal)).process),
      });
      uiUrl = ui.url;
    }

    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'development',
      ...process.env,
      DATABASE_URL: postgresUrl,
      TEMPORAL_ADDRESS: cluster.address,
    };
    await runMigrations(env, stack.signal);
    stack.signal.throwIfAborted();

    const instance = (kind: 'worker' | 'api', name: string, port?: number) =>
      new AppInstance({
        kind,
        name,
        env,
        port,
        output: jsonLogOutput(mode, name),
        logFile: partLogFile(logsDir(), name),
      });
    const workers = Array.from({ length: settings.workerInstances }, (_, n) => instance('worker', `worker-${n + 1}`));
    const apis = apiPorts.map((port, n) => instance('api', `api-${n + 1}`, port));
    const queue = {
      address: cluster.address,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
    };
    for (const app of [...workers, ...apis]) stack.add(supervisedApp(app, queue));
    await reporter.step(
      `Waiting for ${workers.length} workers to poll and ${apis.length} API instances to be healthy`,
      () =>
        Promise.all([
          waitForWorkers(workers, queue, stack.signal),
          ...apis.map((api) => waitForApi(api, stack.signal)),
        ]),
    );

    printSummary({ postgresUrl, cluster, uiUrl, apis, workers, settings });
    await stack.stopRequested;
  } catch (error) {
    if (!stack.signal.aborted) stack.requestStop({ kind: 'failure', message: errorMessage(error) });
  }

  const reason = stack.stopReason;
  if (reason?.kind === 'crash') {
    reporter.error(
      reason.gaveUp
        ? `${reason.service} ${reason.how}; giving up on it (${reason.gaveUp}); stopping the rest` +
            (reason.logFile ? `; its log: ${displayPath(reason.logFile)}` : '')
        : `${reason.service} ${reason.how} unexpectedly; stopping the rest`,
    );
  }
  if (reason?.kind === 'failure') reporter.error(reason.message);
  if (reason?.kind === 'signal') reporter.info(`received ${reason.signal}; stopping everything`);
  const stoppedCleanly = await stack.stopAll();
  return reason?.kind === 'signal' && stoppedCleanly ? 0 : 1;
}

function handleStopSignals(stack: ServiceStack): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stack.stopReason) reporter.info(`received ${signal} again; already stopping`);
      stack.requestStop({ kind: 'signal', signal });
    });
  }
}

function assertBuilt(): void {
  const missing = Object.values(APP_ENTRY_POINTS)
    .map((entry) => path.join(projectRoot(), entry))
    .filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.map(displayPath).join(', ')}; run "npm run build" first`);
  }
}

/**
 * The server of DATABASE_URL if set (checked); else an embedded PostgreSQL of the cluster's
 * own, in .data/cluster/postgres, so that the dev server's plans (whose workflows live in
 * .data/temporal.db) and the cluster's are never mixed.
 */
async function providePostgres(config: AppConfig, stack: ServiceStack): Promise<string> {
  if (envValue('DATABASE_URL') !== undefined) {
    await reporter.step(`Checking PostgreSQL at ${redactedUrl(config.databaseUrl)} (from DATABASE_URL)`, () =>
      withClient(config.databaseUrl, (client) => client.query('SELECT 1')),
    );
    return config.databaseUrl;
  }
  const target = new URL(config.databaseMigrationUrl);
  const logFile = partLogFile(logsDir(), 'cluster-postgres');
  const start = (signal: AbortSignal) =>
    startEmbeddedPostgres({
      dataDir: path.join(dataDir(), 'cluster', 'postgres'),
      host: target.hostname,
      port: Number(target.port),
      user: decodeURIComponent(target.username),
      password: decodeURIComponent(target.password),
      database: decodeURIComponent(target.pathname.slice(1)),
      output: serverLogOutput(mode),
      logFile,
      reporter,
      signal,
    });
  const postgres = await reporter.step(
    'Starting embedded PostgreSQL for the cluster',
    () => start(stack.signal),
    (server) => `${redactedUrl(server.url)}${server.newCluster ? ' (new cluster)' : ''}`,
  );
  // Started again after a crash: it recovers from its write-ahead log; Temporal's services, the
  // workers and the APIs reconnect.
  stack.add({ name: 'PostgreSQL', exited: postgres.exited, stop: postgres.stop, logFile, restart: start });
  return postgres.url;
}

async function runMigrations(env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<void> {
  await reporter.step('Running database migrations', async () => {
    const migrations = ManagedProcess.start({
      name: 'migrations',
      command: process.execPath,
      args: [path.join(projectRoot(), APP_ENTRY_POINTS.migrations)],
      env,
      output: jsonLogOutput(mode, 'migrations'),
      logFile: partLogFile(logsDir(), 'cluster-migrations'),
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 10_000,
    });
    const abort = (): void => void migrations.stop();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const exit = await migrations.exited;
      signal.throwIfAborted();
      if (exit.code !== 0) throw new Error(`the migrations ${ManagedProcess.describe(exit)}`);
    } finally {
      signal.removeEventListener('abort', abort);
    }
  });
}

/** A run of a child process, as the stack supervises it. */
function runOf(child: ManagedProcess): ServiceRun {
  return {
    exited: child.exited.then((exit) => ManagedProcess.describe(exit)),
    stop: async () => {
      await child.stop();
    },
  };
}

/**
 * A worker or an API instance, started again when it ends: back once the worker polls the task
 * queue, or the API answers HTTP. Meanwhile the other instances do its work: Temporal hands a
 * dead worker's workflows to the workers that poll, and the other API answers.
 */
function supervisedApp(app: AppInstance, queue: TaskQueueRef): RunningService {
  return {
    name: app.name,
    ...runOf(app.process),
    logFile: app.options.logFile,
    restart: async (signal) => {
      app.restart();
      try {
        await (app.options.kind === 'worker' ? waitForWorkers([app], queue, signal) : waitForApiListening(app, signal));
      } catch (error) {
        await app.stop();
        throw error;
      }
      return runOf(app.process);
    },
  };
}

function printSummary(summary: {
  postgresUrl: string;
  cluster: TemporalCluster;
  uiUrl: string;
  apis: AppInstance[];
  workers: AppInstance[];
  settings: ClusterSettings;
}): void {
  const { cluster, settings } = summary;
  const ports = cluster.ports.services;
  const metrics = Object.values(ports).map((p) => p.metrics);
  const rows: [string, string][] = [
    ['PostgreSQL', redactedUrl(summary.postgresUrl)],
    ['Temporal frontend', `${cluster.address}  (HTTP ${cluster.ports.frontendHttp})`],
    [
      'Temporal services',
      `history :${ports.history.grpc} (${settings.historyShards} shards), matching :${ports.matching.grpc}, ` +
        `worker :${ports.worker.grpc}; metrics on :${Math.min(...metrics)}-${Math.max(...metrics)}/metrics`,
    ],
    ['Search attributes', Object.keys(SEARCH_ATTRIBUTES).join(', ')],
    ['Temporal Web UI', summary.uiUrl],
    ['Workers', summary.workers.map((w) => `${w.name} (${w.identity})`).join(', ')],
    ...summary.apis.map((api): [string, string] => [
      `API ${api.name}`,
      `${api.baseUrl}/api  (docs ${api.baseUrl}/api/docs)`,
    ]),
    ['Logs', `${displayPath(logsDir())}/`],
  ];
  const lines = rows.map(([label, value]) => `    ${label.padEnd(18)} ${value}`);
  reporter.success(`The cluster is up:\n${lines.join('\n')}\n  Press Ctrl-C to stop.`);
}

function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const text = envValue(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new Error(`${name}="${text}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    reporter.error(errorMessage(error));
    process.exit(1);
  },
);
