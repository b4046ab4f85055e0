/**
 * Jest global teardown: drops the run's database (disconnecting whoever is
 * still connected) and stops the Temporal dev server that global setup started.
 */
import { dropDatabase } from '../../libs/persistence/src/database-admin';
import { errorMessage, ProgressReporter } from '../../infra/support/progress-reporter';
import { takeTestInfrastructure } from './test-infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infrastructure = takeTestInfrastructure();
  if (!infrastructure) return;
  const reporter = new ProgressReporter('test-teardown');
  const problems: string[] = [];

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
