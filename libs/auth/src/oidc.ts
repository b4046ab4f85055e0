import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { OidcSettings } from '@aoc/config/config.schema';
import { DomainError, ErrorCode } from '@aoc/domain/domain-error';
import { identityOf, type Identity } from './claims';
import { InvalidTokenCode, InvalidTokenError, isCanonicalBase64url, refusalOf } from './jwt';

/** The asymmetric algorithms an OpenID Connect provider's tokens may use; nothing else is accepted. */
export const OIDC_ALGORITHMS = ['RS256', 'ES256'] as const;

/** Tokens longer than this are refused unread (a Keycloak token with many roles is 2 to 4 KiB). */
export const MAX_TOKEN_LENGTH = 12 * 1024;
/** A JOSE header longer than this (base64url) is refused unread: ours are under 200 characters. */
export const MAX_HEADER_LENGTH = 1024;

/** jwksCooldownMs and jwksMaxAgeMs are jose's `cooldownDuration` and `cacheMaxAge`. */
export interface OidcVerifierOptions extends OidcSettings {
  /** The deadline of each fetch of the discovery document and the JWKS. */
  fetchTimeoutMs?: number;
}

/** The identity provider (its discovery document or JWKS) cannot be reached: 503, not the client's fault. */
const unavailable = (what: string, cause: unknown) =>
  new DomainError(
    ErrorCode.Unavailable,
    `the identity provider's ${what} could not be fetched (${cause instanceof Error ? cause.message : String(cause)}); retry shortly`,
  );

class KeySourceUnavailable extends Error {
  constructor(cause: unknown) {
    super('JWKS unavailable', { cause });
  }
}

interface Discovery {
  issuer: string;
  jwks_uri: string;
}

/** Checks the size and the JOSE header of a compact JWS before anything else reads it; returns its algorithm. */
export function screenToken(token: string): string {
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new InvalidTokenError(InvalidTokenCode.TooLarge, `the token is longer than ${MAX_TOKEN_LENGTH} characters`);
  }
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError(InvalidTokenCode.Malformed, 'not a JWT');
  if (parts[0].length > MAX_HEADER_LENGTH) {
    throw new InvalidTokenError(
      InvalidTokenCode.TooLarge,
      `the token's header is longer than ${MAX_HEADER_LENGTH} characters`,
    );
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new InvalidTokenError(InvalidTokenCode.Malformed, 'the token header is not a base64url JSON object');
  }
  return typeof header.alg === 'string' ? header.alg : '';
}

/**
 * Verifies the RS256 and ES256 tokens of one OpenID Connect issuer. The keys come from the JWKS
 * named by the issuer's discovery document (fetched once, and again after a failure), through
 * jose's createRemoteJWKSet: it caches the keys for `jwksMaxAgeMs` and fetches them again when a
 * token names an unknown `kid`, at most once per `jwksCooldownMs`. So after a key rotation both
 * the old and the new tokens are accepted until the old key leaves the JWKS and the cache expires.
 */
export class OidcVerifier {
  private keys: Promise<JWTVerifyGetKey> | undefined;

  constructor(private readonly options: OidcVerifierOptions) {}

  get issuer(): string {
    return this.options.issuerUrl;
  }

  /** The identity of an RS256 or ES256 token of the issuer; rejects with InvalidTokenError, or DomainError UNAVAILABLE. */
  async verify(token: string): Promise<Identity> {
    const alg = screenToken(token);
    if (!(OIDC_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new InvalidTokenError(
        InvalidTokenCode.AlgorithmNotAllowed,
        `algorithm "${alg || 'none named'}" is not accepted: only ${OIDC_ALGORITHMS.join(' and ')} tokens of the issuer are`,
      );
    }
    const keys = await this.keySet();
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        algorithms: [...OIDC_ALGORITHMS],
        issuer: this.options.issuerUrl,
        audience: this.options.audience,
        requiredClaims: ['exp'],
        clockTolerance: this.options.clockToleranceSeconds,
      }));
    } catch (error) {
      if (error instanceof KeySourceUnavailable) throw unavailable('JWKS', error.cause);
      throw this.refusalFor(error);
    }
    if (!isCanonicalBase64url(token.split('.')[2])) {
      throw new InvalidTokenError(InvalidTokenCode.BadSignature, 'bad signature');
    }
    return identityOf(claims, this.options.claims);
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = undefined; // fetched again by the next token
      throw error;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const issuer = this.options.issuerUrl;
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: Discovery;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 5_000) });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      document = (await response.json()) as Discovery;
    } catch (error) {
      throw unavailable('discovery document', error);
    }
    if (document.issuer !== issuer) {
      // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
      throw unavailable('discovery document', new Error(`it names issuer "${document.issuer}", not "${issuer}"`));
    }
    let jwksUri: URL;
    try {
      jwksUri = new URL(document.jwks_uri);
    } catch {
      throw unavailable('discovery document', new Error('its jwks_uri is not a URL'));
    }
    const remote = createRemoteJWKSet(jwksUri, {
      cooldownDuration: this.options.jwksCooldownMs,
      cacheMaxAge: this.options.jwksMaxAgeMs,
      timeoutDuration: this.options.fetchTimeoutMs ?? 5_000,
    });
    return async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
        throw new KeySourceUnavailable(error);
      }
    };
  }

  private refusalFor(error: unknown): InvalidTokenError {
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
      return new InvalidTokenError(
        InvalidTokenCode.UnknownKey,
        "no key of the issuer's JWKS has the token's kid and algorithm (the JWKS was fetched again)",
      );
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'iss') {
        return new InvalidTokenError(
          InvalidTokenCode.WrongIssuer,
          `the token's issuer (claim "iss") is not ${this.options.issuerUrl}`,
          'iss',
        );
      }
      if (error.claim === 'aud') {
        return new InvalidTokenError(
          InvalidTokenCode.WrongAudience,
          `the token is not for this API (claim "aud" must include "${this.options.audience}")`,
          'aud',
        );
      }
    }
    return refusalOf(error, 'only RS256 and ES256 tokens of the issuer are accepted');
  }
}
