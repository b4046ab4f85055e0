/**
 * The self-hosted Temporal server's config (infra/cluster/temporal-server): rendered by the server
 * itself (built with Go; skipped without it), and its dynamic config validated.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { provisionClusterBinaries } from '../cluster/cluster-binaries';
import { errorMessage } from '@aoc/support/format';
import { findGo } from '../temporal/temporal-cli';
import { expectThat, file, get, parseYaml, problems, reporter, root } from './deployment-checks';

const execFileAsync = promisify(execFile);

/** The Temporal server renders its own template with the variables infra/cluster/temporal-cluster.ts sets. */
export async function checkTemporalConfig(): Promise<void> {
  if (!findGo()) {
    reporter.warn('no Go: the Temporal config template is not rendered');
    return;
  }
  const binaries = await provisionClusterBinaries({ reporter, withUi: false });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AOC_TEMPORAL_DYNAMIC_CONFIG: file('infra/cluster/temporal-server/dynamic-config.yaml'),
  };
  const numbers = ['FRONTEND', 'HISTORY', 'MATCHING', 'WORKER'].flatMap((s) => [
    `AOC_TEMPORAL_${s}_PORT`,
    `AOC_TEMPORAL_${s}_MEMBERSHIP_PORT`,
  ]);
  for (const [n, name] of [
    ...numbers,
    'AOC_TEMPORAL_FRONTEND_HTTP_PORT',
    'AOC_TEMPORAL_METRICS_PORT',
    'AOC_TEMPORAL_DB_PORT',
  ].entries()) {
    env[name] = String(20_000 + n);
  }
  Object.assign(env, {
    AOC_TEMPORAL_DB: 'temporal',
    AOC_TEMPORAL_VISIBILITY_DB: 'temporal_visibility',
    AOC_TEMPORAL_DB_HOST: '127.0.0.1',
    AOC_TEMPORAL_DB_USER: 'temporal',
    AOC_TEMPORAL_DB_PASSWORD: 'p"a:s{s}',
    AOC_TEMPORAL_BIND_IP: '127.0.0.1',
  });
  const args = ['--root', root, '--config', 'infra/cluster/temporal-server', '--env', 'cluster', 'render-config'];
  try {
    const { stdout } = await execFileAsync(binaries.server, args, { env });
    const [config] = parseYaml('the rendered Temporal config', stdout);
    expectThat(
      get(config, 'persistence', 'numHistoryShards') === 4,
      'the rendered Temporal config: numHistoryShards is not 4',
    );
    expectThat(
      get(config, 'persistence', 'datastores', 'postgres-default', 'sql', 'databaseName') === 'temporal',
      'the rendered Temporal config: the database name is not the one given',
    );
    await execFileAsync(binaries.server, [
      'validate-dynamic-config',
      file('infra/cluster/temporal-server/dynamic-config.yaml'),
    ]);
    reporter.success(
      'the Temporal server renders infra/cluster/temporal-server/cluster.yaml and accepts the dynamic config',
    );
  } catch (error) {
    problems.push(`the Temporal server cannot load its config: ${errorMessage(error)}`);
  }
}
