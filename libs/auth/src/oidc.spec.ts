import { UnsecuredJWT } from 'jose';
import type { OidcSettings } from '@aoc/config/config.schema';
import { DomainError, ErrorCode } from '@aoc/domain/domain-error';
import { TestIssuer } from '../../../test/support/test-issuer';
import { InvalidTokenCode, InvalidTokenError, signToken } from './jwt';
import { MAX_HEADER_LENGTH, OidcVerifier } from './oidc';
import { TokenVerifier } from './token-verifier';

const KEYCLOAK_CLAIMS = {
  roles: 'realm_access.roles',
  country: 'country',
  body: 'body',
  seat: 'seat',
  org: 'org',
  name: 'name',
  email: 'email',
};

async function refusal(promise: Promise<unknown>): Promise<InvalidTokenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InvalidTokenError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('OidcVerifier, against a real HTTP issuer', () => {
  const issuer = new TestIssuer();
  let settings: OidcSettings;
  const verifierFor = (overrides: Partial<OidcSettings> = {}) =>
    new OidcVerifier({ ...settings, ...overrides, fetchTimeoutMs: 2_000 });

  beforeAll(async () => {
    await issuer.start();
    await issuer.addKey('rsa-1', 'RS256');
    await issuer.addKey('ec-1', 'ES256');
    settings = {
      issuerUrl: issuer.url,
      audience: 'aoc-plan-approval',
      clockToleranceSeconds: 30,
      jwksCooldownMs: 0,
      jwksMaxAgeMs: 600_000,
      claims: KEYCLOAK_CLAIMS,
    };
  });
  afterAll(() => issuer.stop());

  it('accepts RS256 and ES256 tokens, mapping Keycloak claims and ignoring unknown roles', async () => {
    const verifier = verifierFor();
    for (const kid of ['rsa-1', 'ec-1']) {
      const token = await issuer.sign(
        {
          sub: 'kc-123',
          name: 'Inês Costa',
          email: 'ines@example.org',
          country: 'PT',
          body: 'ministry-education',
          realm_access: { roles: ['consultee', 'offline_access', 'default-roles-aoc'] },
        },
        { kid },
      );
      expect(await verifier.verify(token)).toEqual({
        actor: {
          sub: 'kc-123',
          roles: ['consultee'],
          country: 'PT',
          body: 'ministry-education',
          seat: undefined,
          org: undefined,
        },
        name: 'Inês Costa',
        email: 'ines@example.org',
      });
    }
  });

  it('reads Entra ID style claims from configured paths', async () => {
    const verifier = verifierFor({
      claims: { ...KEYCLOAK_CLAIMS, roles: 'roles', email: 'preferred_username', seat: 'extension_seat' },
    });
    const token = await issuer.sign({
      realm_access: undefined,
      roles: ['gof_member'],
      preferred_username: 'delegate@example.org',
      extension_seat: 'ES',
    });
    const identity = await verifier.verify(token);
    expect(identity.actor).toMatchObject({ roles: ['gof_member'], seat: 'ES' });
    expect(identity.email).toBe('delegate@example.org');
  });

  it('refuses a scope claim of the wrong shape', async () => {
    const error = await refusal(verifierFor().verify(await issuer.sign({ country: 'Portugal' })));
    expect(error.code).toBe(InvalidTokenCode.ClaimInvalid);
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, () => Promise<string>, InvalidTokenCode]>([
    ['a wrong issuer', () => issuer.sign({ iss: 'https://evil.example.org' }), InvalidTokenCode.WrongIssuer],
    ['a wrong audience', () => issuer.sign({ aud: 'another-api' }), InvalidTokenCode.WrongAudience],
    ['no expiry', () => issuer.sign({ exp: undefined }), InvalidTokenCode.ExpiryRequired],
    ['an expiry past the clock skew', () => issuer.sign({ exp: now() - 31 }), InvalidTokenCode.Expired],
    ['nbf past the clock skew', () => issuer.sign({ nbf: now() + 60 }), InvalidTokenCode.NotYetValid],
    [
      'alg none',
      async () => new UnsecuredJWT({ sub: 'x', exp: now() + 60 }).encode(),
      InvalidTokenCode.AlgorithmNotAllowed,
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
      InvalidTokenCode.AlgorithmNotAllowed,
    ],
    [
      'an algorithm that does not match the key',
      () => issuer.sign({}, { header: { alg: 'ES256', kid: 'rsa-1' }, key: issuer.keys.get('ec-1')!.privateKey }),
      InvalidTokenCode.UnknownKey,
    ],
    [
      'an unknown kid',
      () => issuer.sign({}, { header: { alg: 'RS256', kid: 'nobody' }, key: issuer.keys.get('rsa-1')!.privateKey }),
      InvalidTokenCode.UnknownKey,
    ],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await issuer.sign({ realm_access: { roles: ['cso'] } })).split('.');
        const payload = Buffer.from(
          JSON.stringify({
            iss: issuer.url,
            aud: 'aoc-plan-approval',
            sub: 'user-1',
            exp: now() + 60,
            realm_access: { roles: ['admin'] },
          }),
        ).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
      InvalidTokenCode.BadSignature,
    ],
    [
      'an oversized header',
      () => issuer.sign({}, { header: { alg: 'RS256', kid: 'rsa-1', pad: 'x'.repeat(MAX_HEADER_LENGTH) } }),
      InvalidTokenCode.TooLarge,
    ],
  ])('refuses %s', async (_what, make, code) => {
    expect((await refusal(verifierFor().verify(await make()))).code).toBe(code);
  });

  it('accepts exp and nbf within the clock skew', async () => {
    const token = await issuer.sign({ exp: now() - 10, nbf: now() + 10 });
    expect((await verifierFor().verify(token)).actor.sub).toBe('user-1');
  });

  it('fetches the JWKS again for an unknown kid, at most once per cooldown', async () => {
    const verifier = verifierFor({ jwksCooldownMs: 60_000 });
    await verifier.verify(await issuer.sign());
    const before = issuer.jwksFetches;
    await issuer.addKey('rsa-new');
    // The cooldown started with the first fetch: a new kid within it is refused without a fetch.
    expect((await refusal(verifier.verify(await issuer.sign({}, { kid: 'rsa-new' })))).code).toBe(
      InvalidTokenCode.UnknownKey,
    );
    expect(issuer.jwksFetches).toBe(before);
    issuer.removeKey('rsa-new');
  });

  it('accepts old and new keys across a rotation, until the old key leaves the JWKS', async () => {
    await issuer.addKey('rotation-old');
    const verifier = verifierFor({ jwksMaxAgeMs: 200 });
    const oldToken = await issuer.sign({}, { kid: 'rotation-old' });
    expect((await verifier.verify(oldToken)).actor.sub).toBe('user-1');
    await issuer.addKey('rotation-new');
    const fetches = issuer.jwksFetches;
    const newToken = await issuer.sign({}, { kid: 'rotation-new' });
    expect((await verifier.verify(newToken)).actor.sub).toBe('user-1');
    expect(issuer.jwksFetches).toBe(fetches + 1); // fetched again for the unknown kid
    expect((await verifier.verify(oldToken)).actor.sub).toBe('user-1');
    issuer.removeKey('rotation-old');
    await new Promise((resolve) => setTimeout(resolve, 250)); // the cached JWKS expires
    expect((await refusal(verifier.verify(oldToken))).code).toBe(InvalidTokenCode.UnknownKey);
    expect((await verifier.verify(newToken)).actor.sub).toBe('user-1');
    issuer.removeKey('rotation-new');
  });

  it('answers UNAVAILABLE while the issuer cannot be reached, and recovers', async () => {
    const verifier = verifierFor();
    const token = await issuer.sign();
    issuer.down = true;
    try {
      await expect(verifier.verify(token)).rejects.toMatchObject({ code: ErrorCode.Unavailable });
      await expect(verifier.verify(token)).rejects.toBeInstanceOf(DomainError);
    } finally {
      issuer.down = false;
    }
    expect((await verifier.verify(token)).actor.sub).toBe('user-1');
  });

  it('refuses a discovery document naming another issuer', async () => {
    const verifier = verifierFor({ issuerUrl: `${issuer.url}/` });
    await expect(verifier.verify(await issuer.sign({ iss: `${issuer.url}/` }))).rejects.toMatchObject({
      code: ErrorCode.Unavailable,
      message: expect.stringContaining('names issuer'),
    });
  });

  describe('TokenVerifier', () => {
    const SECRET = 'a-development-secret-of-length';
    it('refuses HS256 tokens in production, whatever their signature', async () => {
      const verifier = new TokenVerifier({ nodeEnv: 'production', jwtSecret: SECRET, oidc: verifierFor() });
      const error = await refusal(verifier.verify(await signToken({ sub: 'u', roles: ['admin'] }, SECRET)));
      expect(error.code).toBe(InvalidTokenCode.AlgorithmNotAllowed);
      expect(error.message).toContain('production');
      expect((await verifier.verify(await issuer.sign())).actor.roles).toEqual(['admin']);
    });

    it('accepts HS256 outside production, and RS256 only with an issuer', async () => {
      const withoutIssuer = new TokenVerifier({ nodeEnv: 'development', jwtSecret: SECRET });
      expect((await withoutIssuer.verify(await signToken({ sub: 'u', roles: ['cso'] }, SECRET))).actor.sub).toBe('u');
      expect((await refusal(withoutIssuer.verify(await issuer.sign()))).message).toContain('OIDC_ISSUER_URL');
    });

    it('refuses HS256 signed with the public key outside production too (bad signature)', async () => {
      const verifier = new TokenVerifier({ nodeEnv: 'development', jwtSecret: SECRET, oidc: verifierFor() });
      const token = await issuer.sign(
        { roles: ['admin'] },
        {
          header: { alg: 'HS256' },
          key: new TextEncoder().encode(JSON.stringify(issuer.keys.get('rsa-1')!.publicJwk)),
        },
      );
      expect((await refusal(verifier.verify(token))).code).toBe(InvalidTokenCode.BadSignature);
    });
  });
});
