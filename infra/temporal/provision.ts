/**
 * `npm run provision:temporal`: makes sure the Temporal CLI is on this machine
 * (building it with Go if need be) and says where it is and which version.
 */
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from '../support/progress-reporter';
import { resolveTemporalCli, temporalCliVersion } from './temporal-cli';

async function main(): Promise<void> {
  const reporter = new ProgressReporter('provision');
  const cli = await reporter.step('Locating the Temporal CLI', () => resolveTemporalCli({ reporter }));
  if (!cli.path) {
    const message = 'no temporal CLI and no Go toolchain: @temporalio/testing will download the dev server when needed';
    // CI has no internet: without a CLI or Go, the tests could not start Temporal. Say so now.
    if (process.env.CI)
      throw new Error(`${message}, which fails without internet; install Go or set TEMPORAL_CLI_PATH`);
    reporter.warn(message);
    return;
  }
  reporter.info(`temporal CLI: ${cli.path} (found via ${cli.source})`);
  reporter.info(`version: ${await temporalCliVersion(cli.path)}`);
}

main().catch((error: unknown) => {
  new ProgressReporter('provision').error(errorMessage(error));
  process.exitCode = 1;
});
