import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { Actor } from '@aoc/domain/actor';
import { ISSUED_AT_LEEWAY_SECONDS, InvalidTokenCode, InvalidTokenError, signToken, verifyToken } from './jwt';

const SECRET = 'unit-test-secret-0123456789';
const NOW = 1_800_000_000;

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const hmac = (data: string, secret = SECRET) => createHmac('sha256', secret).update(data).digest('base64url');

/** A token with any header and payload, correctly signed unless told otherwise (by hand: jose would refuse some). */
const craft = (payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }, secret = SECRET) => {
  const signed = `${b64(header)}.${b64(payload)}`;
  return `${signed}.${hmac(signed, secret)}`;
};

const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'u1', roles: ['submitter'], exp: NOW + 60, ...extra });

/** The error a token is refused with (failing the test if it is accepted). */
const rejection = async (token: string, now = NOW): Promise<InvalidTokenError> => {
  try {
    await verifyToken(token, SECRET, now);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return error as InvalidTokenError;
  }
  throw new Error('the token was accepted');
};
/** The code (and claim, if any) a token is refused with. */
const refusal = async (token: string, now = NOW) => {
  const { code, claim } = await rejection(token, now);
  return claim === undefined ? { code } : { code, claim };
};

describe('signToken / verifyToken', () => {
  it('round-trips the actor claims', async () => {
    const actor: Actor = {
      sub: 'focal-pt',
      roles: ['submitter', 'consultee'],
      country: 'PT',
      body: 'edu',
      seat: 'PT',
      org: 'gov',
    };
    expect(await verifyToken(await signToken(actor, SECRET), SECRET)).toEqual(actor);
  });

  it('signs a three-part HS256 token that expires after the ttl', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await signToken({ sub: 'u', roles: ['cso'] }, SECRET, 60);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload.exp - payload.iat).toBe(60);
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect((await verifyToken(token, SECRET, payload.exp - 1)).sub).toBe('u');
    expect(await refusal(token, payload.exp + 1)).toEqual({ code: InvalidTokenCode.Expired });
  });

  it('signs what the hand-written HS256 code signed: the same HMAC over the same segments', async () => {
    const token = await signToken({ sub: 'u', roles: ['cso'] }, SECRET, 60);
    const [header, payload, signature] = token.split('.');
    expect(signature).toBe(hmac(`${header}.${payload}`));
  });

  it('leaves out absent optional claims and removes duplicate roles', async () => {
    expect(await verifyToken(craft(claims({ roles: ['cso', 'cso'], country: null })), SECRET, NOW)).toEqual({
      sub: 'u1',
      roles: ['cso'],
      country: undefined,
      body: undefined,
      seat: undefined,
      org: undefined,
    });
  });

  it('accepts a token with nbf and iat in the past, and one with iat slightly ahead of the clock', async () => {
    expect((await verifyToken(craft(claims({ nbf: NOW, iat: NOW - 10 })), SECRET, NOW)).sub).toBe('u1');
    const ahead = NOW + ISSUED_AT_LEEWAY_SECONDS;
    expect((await verifyToken(craft(claims({ iat: ahead, exp: ahead + 60 })), SECRET, NOW)).sub).toBe('u1');
  });

  it('refuses a token without exp, or one that lives too long', async () => {
    expect(await refusal(craft({ sub: 'u1', roles: ['admin'] }))).toEqual({
      code: InvalidTokenCode.ExpiryRequired,
      claim: 'exp',
    });
    expect(await refusal(craft({ sub: 'u1', roles: ['admin'], iat: NOW, exp: NOW + 365 * 86_400 }))).toEqual({
      code: InvalidTokenCode.LifetimeTooLong,
    });
    // Without iat, the lifetime counts from now.
    expect(await refusal(craft({ sub: 'u1', roles: ['admin'], exp: NOW + 365 * 86_400 }))).toEqual({
      code: InvalidTokenCode.LifetimeTooLong,
    });
  });

  it('refuses a signature with extra characters, and a lifetime it cannot sign', async () => {
    const token = await signToken({ sub: 'u1', roles: ['admin'] }, SECRET);
    expect(await refusal(`${token}A`, Math.floor(Date.now() / 1000))).toEqual({ code: InvalidTokenCode.BadSignature });
    await expect(signToken({ sub: 'u1', roles: ['admin'] }, SECRET, 0)).rejects.toThrow(RangeError);
    await expect(signToken({ sub: 'u1', roles: ['admin'] }, SECRET, 31 * 86_400)).rejects.toThrow(RangeError);
    await expect(signToken({ sub: 'u1', roles: ['admin'], exp: undefined }, SECRET)).resolves.toEqual(
      expect.any(String),
    );
    const withoutExp = await signToken({ sub: 'u1', roles: ['admin'], exp: undefined }, SECRET);
    expect((await verifyToken(withoutExp, SECRET)).sub).toBe('u1');
  });

  describe('rejects', () => {
    it('a token signed with another secret', async () => {
      expect(await refusal(craft(claims(), undefined, 'another-secret-0123456789'))).toEqual({
        code: InvalidTokenCode.BadSignature,
      });
    });

    it('a token signed by jose with another secret', async () => {
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode('another-secret-0123456789'));
      expect(await refusal(token)).toEqual({ code: InvalidTokenCode.BadSignature });
    });

    it('a tampered payload', async () => {
      const [header, , signature] = craft(claims()).split('.');
      expect(await refusal(`${header}.${b64(claims({ roles: ['admin'] }))}.${signature}`)).toEqual({
        code: InvalidTokenCode.BadSignature,
      });
    });

    it.each([
      ['an empty signature', ''],
      ['a truncated signature', 'abc'],
    ])('%s', async (_label, signature) => {
      const [header, payload] = craft(claims()).split('.');
      expect(await refusal(`${header}.${payload}.${signature}`)).toEqual({ code: InvalidTokenCode.BadSignature });
    });

    it.each([
      ['a character outside base64url appended', (s: string) => `${s}!`],
      ['padding appended', (s: string) => `${s}=`],
      ['a non-canonical last character (the same bytes)', (s: string) => `${s.slice(0, -1)}${nonCanonical(s.at(-1)!)}`],
    ])('a signature with %s, that a lenient decoder would accept', async (_label, alter) => {
      const [header, payload, signature] = craft(claims()).split('.');
      const altered = alter(signature);
      expect(altered).not.toBe(signature);
      expect(await refusal(`${header}.${payload}.${altered}`)).toEqual({ code: InvalidTokenCode.BadSignature });
    });

    it.each([
      ['alg none, unsigned', { alg: 'none', typ: 'JWT' }],
      ['alg HS512', { alg: 'HS512' }],
      ['alg RS256', { alg: 'RS256' }],
      ['no alg', { typ: 'JWT' }],
      ['a non-string alg', { alg: ['HS256'] }],
    ])('%s', async (_label, header) => {
      const [h, p] = craft(claims(), header).split('.');
      expect(await refusal(`${h}.${p}.`)).toEqual({ code: InvalidTokenCode.AlgorithmNotAllowed });
      expect(await refusal(craft(claims(), header))).toEqual({ code: InvalidTokenCode.AlgorithmNotAllowed });
    });

    it('an unsecured token made by jose (alg none)', async () => {
      const token = new UnsecuredJWT(claims()).encode();
      expect(await refusal(token)).toEqual({ code: InvalidTokenCode.AlgorithmNotAllowed });
    });

    it('a token really signed RS256, even with the right claims', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
      expect(await refusal(token)).toEqual({ code: InvalidTokenCode.AlgorithmNotAllowed });
    });

    it('a token signed HS512 with the right secret', async () => {
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS512' })
        .sign(new TextEncoder().encode(SECRET));
      expect(await refusal(token)).toEqual({ code: InvalidTokenCode.AlgorithmNotAllowed });
    });

    it('a token with an unknown critical header extension', async () => {
      expect(await refusal(craft(claims(), { alg: 'HS256', crit: ['x-unknown'], 'x-unknown': 1 }))).toEqual({
        code: InvalidTokenCode.Malformed,
      });
    });

    it('a token with an unencoded payload (b64: false)', async () => {
      expect(await refusal(craft(claims(), { alg: 'HS256', crit: ['b64'], b64: false }))).toEqual({
        code: InvalidTokenCode.Malformed,
      });
    });

    it.each([
      ['expired a while ago', NOW - 3600],
      ['expiring this very second', NOW],
    ])('a token %s', async (_label, exp) => {
      expect(await refusal(craft(claims({ exp })))).toEqual({ code: InvalidTokenCode.Expired });
    });

    it('a token not valid yet (nbf in the future)', async () => {
      expect(await refusal(craft(claims({ nbf: NOW + 1 })))).toEqual({
        code: InvalidTokenCode.NotYetValid,
        claim: 'nbf',
      });
    });

    it('a token issued in the future beyond the leeway (which would dodge the lifetime cap)', async () => {
      const issued = NOW + 365 * 86_400;
      expect(await refusal(craft(claims({ iat: issued, exp: issued + 86_400 })))).toEqual({
        code: InvalidTokenCode.NotYetValid,
        claim: 'iat',
      });
      const justBeyond = NOW + ISSUED_AT_LEEWAY_SECONDS + 1;
      expect(await refusal(craft(claims({ iat: justBeyond, exp: justBeyond + 60 })))).toEqual({
        code: InvalidTokenCode.NotYetValid,
        claim: 'iat',
      });
    });

    it.each([
      ['not three parts', 'a.b'],
      ['four parts', 'a.b.c.d'],
      ['five parts (a JWE shape)', 'a.b.c.d.e'],
      ['empty', ''],
      ['not base64url JSON', 'not.json.here'],
    ])('a token that is %s', async (_label, token) => {
      expect(await refusal(token)).toEqual({ code: InvalidTokenCode.Malformed });
    });

    it.each([
      ['a JSON null header', null],
      ['a JSON string header', 'HS256'],
      ['a JSON array header', ['HS256']],
    ])('%s, as an invalid token (not a crash)', async (_label, header) => {
      expect(await refusal(craft(claims(), header))).toEqual({ code: InvalidTokenCode.Malformed });
    });

    it.each([
      ['a JSON null payload', null],
      ['a JSON number payload', 42],
      ['a JSON array payload', [claims()]],
      ['a payload that is not JSON', 'not json'],
    ])('%s, as an invalid token (not a crash)', async (_label, payload) => {
      expect(await refusal(craft(payload))).toEqual({ code: InvalidTokenCode.Malformed });
    });

    it.each<[string, Record<string, unknown>, InvalidTokenCode, string]>([
      ['no sub', { sub: undefined }, InvalidTokenCode.ClaimMissing, 'sub'],
      ['an empty sub', { sub: '' }, InvalidTokenCode.ClaimInvalid, 'sub'],
      ['a numeric sub', { sub: 42 }, InvalidTokenCode.ClaimInvalid, 'sub'],
      ['an overlong sub', { sub: 'x'.repeat(201) }, InvalidTokenCode.ClaimInvalid, 'sub'],
      ['a sub with a NUL byte', { sub: 'eve\u0000' }, InvalidTokenCode.ClaimInvalid, 'sub'],
      ['an org with a lone surrogate', { sub: 'eve', org: 'x\uD800' }, InvalidTokenCode.ClaimInvalid, 'org'],
      ['no roles', { roles: undefined }, InvalidTokenCode.ClaimMissing, 'roles'],
      ['roles as a string', { roles: 'admin' }, InvalidTokenCode.ClaimInvalid, 'roles'],
      ['an unknown role', { roles: ['submitter', 'superuser'] }, InvalidTokenCode.ClaimInvalid, 'roles'],
      ['a non-string role', { roles: [1] }, InvalidTokenCode.ClaimInvalid, 'roles'],
      ['a lowercase country', { country: 'pt' }, InvalidTokenCode.ClaimInvalid, 'country'],
      ['a three-letter country', { country: 'PRT' }, InvalidTokenCode.ClaimInvalid, 'country'],
      ['a numeric body', { body: 7 }, InvalidTokenCode.ClaimInvalid, 'body'],
      ['an empty seat', { seat: '' }, InvalidTokenCode.ClaimInvalid, 'seat'],
      ['an object org', { org: { name: 'x' } }, InvalidTokenCode.ClaimInvalid, 'org'],
      ['a string exp', { exp: String(NOW + 60) }, InvalidTokenCode.ExpiryRequired, 'exp'],
      ['a string iat', { iat: String(NOW) }, InvalidTokenCode.ClaimInvalid, 'iat'],
      ['a string nbf', { nbf: String(NOW) }, InvalidTokenCode.ClaimInvalid, 'nbf'],
    ])('a token with %s', async (_label, extra, code, claim) => {
      expect(await refusal(craft(claims(extra)))).toEqual({ code, claim });
    });
  });
});

/**
 * Another base64url character that decodes to the same bytes as `last`, the final character of a
 * 43-character HS256 signature (whose two low bits carry no data).
 */
function nonCanonical(last: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const index = alphabet.indexOf(last);
  return alphabet[index ^ 1];
}
