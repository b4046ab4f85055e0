/**
 * Jest global setup: gives the test run a Temporal server and a database of
 * its own, and tells the test workers where they are through process.env.
 *
 * - Temporal: TEMPORAL_ADDRESS if set (nothing is started); otherwise a dev
 *   server on free ports, in memory, from the Temporal CLI (found or built).
 * - PostgreSQL: a fresh database `aoc_test_<time>_<random>` on the server of
 *   TEST_DATABASE_URL, else DATABASE_URL, else this machine's PostgreSQL.
 *   The tests run the migrations themselves.
 */
import { randomBytes } from 'node:crypto';

import { createDatabase, databaseUrl, redactedUrl } from '../../libs/persistence/src/database-admin';
import { envValue } from '../../infra/support/environment';
import { errorMessage, ProgressReporter } from '../../infra/support/progress-reporter';
import { startEphemeralTemporalDevServer, waitForTemporalFrontend } from '../../infra/temporal/dev-server';
import { resolveTemporalCli } from '../../infra/temporal/temporal-cli';
import { keepTestInfrastructure } from './test-infrastructure';

const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const EXTERNAL_TEMPORAL_TIMEOUT_MS = 10_000;

export default async function globalSetup(): Promise<void> {
  const reporter = new ProgressReporter('test-setup');
  const serverUrl = envValue('TEST_DATABASE_URL') ?? envValue('DATABASE_URL') ?? LOCAL_POSTGRES_URL;
  const databaseName = `aoc_test_${Date.now()}_${randomBytes(3).toString('hex')}`;

  const temporal = await provideTemporal(reporter);
  try {
    await reporter.step(
      `Creating database ${databaseName}`,
      () => createDatabase(serverUrl, databaseName),
      () => `on ${redactedUrl(serverUrl)}`,
    );
  } catch (error) {
    await temporal.stop?.();
    throw error;
  }

  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.DATABASE_URL = databaseUrl(serverUrl, databaseName);
  keepTestInfrastructure({ serverUrl, databaseName, stopTemporal: temporal.stop });
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
