/**
 * The compose file: its services, the official Temporal images, the app images (scalable), the
 * variables the code reads, the database roles, the issuer, the ports and the search attributes.
 */
import { CONFIG_VARIABLES } from '@aoc/config/config.schema';
import { SEARCH_ATTRIBUTES } from '../cluster/temporal-namespace';
import { expectThat, get, IMAGES, parseYaml, read, reporter, API_PORT, type Doc } from './deployment-checks';

export function checkCompose(): void {
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
