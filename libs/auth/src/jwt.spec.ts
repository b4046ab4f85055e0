import { createHmac } from 'node:crypto';
import { Actor } from '@aoc/domain/actor';
import { InvalidTokenError, signToken, verifyToken } from './jwt';

const SECRET = 'unit-test-secret-0123456789';
const NOW = 1_800_000_000;

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const hmac = (data: string, secret = SECRET) => createHmac('sha256', secret).update(data).digest('base64url');

/** A token with any header and payload, correctly signed unless told otherwise. */
const craft = (payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }, secret = SECRET) => {
  const signed = `${b64(header)}.${b64(payload)}`;
  return `${signed}.${hmac(signed, secret)}`;
};

const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'u1', roles: ['submitter'], exp: NOW + 60, ...extra });

const rejection = (token: string, now = NOW): string => {
  try {
    verifyToken(token, SECRET, now);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as Error).message;
  }
  throw new Error('the token was accepted');
};

describe('signToken / verifyToken', () => {
  it('round-trips the actor claims', () => {
    const actor: Actor = {
      sub: 'focal-pt',
      roles: ['submitter', 'consultee'],
      country: 'PT',
      body: 'edu',
      seat: 'PT',
      org: 'gov',
    };
    expect(verifyToken(signToken(actor, SECRET), SECRET)).toEqual(actor);
  });

  it('signs a three-part HS256 token that expires after the ttl', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = signToken({ sub: 'u', roles: ['cso'] }, SECRET, 60);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload.exp - payload.iat).toBe(60);
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(verifyToken(token, SECRET, payload.exp - 1).sub).toBe('u');
    expect(rejection(token, payload.exp + 1)).toMatch(/expired/);
  });

  it('leaves out absent optional claims and removes duplicate roles', () => {
    expect(verifyToken(craft(claims({ roles: ['cso', 'cso'], country: null })), SECRET, NOW)).toEqual({
      sub: 'u1',
      roles: ['cso'],
      country: undefined,
      body: undefined,
      seat: undefined,
      org: undefined,
    });
  });

  it('refuses a token without exp, or one that lives too long', () => {
    expect(() => verifyToken(craft({ sub: 'u1', roles: ['admin'] }), SECRET, NOW)).toThrow(/exp" is required/);
    expect(() =>
      verifyToken(craft({ sub: 'u1', roles: ['admin'], iat: NOW, exp: NOW + 365 * 86_400 }), SECRET, NOW),
    ).toThrow(/too long/);
  });

  it('refuses a signature with extra characters, and a lifetime it cannot sign', () => {
    const token = signToken({ sub: 'u1', roles: ['admin'] }, SECRET);
    expect(() => verifyToken(`${token}A`, SECRET)).toThrow(/bad signature/);
    expect(() => signToken({ sub: 'u1', roles: ['admin'] }, SECRET, 0)).toThrow(RangeError);
    expect(() => signToken({ sub: 'u1', roles: ['admin'], exp: undefined }, SECRET)).not.toThrow();
    expect(verifyToken(signToken({ sub: 'u1', roles: ['admin'], exp: undefined }, SECRET), SECRET).sub).toBe('u1');
  });

  describe('rejects', () => {
    it('a token signed with another secret', () => {
      expect(rejection(craft(claims(), undefined, 'another-secret-0123456789'))).toMatch(/bad signature/);
    });

    it('a tampered payload', () => {
      const [header, , signature] = craft(claims()).split('.');
      expect(rejection(`${header}.${b64(claims({ roles: ['admin'] }))}.${signature}`)).toMatch(/bad signature/);
    });

    it.each([
      ['an empty signature', ''],
      ['a truncated signature', 'abc'],
    ])('%s', (_label, signature) => {
      const [header, payload] = craft(claims()).split('.');
      expect(rejection(`${header}.${payload}.${signature}`)).toMatch(/bad signature/);
    });

    it.each([
      ['alg none, unsigned', { alg: 'none', typ: 'JWT' }],
      ['alg HS512', { alg: 'HS512' }],
      ['alg RS256', { alg: 'RS256' }],
      ['no alg', { typ: 'JWT' }],
    ])('%s', (_label, header) => {
      const [h, p] = craft(claims(), header).split('.');
      expect(rejection(`${h}.${p}.`)).toMatch(/only HS256/);
      expect(rejection(craft(claims(), header))).toMatch(/only HS256/);
    });

    it.each([
      ['expired a while ago', NOW - 3600],
      ['expiring this very second', NOW],
    ])('a token %s', (_label, exp) => {
      expect(rejection(craft(claims({ exp })))).toMatch(/expired/);
    });

    it.each([
      ['not three parts', 'a.b'],
      ['four parts', 'a.b.c.d'],
      ['empty', ''],
      ['not base64url JSON', 'not.json.here'],
    ])('a token that is %s', (_label, token) => {
      rejection(token);
    });

    it.each([
      ['a JSON null header', null],
      ['a JSON string header', 'HS256'],
      ['a JSON array header', ['HS256']],
    ])('%s, as an invalid token (not a crash)', (_label, header) => {
      rejection(craft(claims(), header));
    });

    it.each([
      ['a JSON null payload', null],
      ['a JSON number payload', 42],
    ])('%s, as an invalid token (not a crash)', (_label, payload) => {
      rejection(craft(payload));
    });

    it.each<[string, Record<string, unknown>, RegExp]>([
      ['no sub', { sub: undefined }, /"sub" is required/],
      ['an empty sub', { sub: '' }, /"sub" is malformed/],
      ['a numeric sub', { sub: 42 }, /"sub" is malformed/],
      ['an overlong sub', { sub: 'x'.repeat(201) }, /"sub" is malformed/],
      ['a sub with a NUL byte', { sub: 'eve\u0000' }, /"sub" is malformed/],
      ['an org with a lone surrogate', { sub: 'eve', org: 'x\uD800' }, /"org" is malformed/],
      ['no roles', { roles: undefined }, /"roles"/],
      ['roles as a string', { roles: 'admin' }, /"roles"/],
      ['an unknown role', { roles: ['submitter', 'superuser'] }, /"roles"/],
      ['a non-string role', { roles: [1] }, /"roles"/],
      ['a lowercase country', { country: 'pt' }, /"country" is malformed/],
      ['a three-letter country', { country: 'PRT' }, /"country" is malformed/],
      ['a numeric body', { body: 7 }, /"body" is malformed/],
      ['an empty seat', { seat: '' }, /"seat" is malformed/],
      ['an object org', { org: { name: 'x' } }, /"org" is malformed/],
      ['a string exp', { exp: String(NOW + 60) }, /"exp" is required/],
    ])('a token with %s', (_label, extra, why) => {
      expect(rejection(craft(claims(extra)))).toMatch(why);
    });
  });
});
