/**
 * Jest global setup: gives the test run a Temporal server and a database of
 * its own, and tells the test workers where they are through process.env.
 *
 * - Temporal: TEMPORAL_ADDRESS if set (nothing is started); otherwise a dev
 *   server on free ports, in memory, from the Temporal CLI (found or built).
 * - PostgreSQL: a fresh database `aoc_test_<time>_<random>` on the server of
 *   TEST_DATABASE_URL, else DATABASE_URL, else this machine's PostgreSQL on
 *   5432, else an embedded PostgreSQL started for the run, migrated once for all test files.
 * - `dist/`: built, because the e2e tests run the real API and worker processes.
 *
 * Every project on the real servers names this setup; the first one provisions for all.
 */
import 'tsconfig-paths/register';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createDataSource } from '@aoc/persistence/data-source';
import { createDatabase, databaseUrl, redactedUrl, withClient } from '@aoc/persistence/database-admin';
import { startEmbeddedPostgres } from '../../infra/postgres/embedded-postgres';
import { findFreePort } from '../../infra/support/network-ports';
import { dataDir, projectRoot } from '../../infra/support/project-paths';
import { envValue } from '../../infra/support/environment';
import { errorMessage, ProgressReporter } from '../../infra/support/progress-reporter';
import { startEphemeralTemporalDevServer, waitForTemporalFrontend } from '../../infra/temporal/dev-server';
import { resolveTemporalCli } from '../../infra/temporal/temporal-cli';
import { registerDemoRegistry } from '../support/registry-fixtures';
import { joinTestInfrastructure, keepTestInfrastructure } from './test-infrastructure';

const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
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
}

/** `npm run build`: the compiler, then the rewrite of the path aliases to relative paths. */
function buildDist(): void {
  process.stdout.write('\n[test-setup] building dist/ for the e2e processes…\n');
  for (const [tool, bin] of [
    ['typescript', 'bin/tsc'],
    ['tsc-alias', 'dist/bin/index.js'],
  ]) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', tool, bin), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
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
