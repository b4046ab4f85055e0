/**
 * Jest global teardown, once the last project on the real servers is done: replays every
 * workflow history the run produced against the current code (a nondeterminism fails the
 * run), checks that every plan the run endorsed has one adoption record that verifies, drops the run's database (disconnecting whoever is still connected) and stops the
 * Temporal dev server that global setup started.
 */
import 'tsconfig-paths/register';
import { databaseUrl, dropDatabase } from '@aoc/persistence/database-admin';
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from '../../infra/support/progress-reporter';
import { checkAdoptionRecords } from '../support/records-check';
import { describeFailures, replayEveryHistory } from '../support/replay-all';
import { takeTestInfrastructure } from './test-infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infrastructure = takeTestInfrastructure();
  if (!infrastructure) return;
  const reporter = new ProgressReporter('test-teardown');
  const problems: string[] = [];

  try {
    const report = await reporter.step(
      'Replaying every workflow history of this run against the current code',
      () => replayEveryHistory({ address: infrastructure.temporalAddress, since: infrastructure.startedAt }),
      (r) => `${r.replayed} histories, ${r.failures.length} failed`,
    );
    if (report.failures.length > 0) {
      problems.push(
        `${report.failures.length} of ${report.replayed} workflow histories do not replay (nondeterminism):\n${describeFailures(report)}`,
      );
    }
  } catch (error) {
    problems.push(`could not replay the run's workflow histories: ${errorMessage(error)}`);
  }

  try {
    const records = await reporter.step(
      'Checking that every endorsed plan of this run has one adoption record, and that it verifies',
      () =>
        checkAdoptionRecords({
          databaseUrl: databaseUrl(infrastructure.serverUrl, infrastructure.databaseName),
          temporalAddress: infrastructure.temporalAddress,
        }),
      (r) => `${r.verified} verified, ${r.pending} still running or stopped by their test, ${r.problems.length} wrong`,
    );
    if (records.problems.length > 0) {
      problems.push(`adoption records (DOMAIN §10):\n${records.problems.join('\n')}`);
    }
  } catch (error) {
    problems.push(`could not check the adoption records: ${errorMessage(error)}`);
  }

  try {
    await reporter.step(`Dropping database ${infrastructure.databaseName}`, () =>
      dropDatabase(infrastructure.serverUrl, infrastructure.databaseName),
    );
  } catch (error) {
    problems.push(`could not drop ${infrastructure.databaseName}: ${errorMessage(error)}`);
  }
  const stopTemporal = infrastructure.stopTemporal;
  if (stopTemporal) {
    try {
      await reporter.step('Stopping the Temporal dev server', stopTemporal);
    } catch (error) {
      problems.push(`could not stop the Temporal dev server: ${errorMessage(error)}`);
    }
  }
  const stopPostgres = infrastructure.stopPostgres;
  if (stopPostgres) {
    try {
      await reporter.step('Stopping the embedded PostgreSQL', stopPostgres);
    } catch (error) {
      problems.push(`could not stop the embedded PostgreSQL: ${errorMessage(error)}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
}
