/**
 * The services `npm start` runs on this machine unless the environment names others: PostgreSQL
 * (embedded), the Temporal dev server, the development identity provider and the mail catcher.
 * Each is checked or started, and what it started is added to the stack, which restarts it when
 * it ends on its own.
 */
import path from 'node:path';
import type { AppConfig } from '@aoc/config/config.schema';
import { redactedUrl, withClient } from '@aoc/persistence/database-admin';
import { devIssuerUrl, devProviderPort } from '../identity/dev-provider-config';
import { mailCatcherWebPort, startMailCatcher } from '../mail/mail-catcher';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { serverLogOutput } from '../support/console-mode';
import { envValue } from '../support/environment';
import { ManagedProcess } from '../support/managed-process';
import { assertPortFree, parseHostPort } from '../support/network-ports';
import { dataDir, displayPath } from '../support/project-paths';
import type { ServiceRun, ServiceStack } from '../support/service-stack';
import { waitUntil } from '@aoc/support/wait-until';
import { startTemporalDevServer, waitForTemporalFrontend } from '../temporal/dev-server';
import { resolveTemporalCli } from '../temporal/temporal-cli';
import { runOf, startNode } from './app-processes';
import { logFileOf, mode, reporter } from './start-console';

const DEFAULT_TEMPORAL_UI_PORT = 8233;
const EXTERNAL_SERVICE_TIMEOUT_MS = 10_000;

export interface Provided {
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
export async function providePostgres(config: AppConfig, stack: ServiceStack): Promise<Provided> {
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
export async function provideTemporal(config: AppConfig, stack: ServiceStack): Promise<Provided> {
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
export async function provideIdentity(config: AppConfig, entry: string, stack: ServiceStack): Promise<Provided> {
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
export async function provideMail(config: AppConfig, stack: ServiceStack): Promise<Provided> {
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

export function temporalUiPort(): number {
  const text = envValue('TEMPORAL_UI_PORT');
  if (text === undefined) return DEFAULT_TEMPORAL_UI_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new Error(`TEMPORAL_UI_PORT="${text}" must be a whole number from 1 to 65535`);
  }
  return port;
}
