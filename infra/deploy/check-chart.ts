/**
 * The Helm chart: `helm lint` and `helm template` (Helm built with Go and cached; without Go, the
 * values the templates use are checked instead), and what the rendered resources must say.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONFIG_VARIABLES } from '@aoc/config/config.schema';
import { clusterCacheDir } from '../cluster/cluster-binaries';
import { errorMessage } from '@aoc/support/format';
import { findGo, goInstall } from '../temporal/temporal-cli';
import {
  API_PORT,
  expectThat,
  file,
  get,
  IMAGES,
  parseYaml,
  problems,
  read,
  reporter,
  type Doc,
} from './deployment-checks';

const execFileAsync = promisify(execFile);
const HELM_VERSION = 'v3.19.5';

export async function checkChart(): Promise<void> {
  const chart = 'infra/helm/aoc-plan-approval';
  const [values] = parseYaml(`${chart}/values.yaml`);
  for (const kind of ['api', 'worker'] as const) {
    expectThat(
      get(values, 'image', kind, 'repository') === IMAGES[kind],
      `values.yaml: image.${kind}.repository must be ${IMAGES[kind]}`,
    );
  }
  expectThat(get(values, 'api', 'port') === API_PORT, `values.yaml: api.port must be ${API_PORT}`);
  const helm = await provisionHelm();
  if (!helm) {
    // No chart tool: the templates' every .Values path must exist in values.yaml.
    const templates = ['api-deployment', 'worker-deployment', 'service', 'ingress', 'hpa', 'migrations-job', '_helpers']
      .map((name) => read(`${chart}/templates/${name}.${name === '_helpers' ? 'tpl' : 'yaml'}`))
      .join('\n');
    for (const [, ref] of templates.matchAll(/\.Values\.([\w.]+)/g)) {
      expectThat(get(values, ...ref.split('.')) !== undefined, `${chart}: .Values.${ref} is not in values.yaml`);
    }
    reporter.warn('no Helm (no Go to build it): checked the values the templates use instead of `helm template`');
    return;
  }
  try {
    await execFileAsync(helm, ['lint', '--strict', file(chart)]);
    const { stdout } = await execFileAsync(helm, ['template', 'aoc', file(chart)]);
    const docs = parseYaml('helm template output', stdout);
    const kinds = docs.map((d) => `${String(d.kind)}/${String(get(d, 'metadata', 'name'))}`);
    for (const want of [
      'Deployment/aoc-aoc-plan-approval-api',
      'Deployment/aoc-aoc-plan-approval-worker',
      'Service/aoc-aoc-plan-approval-api',
      'Ingress/aoc-aoc-plan-approval',
      'HorizontalPodAutoscaler/aoc-aoc-plan-approval-api',
      'HorizontalPodAutoscaler/aoc-aoc-plan-approval-worker',
    ]) {
      expectThat(kinds.includes(want), `helm template: no ${want}`);
    }
    const deployment = (name: string) =>
      docs.find((d) => d.kind === 'Deployment' && String(get(d, 'metadata', 'name')).endsWith(name));
    const api = get(deployment('-api'), 'spec', 'template', 'spec', 'containers', 0) as Doc;
    const worker = get(deployment('-worker'), 'spec', 'template', 'spec', 'containers', 0) as Doc;
    expectThat(String(api?.image).startsWith(`${IMAGES.api}:`), 'helm template: the api Deployment runs another image');
    expectThat(
      String(worker?.image).startsWith(`${IMAGES.worker}:`),
      'helm template: the worker Deployment runs another image',
    );
    expectThat(
      get(api, 'ports', 0, 'containerPort') === API_PORT,
      `helm template: the api container port is not ${API_PORT}`,
    );
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      expectThat(
        get(api, probe, 'httpGet', 'path') === '/api/health',
        `helm template: the api ${probe} is not on /api/health`,
      );
    }
    expectThat(
      get(api, 'envFrom', 0, 'secretRef', 'name') !== undefined,
      'helm template: the api takes no config from a Secret',
    );
    expectThat(
      get(worker, 'envFrom', 0, 'secretRef', 'name') !== undefined,
      'helm template: the worker takes no config from a Secret',
    );
    for (const [kind, container] of [
      ['api', api],
      ['worker', worker],
    ] as const) {
      expectThat(
        ((get(container, 'envFrom') ?? []) as unknown[]).length === 1,
        `helm template: the ${kind} must take only the services' Secret (not the migrations' owner URL)`,
      );
    }
    const job = docs.find((d) => d.kind === 'Job' && String(get(d, 'metadata', 'name')).endsWith('-migrations'));
    const jobSecrets = ((get(job, 'spec', 'template', 'spec', 'containers', 0, 'envFrom') ?? []) as Doc[]).map((e) =>
      String(get(e, 'secretRef', 'name')),
    );
    expectThat(
      jobSecrets.length === 2 && jobSecrets[1] !== jobSecrets[0],
      "helm template: the migrations Job must take the owner's DATABASE_MIGRATION_URL from a Secret of its own",
    );
    const apiEnv = (get(api, 'env') ?? []) as { name: string; value?: string }[];
    const env = [...apiEnv, ...((get(worker, 'env') ?? []) as { name: string }[])];
    const valueOf = (name: string) => apiEnv.find((e) => e.name === name)?.value;
    expectThat(
      valueOf('NODE_ENV') === 'production' && Boolean(valueOf('OIDC_ISSUER_URL')),
      'helm template: the api runs in production and must set OIDC_ISSUER_URL',
    );
    expectThat(
      String(valueOf('OIDC_ISSUER_URL')).startsWith('https://'),
      'helm template: the default OIDC issuer must be https',
    );
    for (const { name } of env) {
      expectThat(
        CONFIG_VARIABLES.some((v) => v.name === name),
        `helm template: ${name} is set but the code does not read it`,
      );
    }
    reporter.success(
      `helm lint and helm template (Helm ${HELM_VERSION}): ${docs.length} resources, images, port, probes, Secret`,
    );
  } catch (error) {
    problems.push(`helm: ${errorMessage(error)}`);
  }
}

/** Helm, built from source with Go into the cache the first time (about a minute and a half). */
async function provisionHelm(): Promise<string | undefined> {
  const go = findGo();
  if (!go) return undefined;
  const dir = path.join(clusterCacheDir(), `helm-${HELM_VERSION}`);
  const helm = path.join(dir, 'helm');
  if (existsSync(helm)) return helm;
  reporter.info(`building Helm ${HELM_VERSION} with go install into ${dir}`);
  await goInstall(go, [`helm.sh/helm/v3/cmd/helm@${HELM_VERSION}`], {
    reporter,
    what: `Helm ${HELM_VERSION}`,
    gobin: dir,
  });
  return helm;
}
