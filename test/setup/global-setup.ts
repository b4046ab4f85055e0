/**
 * Jest global setup: gives the test run a Temporal server and a database of
 * its own, and tells the test workers where they are through process.env.
 *
 * - Temporal: TEMPORAL_ADDRESS if set (nothing is started); otherwise a dev
 *   server on free ports, in memory, from the Temporal CLI (found or built).
 * - PostgreSQL: a fresh database `aoc_test_<time>_<random>` on the server of
 *   TEST_DATABASE_URL, else DATABASE_URL, else this machine's PostgreSQL on
 *   5432, else an embedded PostgreSQL started for the run, migrated once for all test files. The
 *   tests connect as its owner (DATABASE_URL); the API and worker processes of the e2e harness as
 *   the runtime role `aoc_test_app`, which owns nothing (TEST_RUNTIME_DATABASE_URL).
 * - `dist/` and the web app (`dist/web`): built as `npm start` builds them (infra/build-if-stale.mjs,
 *   when their sources changed), because the e2e tests run the real API and worker processes and
 *   the API serves the web app at `/` as it does for a user.
 *
 * Every project on the real servers names this setup; the first one provisions for all.
 */
import 'tsconfig-paths/register';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createDataSource } from '@aoc/persistence/data-source';
import { createDatabase, databaseUrl, redactedUrl, withClient } from '@aoc/persistence/database-admin';
import { grantRuntimeRole } from '@aoc/persistence/database-roles';
import { startEmbeddedPostgres } from '../../infra/postgres/embedded-postgres';
import { findFreePort } from '../../infra/support/network-ports';
import { dataDir, projectRoot } from '../../infra/support/project-paths';
import { envValue } from '../../infra/support/environment';
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from '../../infra/support/progress-reporter';
import { startEphemeralTemporalDevServer, waitForTemporalFrontend } from '../../infra/temporal/dev-server';
import { resolveTemporalCli } from '../../infra/temporal/temporal-cli';
import { registerDemoRegistry } from '../support/registry-fixtures';
import { joinTestInfrastructure, keepTestInfrastructure } from './test-infrastructure';

const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** The role the e2e API and worker processes run as (shared by every run on the server; it owns nothing). */
const TEST_RUNTIME_ROLE = 'aoc_test_app';
const EXTERNAL_TEMPORAL_TIMEOUT_MS = 10_000;
/** The project root, also when this file runs compiled from dist/ (the browser tests' stack). */
const ROOT = projectRoot();

export default async function globalSetup(): Promise<void> {
  if (joinTestInfrastructure()) return;
  buildDist();
  await provision();
  const dataSource = await createDataSource(process.env.DATABASE_URL!, { poolSize: 1 }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await registerDemoRegistry(dataSource);
  } finally {
    await dataSource.destroy();
  }
  // The API and worker processes run as a role that owns nothing, as in every deployment
  // (docs/operations.md, "Database roles"); the tests themselves keep the owner (DATABASE_URL).
  const runtimeUrl = new URL(process.env.DATABASE_URL!);
  runtimeUrl.username = TEST_RUNTIME_ROLE;
  runtimeUrl.password = TEST_RUNTIME_ROLE;
  await grantRuntimeRole(process.env.DATABASE_URL!, runtimeUrl.toString());
  process.env.TEST_RUNTIME_DATABASE_URL = runtimeUrl.toString();
}

/** What `npm start` builds first: dist/ and dist/web, each when its sources changed (infra/build-if-stale.mjs). */
function buildDist(): void {
  process.stdout.write('\n[test-setup] building dist/ and dist/web as npm start does…\n');
  // Without jest's NODE_ENV=test, which would make Vite bundle React's development build.
  const { NODE_ENV: _jest, ...env } = process.env;
  execFileSync(process.execPath, [path.join(ROOT, 'infra', 'build-if-stale.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
}

async function provision(): Promise<void> {
  const startedAt = new Date();
  const reporter = new ProgressReporter('test-setup');
  const databaseName = `aoc_test_${Date.now()}_${randomBytes(3).toString('hex')}`;

  const temporal = await provideTemporal(reporter);
  const postgres = await providePostgres(reporter).catch(async (error: unknown) => {
    await temporal.stop?.();
    throw error;
  });
  const serverUrl = postgres.url;
  try {
    await reporter.step(
      `Creating database ${databaseName}`,
      () => createDatabase(serverUrl, databaseName),
      () => `on ${redactedUrl(serverUrl)}`,
    );
  } catch (error) {
    await temporal.stop?.();
    await postgres.stop?.();
    throw error;
  }

  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.DATABASE_URL = databaseUrl(serverUrl, databaseName);
  keepTestInfrastructure({
    serverUrl,
    databaseName,
    stopTemporal: temporal.stop,
    stopPostgres: postgres.stop,
    temporalAddress: temporal.address,
    startedAt,
    projects: 1,
  });
}

interface ProvidedPostgres {
  url: string;
  stop?: () => Promise<void>;
}

/**
 * The server to create the run's database on: TEST_DATABASE_URL or DATABASE_URL if set; else
 * this machine's PostgreSQL on 5432 if it answers; else (a fresh laptop) an embedded
 * PostgreSQL of the tests' own, in `.data/test-postgres`, on a free port.
 */
async function providePostgres(reporter: ProgressReporter): Promise<ProvidedPostgres> {
  const given = envValue('TEST_DATABASE_URL') ?? envValue('DATABASE_URL');
  if (given) return { url: given };
  const local = await withClient(LOCAL_POSTGRES_URL, (client) => client.query('SELECT 1')).then(
    () => true,
    () => false,
  );
  if (local) return { url: LOCAL_POSTGRES_URL };
  const port = await findFreePort();
  const server = await reporter.step(
    'No PostgreSQL on 127.0.0.1:5432; starting an embedded one for the tests',
    () =>
      startEmbeddedPostgres({
        dataDir: path.join(dataDir(), 'test-postgres'),
        host: '127.0.0.1',
        port,
        user: 'postgres',
        password: 'postgres',
        database: 'postgres',
        output: 'quiet',
        reporter,
      }),
    (started) => redactedUrl(started.url),
  );
  return { url: server.url, stop: server.stop };
}

interface ProvidedTemporal {
  address: string;
  stop?: () => Promise<void>;
}

async function provideTemporal(reporter: ProgressReporter): Promise<ProvidedTemporal> {
  const given = envValue('TEMPORAL_ADDRESS');
  const namespace = envValue('TEMPORAL_NAMESPACE') ?? 'default';
  if (given) {
    await reporter.step(`Checking the Temporal server at ${given} (from TEMPORAL_ADDRESS)`, async () => {
      try {
        await waitForTemporalFrontend(given, namespace, { timeoutMs: EXTERNAL_TEMPORAL_TIMEOUT_MS });
      } catch (error) {
        throw new Error(
          `${errorMessage(error)}; unset TEMPORAL_ADDRESS to let the tests start a dev server of their own`,
        );
      }
    });
    return { address: given };
  }
  const cli = await resolveTemporalCli({ reporter });
  const server = await reporter.step(
    'Starting a Temporal dev server for this run',
    () => startEphemeralTemporalDevServer(cli),
    (started) => `${started.address} (CLI from ${cli.source})`,
  );
  return { address: server.address, stop: server.stop };
}
