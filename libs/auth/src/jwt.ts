import { createHmac, timingSafeEqual } from 'node:crypto';
import { Actor, ROLES, Role } from '@aoc/domain/actor';
import { textProblem } from '@aoc/domain/text.rules';

/** HS256 JSON Web Tokens: just what bearer authentication here needs, nothing more. */
export interface TokenClaims extends Actor {
  iat?: number;
  exp?: number;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The longest a token may live: tokens are bearer credentials, so every one must expire. */
export const MAX_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

export function signToken(claims: TokenClaims, secret: string, ttlSeconds = 12 * 3600): string {
  if (!(ttlSeconds > 0 && ttlSeconds <= MAX_TOKEN_LIFETIME_SECONDS)) {
    throw new RangeError(`a token lives from 1 second to ${MAX_TOKEN_LIFETIME_SECONDS / 86_400} days`);
  }
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ ...claims, iat: now, exp: now + ttlSeconds }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export class InvalidTokenError extends Error {}

const COUNTRY = /^[A-Z]{2}$/;
const optionalString = (value: unknown, name: string, pattern?: RegExp): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 200 ||
    textProblem(value) ||
    (pattern && !pattern.test(value))
  ) {
    throw new InvalidTokenError(`claim "${name}" is malformed`);
  }
  return value;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Verifies signature, algorithm and expiry, and checks the claims' shape. */
export function verifyToken(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): Actor {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('not a JWT');
  const [header, payload, signature] = parts;
  let head: { alg?: unknown };
  let claims: Record<string, unknown>;
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('the token is not valid base64url JSON');
  }
  if (!isObject(head) || !isObject(claims)) throw new InvalidTokenError('the token header and payload must be objects');
  if (head.alg !== 'HS256') throw new InvalidTokenError('only HS256 tokens are accepted');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  if (!/^[A-Za-z0-9_-]{43}$/.test(signature)) throw new InvalidTokenError('bad signature');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InvalidTokenError('bad signature');
  }
  if (typeof claims.exp !== 'number') throw new InvalidTokenError('claim "exp" is required: every token must expire');
  if (claims.exp <= nowSeconds) throw new InvalidTokenError('the token has expired');
  const issued = typeof claims.iat === 'number' ? claims.iat : nowSeconds;
  if (claims.exp - issued > MAX_TOKEN_LIFETIME_SECONDS) throw new InvalidTokenError('the token lives too long');
  const sub = optionalString(claims.sub, 'sub');
  if (!sub) throw new InvalidTokenError('claim "sub" is required');
  if (!Array.isArray(claims.roles) || !claims.roles.every((r) => ROLES.includes(r as Role))) {
    throw new InvalidTokenError(`claim "roles" must be an array drawn from: ${ROLES.join(', ')}`);
  }
  return {
    sub,
    roles: [...new Set(claims.roles as Role[])],
    country: optionalString(claims.country, 'country', COUNTRY),
    body: optionalString(claims.body, 'body'),
    seat: optionalString(claims.seat, 'seat'),
    org: optionalString(claims.org, 'org'),
  };
}
