import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { Actor, ROLES, Role } from '@aoc/domain/actor';
import { textProblem } from '@aoc/domain/text.rules';

/**
 * HS256 JSON Web Tokens, signed and verified with `jose`: just what bearer authentication here
 * needs. jose 5 is used because it ships a CommonJS build; jose 6 is ESM only, which Node 20's
 * `require()` loads but Jest's module loader does not.
 */
export interface TokenClaims extends Actor {
  iat?: number;
  exp?: number;
}

/** The longest a token may live: tokens are bearer credentials, so every one must expire. */
export const MAX_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

/**
 * How far in the future `iat` may be: a signer's clock may run a little ahead. Only there to keep
 * the lifetime cap honest (a token "issued" next year could otherwise live until next year + 30
 * days); `exp` and `nbf` are checked without leeway.
 */
export const ISSUED_AT_LEEWAY_SECONDS = 60;

const ALGORITHM = 'HS256';

const keyOf = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** A signed token for `claims` that expires `ttlSeconds` from now (any `iat` and `exp` given are replaced). */
export async function signToken(claims: TokenClaims, secret: string, ttlSeconds = 12 * 3600): Promise<string> {
  if (!(ttlSeconds > 0 && ttlSeconds <= MAX_TOKEN_LIFETIME_SECONDS)) {
    throw new RangeError(`a token lives from 1 second to ${MAX_TOKEN_LIFETIME_SECONDS / 86_400} days`);
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(keyOf(secret));
}

/** Why a token is refused: tests and callers look at these, not at the messages. */
export enum InvalidTokenCode {
  /** Not a compact JWS, or its header or payload is not a JSON object. */
  Malformed = 'TOKEN_MALFORMED',
  /** An algorithm other than HS256 (`none`, RS256, HS512, or none named). */
  AlgorithmNotAllowed = 'TOKEN_ALGORITHM_NOT_ALLOWED',
  BadSignature = 'TOKEN_BAD_SIGNATURE',
  Expired = 'TOKEN_EXPIRED',
  /** `nbf` or `iat` is in the future. */
  NotYetValid = 'TOKEN_NOT_YET_VALID',
  /** No numeric `exp`: every token must expire. */
  ExpiryRequired = 'TOKEN_EXPIRY_REQUIRED',
  LifetimeTooLong = 'TOKEN_LIFETIME_TOO_LONG',
  /** A required claim (`sub`, `roles`) is absent; `claim` names it. */
  ClaimMissing = 'TOKEN_CLAIM_MISSING',
  /** A claim has the wrong type or shape; `claim` names it. */
  ClaimInvalid = 'TOKEN_CLAIM_INVALID',
  /** The token, or its JOSE header, is larger than any token of ours would be. */
  TooLarge = 'TOKEN_TOO_LARGE',
  /** `iss` is not the configured OpenID Connect issuer. */
  WrongIssuer = 'TOKEN_WRONG_ISSUER',
  /** `aud` does not name this API. */
  WrongAudience = 'TOKEN_WRONG_AUDIENCE',
  /** No key of the issuer's JWKS (fetched again) has the token's `kid` and algorithm. */
  UnknownKey = 'TOKEN_UNKNOWN_KEY',
}

export class InvalidTokenError extends Error {
  constructor(
    readonly code: InvalidTokenCode,
    message: string,
    /** The claim at fault, for the claim codes. */
    readonly claim?: string,
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

export const malformedClaim = (name: string) =>
  new InvalidTokenError(InvalidTokenCode.ClaimInvalid, `claim "${name}" is malformed`, name);

export const COUNTRY = /^[A-Z]{2}$/;
export const optionalString = (value: unknown, name: string, pattern?: RegExp): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 200 ||
    textProblem(value) ||
    (pattern && !pattern.test(value))
  ) {
    throw malformedClaim(name);
  }
  return value;
};

const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** Whether `segment` is the one canonical base64url text of its bytes (Node's decoder is lenient). */
export const isCanonicalBase64url = (segment: string) =>
  BASE64URL.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment;

/**
 * The InvalidTokenError that a jose verification error means, for HS256 tokens and the issuer's
 * alike (`accepted` says which algorithms are); anything else is a bug, rethrown.
 */
export function refusalOf(error: unknown, accepted = 'only HS256 tokens are accepted'): InvalidTokenError {
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new InvalidTokenError(InvalidTokenCode.AlgorithmNotAllowed, accepted);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new InvalidTokenError(InvalidTokenCode.BadSignature, 'bad signature');
  }
  if (error instanceof errors.JWTExpired) {
    return new InvalidTokenError(InvalidTokenCode.Expired, 'the token has expired');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'exp') {
      return new InvalidTokenError(
        InvalidTokenCode.ExpiryRequired,
        'claim "exp" is required: every token must expire',
        'exp',
      );
    }
    if (error.claim === 'nbf' && error.reason === 'check_failed') {
      return new InvalidTokenError(InvalidTokenCode.NotYetValid, 'the token is not valid yet (claim "nbf")', 'nbf');
    }
    return malformedClaim(error.claim);
  }
  if (error instanceof errors.JOSEError) {
    return new InvalidTokenError(InvalidTokenCode.Malformed, 'the token is not a well-formed JWT');
  }
  throw error;
}

/**
 * The actor of a token: verifies the algorithm (HS256 only), the signature, `exp` (required),
 * `nbf` and `iat` (not in the future) and the lifetime, then the claims' shape.
 * Rejects with InvalidTokenError, whose `code` says why.
 */
export async function verifyToken(
  token: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Actor> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError(InvalidTokenCode.Malformed, 'not a JWT');
  // The algorithm is checked before jose sees the token, so that a header without one (which jose
  // calls malformed) is refused like any other algorithm; jose checks it again below.
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new InvalidTokenError(InvalidTokenCode.Malformed, 'the token header is not a base64url JSON object');
  }
  if (header.alg !== ALGORITHM) {
    throw new InvalidTokenError(InvalidTokenCode.AlgorithmNotAllowed, 'only HS256 tokens are accepted');
  }

  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(token, keyOf(secret), {
      algorithms: [ALGORITHM],
      requiredClaims: ['exp'],
      currentDate: new Date(nowSeconds * 1000),
      clockTolerance: 0,
    }));
  } catch (error) {
    throw refusalOf(error);
  }
  // jose decodes leniently: a signature with extra or altered padding bits would still match.
  if (!isCanonicalBase64url(parts[2])) throw new InvalidTokenError(InvalidTokenCode.BadSignature, 'bad signature');

  // jose has checked that exp is a number in the future, and that iat and nbf are numbers if present.
  const exp = claims.exp as number;
  const iat = claims.iat as number | undefined;
  if (iat !== undefined && iat > nowSeconds + ISSUED_AT_LEEWAY_SECONDS) {
    throw new InvalidTokenError(InvalidTokenCode.NotYetValid, 'the token is issued in the future (claim "iat")', 'iat');
  }
  if (exp - (iat ?? nowSeconds) > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new InvalidTokenError(InvalidTokenCode.LifetimeTooLong, 'the token lives too long');
  }

  const sub = optionalString(claims.sub, 'sub');
  if (!sub) throw new InvalidTokenError(InvalidTokenCode.ClaimMissing, 'claim "sub" is required', 'sub');
  if (claims.roles === undefined || claims.roles === null) {
    throw new InvalidTokenError(
      InvalidTokenCode.ClaimMissing,
      `claim "roles" is required: an array drawn from ${ROLES.join(', ')}`,
      'roles',
    );
  }
  if (!Array.isArray(claims.roles) || !claims.roles.every((r) => ROLES.includes(r as Role))) {
    throw new InvalidTokenError(
      InvalidTokenCode.ClaimInvalid,
      `claim "roles" must be an array drawn from: ${ROLES.join(', ')}`,
      'roles',
    );
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
