/**
 * The Keycloak realm of the compose file: RS256, the API's audience and claim mappers, and the
 * demo users with the demo's roles and claims.
 */
import { CONFIG_VARIABLES } from '@aoc/config/config.schema';
import { DEMO_USERS } from '@aoc/demo/demo-users';
import { expectThat, problems, read, reporter } from './deployment-checks';

export function checkRealm(): void {
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
