/**
 * `npm run check:deploy`: what can be checked of the deployment files without a container
 * engine (CI has none). Every YAML file parses; the Temporal server renders its config
 * template; `helm lint` and `helm template` run on the chart (Helm is built with Go and cached
 * like the Temporal binaries; without Go, a structural check of the chart's values stands in);
 * and the image names, ports, probes, entry points and variables agree with the code.
 */
import { errorMessage } from '@aoc/support/format';
import { checkChart } from './check-chart';
import { checkCompose } from './check-compose';
import { checkDockerfile } from './check-dockerfile';
import { checkRealm } from './check-realm';
import { checkTemporalConfig } from './check-temporal-config';
import { parseYaml, problems, reporter } from './deployment-checks';

async function main(): Promise<void> {
  const plainYaml = [
    'infra/compose/compose.yaml',
    'infra/helm/aoc-plan-approval/Chart.yaml',
    'infra/helm/aoc-plan-approval/values.yaml',
    'infra/helm/temporal-values.yaml',
    'infra/cluster/temporal-server/dynamic-config.yaml',
  ];
  for (const relative of plainYaml) parseYaml(relative);
  reporter.success(`${plainYaml.length} YAML files parse`);

  checkDockerfile();
  checkCompose();
  checkRealm();
  await checkTemporalConfig();
  await checkChart();

  if (problems.length > 0) throw new Error(`${problems.length} problems:\n  - ${problems.join('\n  - ')}`);
  reporter.success('the deployment files agree with the code');
}

main().catch((error: unknown) => {
  reporter.error(errorMessage(error));
  process.exitCode = 1;
});
