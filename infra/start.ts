/**
 * `npm start`: runs the whole system on this machine, in this order:
 * PostgreSQL (embedded, unless DATABASE_URL is set), the Temporal dev server
 * (unless TEMPORAL_ADDRESS is set), the development identity provider (unless
 * OIDC_ISSUER_URL is set), the local mail catcher (unless SMTP_URL is set), the
 * migrations, the worker and the API.
 * Ctrl-C, SIGTERM or a closed terminal (SIGHUP) stops everything in reverse
 * order and exits 0. A part that ends on its own is started again, after 1 s
 * doubling to 30 s (support/restart-policy.ts); one that ends 5 times within a
 * minute is given up, which stops the rest and makes the exit code 1.
 *
 * Each part's full output goes to .data/logs/<part>.log. In a terminal only
 * the steps and the parts' warnings and errors are shown, unless --verbose or
 * LOG_LEVEL=debug; elsewhere every line is, as it is (see console-mode.ts).
 */
import { createDataSource } from '@aoc/persistence/data-source';
import { writeDemoRegistry } from '@aoc/demo/write-demo-registry';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

import { loadConfig, type AppConfig } from '@aoc/config/config.schema';
import { redactedUrl, withClient } from '@aoc/persistence/database-admin';
import { workflowPollers, type TaskQueueRef } from './cluster/app-instances';
import { startEmbeddedPostgres } from './postgres/embedded-postgres';
import { consoleMode, isCalm, jsonLogOutput, readableLogLines, serverLogOutput } from './support/console-mode';
import { envValue } from './support/environment';
import { partLogFile, tailOfFile } from './support/log-files';
import { ManagedProcess } from './support/managed-process';
import { assertPortFree, parseHostPort } from './support/network-ports';
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from './support/progress-reporter';
import { dataDir, displayPath, logsDir } from './support/project-paths';
import { ServiceStack, type RunningService, type ServiceRun } from './support/service-stack';
import { waitUntil } from '@aoc/support/wait-until';
import { startTemporalDevServer, waitForTemporalFrontend } from './temporal/dev-server';
import { resolveTemporalCli } from './temporal/temporal-cli';
import { devIssuerUrl, devProviderPort } from './identity/dev-provider-config';
import { mailCatcherWebPort, startMailCatcher } from './mail/mail-catcher';

const DEFAULT_TEMPORAL_UI_PORT = 8233;
const DEFAULT_WORKER_METRICS_PORT = 9464;
const API_READY_TIMEOUT_MS = 180_000;
const EXTERNAL_SERVICE_TIMEOUT_MS = 10_000;
const APP_STOP_TIMEOUT_MS = 30_000;
/** How much of a part's log is shown when it ends unexpectedly. */
const CRASH_TAIL_LINES = 20;

/** The compiled entry points, relative to dist/. */
const ENTRY_POINTS = {
  migrations: 'libs/persistence/src/cli/migrate.js',
  worker: 'apps/worker/src/main.js',
  api: 'apps/api/src/main.js',
  identity: 'infra/identity/dev-provider.js',
} as const;

const mode = consoleMode(process.argv.slice(2), process.env, process.stdout);
const reporter = new ProgressReporter('start', { condensed: mode.terminal });
/** The log files of the parts started so far. */
const logFiles: string[] = [];

function logFileOf(part: string): string {
  const file = partLogFile(logsDir(), part);
  if (!logFiles.includes(file)) logFiles.push(file);
  return file;
}

/**
 * Node 24 LTS is the supported runtime. Node 20.19 and 22.12 still run everything (they load
 * the ES-module packages, such as embedded-postgres, through require); older ones cannot.
 */
function assertSupportedNode(): void {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19)) return;
  throw new Error(
    `Node.js ${process.versions.node} is too old: install Node.js 24 LTS (Node 20.19+ and 22.12+ still work)`,
  );
}

async function main(): Promise<number> {
  assertSupportedNode();
  if (mode.unknownArgs.length > 0) {
    throw new Error(`unknown argument ${mode.unknownArgs.join(' ')}: the only option is --verbose`);
  }
  const config = loadConfig(process.env);
  const distRoot = path.resolve(__dirname, '..');
  const entries = resolveEntryPoints(distRoot);
  const stack = new ServiceStack(reporter);
  handleStopSignals(stack);

  try {
    await checkApiPortFree(config);
    reporter.info(`The app: ${appUrl(config)} (open it once everything is up)`);
    reporter.info(
      `Full logs in ${displayPath(logsDir())}/` +
        (isCalm(mode) ? ' (only warnings and errors show here; --verbose shows all)' : ''),
    );
    const postgres = await providePostgres(config, stack);
    stack.signal.throwIfAborted();
    const temporal = await provideTemporal(config, stack);
    stack.signal.throwIfAborted();
    const identity = await provideIdentity(config, entries.identity, stack);
    stack.signal.throwIfAborted();
    const mail = await provideMail(config, stack);
    stack.signal.throwIfAborted();
    const env = {
      NODE_ENV: 'development',
      // The worker's Temporal SDK metrics (docs/monitoring.md); WORKER_METRICS_PORT=0 turns them off.
      WORKER_METRICS_PORT: String(DEFAULT_WORKER_METRICS_PORT),
      // The plans' links go to the Web UI of the dev server started here.
      ...(temporal.uiUrl ? { TEMPORAL_UI_URL: temporal.uiUrl } : {}),
      // Webhooks may call a receiver on this machine (loopback), never another internal address
      // (the services' own default is to refuse every internal address; docs/notifications.md).
      WEBHOOK_PRIVATE_ADDRESSES: 'loopback',
      ...process.env,
      // The services as a role that owns nothing; the migrations as the owner (docs/operations.md).
      DATABASE_URL: postgres.url,
      DATABASE_MIGRATION_URL: postgres.migrationUrl ?? postgres.url,
      TEMPORAL_ADDRESS: temporal.url,
      OIDC_ISSUER_URL: identity.url,
      SMTP_URL: mail.url,
    };
    await runMigrations(entries.migrations, env, stack.signal);
    stack.signal.throwIfAborted();
    await reporter.step('Filling the demo registry', () => fillDemoRegistry(postgres.url));
    stack.signal.throwIfAborted();
    const apiUrl = `http://127.0.0.1:${config.port}/api`;
    await reporter.step(
      'Starting the worker and the API',
      async () => {
        const queue = {
          address: temporal.url,
          namespace: config.temporal.namespace,
          taskQueue: config.temporal.taskQueue,
        };
        stack.add(startApp('worker', entries.worker, env, (signal, app) => waitForWorkerPolling(queue, app, signal)));
        stack.add(startApp('API', entries.api, env, (signal, app) => waitForApiListening(apiUrl, app, signal)));
        await waitForApi(apiUrl, stack.signal);
      },
      () => `${apiUrl}/health answers`,
    );
    printSummary(postgres, temporal, identity, mail, apiUrl, appUrl(config));
    await stack.stopRequested;
  } catch (error) {
    if (!stack.signal.aborted) stack.requestStop({ kind: 'failure', message: errorMessage(error) });
  }

  const reason = stack.stopReason;
  if (reason?.kind === 'crash') reportCrash(reason.service, reason.how, reason.logFile, reason.gaveUp);
  if (reason?.kind === 'failure') reporter.error(reason.message);
  if (reason?.kind === 'signal') reporter.info(`received ${reason.signal}; stopping everything`);
  const stoppedCleanly = await stack.stopAll();
  return reason?.kind === 'signal' && stoppedCleanly ? 0 : 1;
}

/** Names the part that ended (or was given up) and its log; when its lines were not shown, shows the last ones. */
function reportCrash(service: string, how: string, logFile: string | undefined, gaveUp: string | undefined): void {
  reporter.error(
    gaveUp
      ? `${service} ${how}; giving up on it (${gaveUp}); stopping the rest`
      : `${service} ${how} unexpectedly; stopping the rest`,
  );
  if (logFile === undefined) return;
  const tail = isCalm(mode) ? tailOfFile(logFile, CRASH_TAIL_LINES) : '';
  if (tail === '') {
    reporter.error(`its log: ${displayPath(logFile)}`);
    return;
  }
  const lines = readableLogLines(mode, path.basename(logFile, '.log'), tail.split('\n'));
  reporter.error(
    `the last lines of its log, ${displayPath(logFile)}:\n${lines.map((line) => `    ${line}`).join('\n')}`,
  );
}

function handleStopSignals(stack: ServiceStack): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stack.stopReason) reporter.info(`received ${signal} again; already stopping`);
      stack.requestStop({ kind: 'signal', signal });
    });
  }
}

function resolveEntryPoints(distRoot: string): Record<keyof typeof ENTRY_POINTS, string> {
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

/** Fails before anything starts if the API's port is taken (the other parts check theirs as they start). */
async function checkApiPortFree(config: AppConfig): Promise<void> {
  await assertPortFree('127.0.0.1', config.port, 'stop the process using it, or set PORT to another port for the API');
}

interface Provided {
  url: string;
  note: string;
  uiUrl?: string;
  /** PostgreSQL: the owner's URL, for the migrations (url is the services' role). */
  migrationUrl?: string;
}

/**
 * PostgreSQL: the server of DATABASE_URL if set (checked), else embedded PostgreSQL with the
 * default owner URL's settings (DATABASE_MIGRATION_URL's, else its superuser). The services run
 * as DATABASE_URL's role, which the migrations' provisioning step creates on the embedded server.
 */
async function providePostgres(config: AppConfig, stack: ServiceStack): Promise<Provided> {
  if (envValue('DATABASE_URL') !== undefined) {
    await reporter.step(`Checking PostgreSQL at ${redactedUrl(config.databaseUrl)} (from DATABASE_URL)`, () =>
      withClient(config.databaseUrl, (client) => client.query('SELECT 1')),
    );
    return { url: config.databaseUrl, migrationUrl: config.databaseMigrationUrl, note: 'from DATABASE_URL' };
  }
  const target = new URL(config.databaseMigrationUrl);
  const postgresDir = path.join(dataDir(), 'postgres');
  const logFile = logFileOf('postgres');
  const start = (signal: AbortSignal) =>
    startEmbeddedPostgres({
      dataDir: postgresDir,
      output: serverLogOutput(mode),
      logFile,
      host: target.hostname,
      port: Number(target.port),
      user: decodeURIComponent(target.username),
      password: decodeURIComponent(target.password),
      database: decodeURIComponent(target.pathname.slice(1)),
      reporter,
      signal,
    });
  const postgres = await reporter.step(
    'Starting embedded PostgreSQL',
    () => start(stack.signal),
    (server) => `${redactedUrl(server.url)}${server.newCluster ? ' (new cluster)' : ''}`,
  );
  // A crash is recovered from the write-ahead log as the server starts again; the API and the
  // worker reconnect, and the activities retry what they could not write meanwhile.
  stack.add({ name: 'PostgreSQL', exited: postgres.exited, stop: postgres.stop, logFile, restart: start });
  return {
    url: config.databaseUrl,
    migrationUrl: postgres.url,
    note: `embedded; data in ${displayPath(postgresDir)}; the services as ${new URL(config.databaseUrl).username}, the migrations as ${new URL(postgres.url).username}`,
  };
}

/** Temporal: the server of TEMPORAL_ADDRESS if set (checked), else the dev server at the default address. */
async function provideTemporal(config: AppConfig, stack: ServiceStack): Promise<Provided> {
  const { address, namespace } = config.temporal;
  if (envValue('TEMPORAL_ADDRESS') !== undefined) {
    await reporter.step(`Checking the Temporal server at ${address} (from TEMPORAL_ADDRESS)`, () =>
      waitForTemporalFrontend(address, namespace, { timeoutMs: EXTERNAL_SERVICE_TIMEOUT_MS, signal: stack.signal }),
    );
    return { url: address, note: 'from TEMPORAL_ADDRESS' };
  }
  const { host, port } = parseHostPort(address);
  const dbFile = path.join(dataDir(), 'temporal.db');
  const logFile = logFileOf('temporal');
  const cli = await resolveTemporalCli({ reporter });
  stack.signal.throwIfAborted();
  const uiPort = temporalUiPort();
  const start = (signal: AbortSignal) =>
    startTemporalDevServer({
      cli,
      ip: host,
      port,
      uiPort,
      dbFile,
      namespace,
      output: serverLogOutput(mode),
      logFile,
      signal,
    });
  const temporal = await reporter.step(
    'Starting the Temporal dev server',
    () => start(stack.signal),
    (s) => s.address,
  );
  // Its state is in the SQLite file: a restarted server goes on with every workflow where it was.
  stack.add({
    name: 'the Temporal dev server',
    exited: temporal.exited,
    stop: temporal.stop,
    logFile,
    restart: start,
  });
  return { url: temporal.address, note: `dev server; state in ${displayPath(dbFile)}`, uiUrl: temporal.uiUrl };
}

/**
 * The OpenID Connect provider: the issuer of OIDC_ISSUER_URL if set (not checked: the API
 * fetches its discovery document when the first token comes), else the development identity
 * provider (infra/identity/dev-provider.ts), whose sign-in page lists the demo users.
 */
async function provideIdentity(config: AppConfig, entry: string, stack: ServiceStack): Promise<Provided> {
  if (config.auth.oidc) return { url: config.auth.oidc.issuerUrl, note: 'from OIDC_ISSUER_URL' };
  const port = devProviderPort();
  const url = devIssuerUrl(port);
  await assertPortFree('127.0.0.1', port, 'stop the process using it, or set DEV_IDP_PORT to another port');
  const start = async (signal: AbortSignal): Promise<ServiceRun> => {
    const provider = startNode('identity', entry, { NODE_ENV: 'development', ...process.env });
    try {
      await waitUntil(
        async () => {
          const response = await fetch(`${url}/.well-known/openid-configuration`, {
            signal: AbortSignal.timeout(2_000),
          });
          return response.status === 200 ? true : undefined;
        },
        {
          description: `${url} to serve its discovery document`,
          timeoutMs: 60_000,
          intervalMs: 300,
          giveUpIf: () => (provider.exit ? `it ${ManagedProcess.describe(provider.exit)}` : undefined),
          signal,
        },
      );
    } catch (error) {
      await provider.stop();
      throw error;
    }
    return runOf(provider);
  };
  const provider = await reporter.step(
    'Starting the development identity provider',
    () => start(stack.signal),
    () => url,
  );
  stack.add({ name: 'the development identity provider', ...provider, logFile: logFileOf('identity'), restart: start });
  return { url, note: 'development only: pick a demo user, no password' };
}

/**
 * E-mail: the SMTP server of SMTP_URL if set (not checked: the worker retries each e-mail),
 * else the local mail catcher (MailDev) on SMTP_URL's default port, whose web page shows every
 * e-mail sent (MAIL_CATCHER_WEB_PORT).
 */
async function provideMail(config: AppConfig, stack: ServiceStack): Promise<Provided> {
  if (envValue('SMTP_URL') !== undefined) {
    return { url: config.notifications.smtpUrl, note: 'from SMTP_URL' };
  }
  const smtpPort = Number(new URL(config.notifications.smtpUrl).port);
  const webPort = mailCatcherWebPort();
  await assertPortFree('127.0.0.1', smtpPort, 'stop the process using it, or set SMTP_URL to a mail server');
  await assertPortFree('127.0.0.1', webPort, 'stop the process using it, or set MAIL_CATCHER_WEB_PORT to another port');
  const mailDirectory = path.join(dataDir(), 'mail');
  const start = (signal: AbortSignal) =>
    startMailCatcher({
      smtpPort,
      webPort,
      mailDirectory,
      output: serverLogOutput(mode),
      logFile: logFileOf('mail'),
      signal,
    });
  const catcher = await reporter.step(
    'Starting the mail catcher',
    () => start(stack.signal),
    (started) => `${started.smtpUrl}, web page ${started.webUrl}`,
  );
  // The worker retries an e-mail while the catcher is down.
  stack.add({
    name: 'the mail catcher',
    ...runOf(catcher.process),
    logFile: catcher.process.logFile,
    restart: async (signal) => runOf((await start(signal)).process),
  });
  return {
    url: catcher.smtpUrl,
    note: `MailDev: every e-mail is caught, none leaves this machine; kept in ${displayPath(mailDirectory)}`,
    uiUrl: catcher.webUrl,
  };
}

function temporalUiPort(): number {
  const text = envValue('TEMPORAL_UI_PORT');
  if (text === undefined) return DEFAULT_TEMPORAL_UI_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new Error(`TEMPORAL_UI_PORT="${text}" must be a whole number from 1 to 65535`);
  }
  return port;
}

/** The demo's regions, bodies, organizations, seats and users (DOMAIN §12), so that a newcomer sees the registry at work. Idempotent. */
async function fillDemoRegistry(databaseUrl: string): Promise<void> {
  const dataSource = await createDataSource(databaseUrl, { poolSize: 1 }).initialize();
  try {
    await writeDemoRegistry(dataSource, { users: true });
  } finally {
    await dataSource.destroy();
  }
}

async function runMigrations(entry: string, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<void> {
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
function startApp(
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
function runOf(child: ManagedProcess): ServiceRun {
  return {
    exited: child.exited.then((exit) => ManagedProcess.describe(exit)),
    stop: async () => {
      await child.stop();
    },
  };
}

/** The API, the worker and the migrations log JSON lines (see jsonLogOutput for what is shown). */
function startNode(name: string, entry: string, env: NodeJS.ProcessEnv): ManagedProcess {
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
async function waitForWorkerPolling(queue: TaskQueueRef, app: ManagedProcess, signal: AbortSignal): Promise<void> {
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
async function waitForApiListening(apiUrl: string, app: ManagedProcess, signal: AbortSignal): Promise<void> {
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

async function waitForApi(apiUrl: string, signal: AbortSignal): Promise<void> {
  await waitUntil(
    async () => {
      const response = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status !== 200) throw new Error(`GET /api/health answered ${response.status}`);
      return true;
    },
    { description: `GET ${apiUrl}/health to answer 200`, timeoutMs: API_READY_TIMEOUT_MS, intervalMs: 500, signal },
  );
}

/** The web app, which the API serves at `/` (apps/web, built into dist/web). */
function appUrl(config: AppConfig): string {
  return `http://127.0.0.1:${config.port}/`;
}

/** Where the worker serves the Temporal SDK's metrics, as `npm start` set it. */
function workerMetricsNote(): string {
  const port = Number(process.env.WORKER_METRICS_PORT ?? DEFAULT_WORKER_METRICS_PORT);
  return port > 0 ? `, http://127.0.0.1:${port}/metrics (worker)` : '';
}

function printSummary(
  postgres: Provided,
  temporal: Provided,
  identity: Provided,
  mail: Provided,
  apiUrl: string,
  app: string,
): void {
  const rows: [string, string][] = [
    [
      'Web app',
      existsSync(path.resolve(__dirname, '..', 'web', 'index.html')) ? app : `${app}  (not built: npm run build:web)`,
    ],
    ['PostgreSQL', `${redactedUrl(postgres.url)}  (${postgres.note})`],
    ['Temporal gRPC', `${temporal.url}  (${temporal.note})`],
    ['Temporal Web UI', temporal.uiUrl ?? 'not started here (external Temporal)'],
    ['Identity (OIDC)', `${identity.url}  (${identity.note})`],
    ['Mail (SMTP)', `${mail.url.replace(/\/\/[^@/]*@/, '//')}  (${mail.note})`],
    ['Mail web page', mail.uiUrl ?? 'not started here (SMTP_URL)'],
    ['API', apiUrl],
    ['API docs', `${apiUrl}/docs`],
    ['Metrics', `${apiUrl.replace(/\/api$/, '')}/metrics (API)${workerMetricsNote()}`],
    [
      'Logs',
      `${displayPath(logsDir())}/ ${logFiles
        .filter((file) => existsSync(file))
        .map((file) => path.basename(file))
        .join(' ')}`,
    ],
  ];
  const lines = rows.map(([label, value]) => `    ${label.padEnd(16)} ${value}`);
  reporter.success(`Everything is up:\n${lines.join('\n')}\n  Press Ctrl-C to stop.`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    reporter.error(errorMessage(error));
    process.exit(1);
  },
);
