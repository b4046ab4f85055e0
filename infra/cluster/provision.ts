/**
 * `npm run provision:cluster`: makes sure the Temporal server, its SQL tool and schemas, and
 * the Web UI server are in the cache (building them with Go if need be), and says where.
 */
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from '../support/progress-reporter';
import { provisionClusterBinaries, TEMPORAL_SERVER_VERSION, TEMPORAL_UI_VERSION } from './cluster-binaries';

async function main(): Promise<void> {
  const reporter = new ProgressReporter('provision');
  const binaries = await reporter.step(
    `Provisioning the Temporal server ${TEMPORAL_SERVER_VERSION} and the Web UI ${TEMPORAL_UI_VERSION}`,
    () => provisionClusterBinaries({ reporter }),
  );
  reporter.info(`temporal-server: ${binaries.server}`);
  reporter.info(`temporal-sql-tool: ${binaries.sqlTool}`);
  reporter.info(`schemas: ${binaries.schemaDir}`);
  reporter.info(`temporal-ui-server: ${binaries.uiServer ?? binaries.uiProblem}`);
}

main().catch((error: unknown) => {
  new ProgressReporter('provision').error(errorMessage(error));
  process.exitCode = 1;
});
