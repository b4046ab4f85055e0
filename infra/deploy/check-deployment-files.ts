/**
 * `npm run check:deploy`: what can be checked of the deployment files without a container
 * engine (CI has none). Every YAML file parses; the Temporal server renders its config
 * template; `helm lint` and `helm template` run on the chart (Helm is built with Go and cached
 * like the Temporal binaries; without Go, a structural check of the chart's values stands in);
 * and the image names, ports, probes, entry points and variables agree with the code.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { loadAll } from 'js-yaml';

import { CONFIG_VARIABLES } from '@aoc/config/config.schema';
import { DEMO_USERS } from '@aoc/demo/demo-users';
import { APP_ENTRY_POINTS } from '../cluster/app-instances';
import { clusterCacheDir, provisionClusterBinaries } from '../cluster/cluster-binaries';
import { SEARCH_ATTRIBUTES } from '../cluster/temporal-namespace';
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from '../support/progress-reporter';
import { projectRoot } from '../support/project-paths';
import { findGo, goInstall } from '../temporal/temporal-cli';

const execFileAsync = promisify(execFile);
const HELM_VERSION = 'v3.19.5';
const API_PORT = Number(CONFIG_VARIABLES.find((v) => v.name === 'PORT')!.default);
const IMAGES = { api: 'aoc-plan-approval/api', worker: 'aoc-plan-approval/worker' };

type Doc = Record<string, unknown>;
const reporter = new ProgressReporter('check-deploy');
const problems: string[] = [];
const root = projectRoot();
const file = (relative: string) => path.join(root, relative);
const read = (relative: string) => readFileSync(file(relative), 'utf8');

function expectThat(ok: boolean, problem: string): void {
  if (!ok) problems.push(problem);
}

function parseYaml(relative: string, text = read(relative)): Doc[] {
  try {
    return loadAll(text)
      .map(resolveMergeKeys)
      .filter((d): d is Doc => typeof d === 'object' && d !== null);
  } catch (error) {
    problems.push(`${relative} does not parse as YAML: ${errorMessage(error)}`);
    return [];
  }
}

/** Applies YAML merge keys (`<<: *anchor`), which compose files use and js-yaml leaves as they are. */
function resolveMergeKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolveMergeKeys);
  if (typeof node !== 'object' || node === null) return node;
  const { '<<': merged, ...own } = node as Record<string, unknown>;
  const bases = (Array.isArray(merged) ? merged : merged === undefined ? [] : [merged]).map(resolveMergeKeys);
  const result: Record<string, unknown> = Object.assign({}, ...(bases as object[]));
  for (const [key, value] of Object.entries(own)) result[key] = resolveMergeKeys(value);
  return result;
}

const get = (doc: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((at, key) => (at as Record<string | number, unknown> | undefined)?.[key], doc);

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

function checkDockerfile(): void {
  const dockerfile = read('Dockerfile');
  const base = /^ARG NODE_IMAGE=node:(\d+)\.(\d+)\.(\d+)-[\w.-]+$/m.exec(dockerfile);
  expectThat(base?.[1] === '24', 'Dockerfile: the base image must be pinned to a Node 24 release (node:24.x.y-…)');
  for (const target of ['build', 'runtime', 'api', 'worker']) {
    expectThat(new RegExp(`^FROM .* AS ${target}$`, 'm').test(dockerfile), `Dockerfile: no stage "${target}"`);
  }
  expectThat(/^USER node$/m.test(dockerfile), 'Dockerfile: the images must run as the non-root "node" user');
  expectThat((dockerfile.match(/^HEALTHCHECK /gm) ?? []).length === 2, 'Dockerfile: api and worker need a HEALTHCHECK');
  expectThat(new RegExp(`^EXPOSE ${API_PORT}$`, 'm').test(dockerfile), `Dockerfile: the API must EXPOSE ${API_PORT}`);
  expectThat(dockerfile.includes('/api/health'), 'Dockerfile: the API health check must call /api/health');
  for (const entry of [APP_ENTRY_POINTS.api, APP_ENTRY_POINTS.worker, 'dist/infra/cluster/worker-health.js']) {
    expectThat(dockerfile.includes(entry), `Dockerfile: ${entry} is not run`);
    expectThat(existsSync(file(entry)), `${entry} does not exist after the build (run npm run build first)`);
  }
  reporter.success('Dockerfile: Node 24 base, api and worker targets, non-root, health checks, entry points');
}

function checkCompose(): void {
  const [compose] = parseYaml('infra/compose/compose.yaml');
  const services = (get(compose, 'services') ?? {}) as Record<string, Doc>;
  const image = (name: string) => String(get(services[name], 'image') ?? '');
  const required = [
    'postgres',
    'temporal-schema',
    'temporal-namespace',
    'temporal-ui',
    'api',
    'worker',
    'mail',
    'keycloak',
  ];
  for (const name of required) expectThat(name in services, `compose.yaml: no service "${name}"`);
  for (const service of ['history', 'matching', 'frontend', 'worker']) {
    expectThat(
      image(`temporal-${service}`).startsWith('temporalio/server:'),
      `compose.yaml: temporal-${service} must run temporalio/server`,
    );
    expectThat(
      get(services[`temporal-${service}`], 'environment', 'SERVICES') === service,
      `compose.yaml: temporal-${service} must set SERVICES=${service}`,
    );
  }
  expectThat(
    image('temporal-schema').startsWith('temporalio/admin-tools:'),
    'compose.yaml: temporal-schema must run temporalio/admin-tools',
  );
  expectThat(image('temporal-ui').startsWith('temporalio/ui:'), 'compose.yaml: temporal-ui must run temporalio/ui');
  for (const kind of ['api', 'worker'] as const) {
    expectThat(image(kind).startsWith(`${IMAGES[kind]}:`), `compose.yaml: ${kind} must be the image ${IMAGES[kind]}`);
    expectThat(
      get(services[kind], 'build', 'target') === kind,
      `compose.yaml: ${kind} must build the Dockerfile's "${kind}" target`,
    );
    // --scale needs services without a fixed container name or a single host port.
    expectThat(
      get(services[kind], 'container_name') === undefined,
      `compose.yaml: ${kind} cannot be scaled with a container_name`,
    );
    const env = (get(services[kind], 'environment') ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(env)) {
      expectThat(
        CONFIG_VARIABLES.some((v) => v.name === name),
        `compose.yaml: ${kind} sets ${name}, which the code does not read`,
      );
    }
  }
  // Production refuses to start without an OIDC issuer; HS256 secrets have no use there.
  const apiEnv = (get(services.api, 'environment') ?? {}) as Record<string, unknown>;
  const issuer = String(apiEnv.OIDC_ISSUER_URL ?? '');
  expectThat(
    apiEnv.NODE_ENV === 'production' && issuer !== '',
    'compose.yaml: the api runs in production and must set OIDC_ISSUER_URL',
  );
  expectThat(!('AUTH_JWT_SECRET' in apiEnv), 'compose.yaml: AUTH_JWT_SECRET is unused in production');
  // The services run as a role that owns nothing, the migrations as the owner, which grants it
  // (docs/operations.md, "Database roles").
  const userOf = (url: unknown) => /^postgres(?:ql)?:\/\/([^:@/]+)/.exec(String(url ?? ''))?.[1] ?? '';
  const migrateEnv = (get(services.migrate, 'environment') ?? {}) as Record<string, unknown>;
  const owner = userOf(migrateEnv.DATABASE_MIGRATION_URL);
  expectThat(owner !== '', 'compose.yaml: migrate must set DATABASE_MIGRATION_URL, the owner of the tables');
  for (const kind of ['api', 'worker'] as const) {
    const env = (get(services[kind], 'environment') ?? {}) as Record<string, unknown>;
    expectThat(
      !('DATABASE_MIGRATION_URL' in env),
      `compose.yaml: ${kind} must not be given the owner's DATABASE_MIGRATION_URL`,
    );
    expectThat(
      userOf(env.DATABASE_URL) !== '' && userOf(env.DATABASE_URL) !== owner,
      `compose.yaml: ${kind} must connect (DATABASE_URL) as a role other than the owner ${owner}`,
    );
    expectThat(
      userOf(migrateEnv.DATABASE_URL) === userOf(env.DATABASE_URL),
      `compose.yaml: migrate's DATABASE_URL must name ${kind}'s role, which it grants`,
    );
  }
  const initRoles = read('infra/compose/postgres/init-roles.sh');
  expectThat(
    initRoles.includes(`CREATE ROLE ${userOf(apiEnv.DATABASE_URL)} LOGIN`) &&
      !new RegExp(`CREATE ROLE ${userOf(apiEnv.DATABASE_URL)} [^;]*(SUPERUSER|CREATEROLE|CREATEDB)`).test(initRoles),
    `compose.yaml: postgres/init-roles.sh must create the services' role ${userOf(apiEnv.DATABASE_URL)}, with no privileges of its own`,
  );
  expectThat(
    !issuer.startsWith('http:') || apiEnv.OIDC_ALLOW_HTTP_ISSUER === 'true',
    'compose.yaml: an http issuer needs OIDC_ALLOW_HTTP_ISSUER=true',
  );
  const kcHostname = String(get(services.keycloak, 'environment', 'KC_HOSTNAME') ?? '');
  expectThat(
    issuer === `${kcHostname}/realms/aoc`,
    `compose.yaml: OIDC_ISSUER_URL (${issuer}) must be Keycloak's KC_HOSTNAME (${kcHostname}) + /realms/aoc`,
  );
  const ports = (get(services.api, 'ports') ?? []) as string[];
  expectThat(
    ports.length === 1 && ports[0].endsWith(`:${API_PORT}`),
    `compose.yaml: the api must publish container port ${API_PORT} (a host port range, for --scale)`,
  );
  const script = read('infra/compose/temporal/temporal-namespace.sh');
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
    expectThat(
      script.includes(`${name}:${type}`),
      `temporal-namespace.sh: search attribute ${name} (${type}) is not registered`,
    );
  }
  reporter.success('compose.yaml: services, official Temporal images, app images, ports, variables, search attributes');
}

function checkRealm(): void {
  type Mapper = { protocolMapper: string; config: Record<string, string> };
  const realm = JSON.parse(read('infra/compose/keycloak/aoc-realm.json')) as {
    defaultSignatureAlgorithm?: string;
    roles: { realm: { name: string }[] };
    clients: { clientId: string; attributes?: Record<string, string>; protocolMappers?: Mapper[] }[];
    users: { id: string; username: string; realmRoles: string[]; attributes: Record<string, string[]> }[];
    components?: Record<string, { providerId: string; config: Record<string, string[]> }[]>;
  };
  // The API accepts only RS256/ES256 tokens carrying its audience, with claims at the default paths.
  const defaultOf = (name: string) => CONFIG_VARIABLES.find((v) => v.name === name)!.default;
  expectThat((realm.defaultSignatureAlgorithm ?? 'RS256') === 'RS256', 'aoc-realm.json: the realm must sign RS256');
  const keyProviders = realm.components?.['org.keycloak.keys.KeyProvider'] ?? [];
  expectThat(
    keyProviders.every((k) => !k.providerId.startsWith('hmac') && !String(k.config.algorithm).startsWith('HS')),
    'aoc-realm.json: no HMAC key provider (the API refuses HS256 tokens in production)',
  );
  for (const client of realm.clients) {
    const alg = client.attributes?.['access.token.signed.response.alg'];
    expectThat(
      alg === undefined || alg === 'RS256' || alg === 'ES256',
      `aoc-realm.json: client ${client.clientId} signs ${alg}`,
    );
    const mappers = client.protocolMappers ?? [];
    const audience = defaultOf('OIDC_AUDIENCE');
    expectThat(
      mappers.some(
        (m) => m.protocolMapper === 'oidc-audience-mapper' && m.config['included.custom.audience'] === audience,
      ),
      `aoc-realm.json: client ${client.clientId} has no audience mapper for ${audience}`,
    );
    expectThat(
      mappers.some(
        (m) =>
          m.protocolMapper === 'oidc-usermodel-realm-role-mapper' &&
          m.config['claim.name'] === defaultOf('OIDC_ROLES_CLAIM'),
      ),
      `aoc-realm.json: client ${client.clientId} puts no realm roles at ${defaultOf('OIDC_ROLES_CLAIM')}`,
    );
    for (const claim of ['country', 'body', 'seat', 'org']) {
      const path = defaultOf(`OIDC_${claim.toUpperCase()}_CLAIM`);
      expectThat(
        mappers.some(
          (m) =>
            m.protocolMapper === 'oidc-usermodel-attribute-mapper' &&
            m.config['user.attribute'] === claim &&
            m.config['claim.name'] === path &&
            m.config['access.token.claim'] === 'true',
        ),
        `aoc-realm.json: client ${client.clientId} does not map the attribute ${claim} to the claim ${path}`,
      );
    }
  }
  const users = new Map(realm.users.map((u) => [u.username, u]));
  expectThat(
    users.size === Object.keys(DEMO_USERS).length,
    `aoc-realm.json: ${users.size} users, the demo has ${Object.keys(DEMO_USERS).length}`,
  );
  for (const [name, actor] of Object.entries(DEMO_USERS)) {
    const user = users.get(name);
    if (!user) {
      problems.push(`aoc-realm.json: no user ${name}`);
      continue;
    }
    const claims = actor as Record<string, unknown>;
    expectThat(user.id === name, `aoc-realm.json: ${name}'s id must be its name (the token's "sub")`);
    expectThat(
      JSON.stringify([...user.realmRoles].sort()) === JSON.stringify([...actor.roles].sort()),
      `aoc-realm.json: ${name}'s realm roles differ`,
    );
    for (const claim of ['country', 'body', 'seat', 'org']) {
      expectThat(
        user.attributes[claim]?.[0] === claims[claim],
        `aoc-realm.json: ${name}'s ${claim} differs from the demo's`,
      );
    }
  }
  const roles = new Set(Object.values(DEMO_USERS).flatMap((u) => u.roles));
  for (const role of roles)
    expectThat(
      realm.roles.realm.some((r) => r.name === role),
      `aoc-realm.json: no realm role ${role}`,
    );
  reporter.success(
    `Keycloak realm: RS256, the audience, realm roles and claim mappers, the ${users.size} demo users with their roles and claims`,
  );
}

/** The Temporal server renders its own template with the variables infra/cluster/temporal-cluster.ts sets. */
async function checkTemporalConfig(): Promise<void> {
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

async function checkChart(): Promise<void> {
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

main().catch((error: unknown) => {
  reporter.error(errorMessage(error));
  process.exitCode = 1;
});
