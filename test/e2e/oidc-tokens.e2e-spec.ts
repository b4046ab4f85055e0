import { UnsecuredJWT } from 'jose';
import { signToken } from '@aoc/auth/jwt';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import { ApiHarness } from '../support/api-harness';
import { TestIssuer } from '../support/test-issuer';

const JWKS_MAX_AGE_MS = 2_000;
const JWKS_COOLDOWN_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => Math.floor(Date.now() / 1000);

/**
 * The API as in production (NODE_ENV=production), trusting one OpenID Connect issuer: a real
 * HTTP server with a discovery document and a JWKS (test/support/test-issuer.ts). Each attack
 * gets 401 UNAUTHENTICATED with a message that says why.
 */
describe('OIDC bearer tokens, in production mode', () => {
  const issuer = new TestIssuer();
  let h: ApiHarness;

  beforeAll(async () => {
    await issuer.start();
    await issuer.addKey('rsa-1', 'RS256');
    await issuer.addKey('ec-1', 'ES256');
    h = new ApiHarness({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      OIDC_ISSUER_URL: issuer.url,
      OIDC_JWKS_COOLDOWN: `${JWKS_COOLDOWN_MS}ms`,
      OIDC_JWKS_MAX_AGE: `${JWKS_MAX_AGE_MS}ms`,
    });
    await h.start();
  });
  afterAll(async () => {
    await h?.stop();
    await issuer.stop();
  });

  const call = (token: string, path = '/gof-seats') =>
    h.api.request(null, 'GET', path, undefined, { authorization: `Bearer ${token}` });

  it('accepts RS256 and ES256 tokens of the issuer, and records their users in the directory', async () => {
    const admin = await issuer.sign({ sub: 'kc-admin', name: 'Ada Admin', email: 'ada@example.org' }, { kid: 'rsa-1' });
    expect((await call(admin)).status).toBe(200);
    const cso = await issuer.sign(
      { sub: 'kc-cso', realm_access: { roles: ['cso', 'offline_access'] }, org: 'youth-network' },
      { kid: 'ec-1' },
    );
    expect((await call(cso)).status).toBe(200);

    const users = await call(admin, '/users');
    expect(users.status).toBe(200);
    expect(users.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'kc-admin', name: 'Ada Admin', email: 'ada@example.org', roles: ['admin'] }),
        expect.objectContaining({ id: 'kc-cso', roles: ['cso'], org: 'youth-network', name: null }),
      ]),
    );
    // The run's database is shared: other test files' users are in the directory too.
    const onlyCso = (await call(admin, '/users?role=cso')).body as unknown as { id: string; roles: string[] }[];
    expect(onlyCso.map((u) => u.id)).toContain('kc-cso');
    expect(onlyCso.map((u) => u.id)).not.toContain('kc-admin');
    expect(onlyCso.every((u) => u.roles.includes('cso'))).toBe(true);
    expect(await call(cso, '/users')).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  const attacks: [string, () => Promise<string>, RegExp][] = [
    [
      'alg none',
      async () => new UnsecuredJWT({ iss: issuer.url, aud: 'aoc-plan-approval', sub: 'x', exp: now() + 60 }).encode(),
      /TOKEN_ALGORITHM_NOT_ALLOWED.*"none"/,
    ],
    [
      'HS256 signed with the public key (algorithm confusion)',
      () =>
        issuer.sign(
          {},
          {
            header: { alg: 'HS256', kid: 'rsa-1' },
            key: new TextEncoder().encode(JSON.stringify(issuer.keys.get('rsa-1')!.publicJwk)),
          },
        ),
      /TOKEN_ALGORITHM_NOT_ALLOWED.*HS256 tokens are refused in production/,
    ],
    [
      'HS256 signed with the development secret',
      () => signToken({ sub: 'x', roles: ['admin'] }, DEV_JWT_SECRET),
      /TOKEN_ALGORITHM_NOT_ALLOWED.*production/,
    ],
    ['a wrong iss', () => issuer.sign({ iss: 'https://evil.example.org' }), /TOKEN_WRONG_ISSUER/],
    ['a wrong aud', () => issuer.sign({ aud: 'another-api' }), /TOKEN_WRONG_AUDIENCE/],
    ['an expired token', () => issuer.sign({ iat: now() - 7200, exp: now() - 3600 }), /TOKEN_EXPIRED/],
    ['a token not yet valid', () => issuer.sign({ nbf: now() + 3600 }), /TOKEN_NOT_YET_VALID/],
    [
      'an algorithm not matching the key',
      () => issuer.sign({}, { header: { alg: 'ES256', kid: 'rsa-1' }, key: issuer.keys.get('ec-1')!.privateKey }),
      /TOKEN_UNKNOWN_KEY/,
    ],
    [
      'a tampered payload',
      async () => {
        const [header, payload, signature] = (await issuer.sign({ realm_access: { roles: ['cso'] } })).split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
        const forged = Buffer.from(JSON.stringify({ ...claims, realm_access: { roles: ['admin'] } })).toString(
          'base64url',
        );
        return `${header}.${forged}.${signature}`;
      },
      /TOKEN_BAD_SIGNATURE/,
    ],
    [
      'an oversized header',
      () => issuer.sign({}, { header: { alg: 'RS256', kid: 'rsa-1', x: 'x'.repeat(4000) } }),
      /TOKEN_TOO_LARGE.*header/,
    ],
  ];

  it.each(attacks)('refuses %s with 401 saying why', async (_what, make, why) => {
    const response = await call(await make());
    expect(response).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect((response.body as { message: string }).message).toMatch(why);
  });

  it('refuses an unknown kid once a fetch of the JWKS finds nothing', async () => {
    await sleep(JWKS_COOLDOWN_MS + 100); // past the cooldown, so that the unknown kid makes a fetch
    const before = issuer.jwksFetches;
    const token = await issuer.sign(
      {},
      { header: { alg: 'RS256', kid: 'nobody' }, key: issuer.keys.get('rsa-1')!.privateKey },
    );
    const response = await call(token);
    expect(response).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect((response.body as { message: string }).message).toMatch(/TOKEN_UNKNOWN_KEY.*fetched again/);
    expect(issuer.jwksFetches).toBeGreaterThan(before);
  });

  it('sends a browser to the issuer to sign in, with the sign-in cookie Secure in production', async () => {
    const login = await fetch(`${h.api.baseUrl}/auth/login?returnTo=/plans`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${issuer.url}/authorize`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('aoc_login_'));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    // Sign-out needs no session, and clears the cookie Secure too.
    const logout = await fetch(`${h.api.baseUrl}/auth/logout`, { method: 'POST' });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie()[0]).toMatch(/^aoc_session=;.*Secure/);
  });

  it('accepts old and new tokens across a key rotation until the old key leaves the JWKS', async () => {
    await issuer.addKey('rsa-2', 'RS256');
    const oldToken = await issuer.sign({}, { kid: 'rsa-1' });
    const newToken = await issuer.sign({}, { kid: 'rsa-2' });
    await sleep(JWKS_COOLDOWN_MS + 100);
    expect((await call(newToken)).status).toBe(200);
    expect((await call(oldToken)).status).toBe(200);

    issuer.removeKey('rsa-1');
    await sleep(JWKS_MAX_AGE_MS + 200); // the API's cached JWKS expires
    expect((await call(newToken)).status).toBe(200);
    const refused = await call(oldToken);
    expect(refused).toMatchObject({ status: 401 });
    expect((refused.body as { message: string }).message).toMatch(/TOKEN_UNKNOWN_KEY/);
  });
});
