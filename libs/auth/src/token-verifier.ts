import { decodeJwt } from 'jose';
import type { AppConfig } from '@aoc/config/config.schema';
import type { Identity } from './claims';
import { InvalidTokenCode, InvalidTokenError, verifyToken } from './jwt';
import { OIDC_ALGORITHMS, OidcVerifier, screenToken } from './oidc';

export interface TokenVerifierOptions {
  nodeEnv: AppConfig['nodeEnv'];
  /** The HS256 secret, for development and test tokens. */
  jwtSecret: string;
  oidc?: OidcVerifier;
}

/**
 * Every bearer token the API accepts goes through here. The token's `alg` picks the verifier,
 * and each verifier checks the algorithm again:
 * - RS256 and ES256: the OpenID Connect issuer's tokens (OidcVerifier), when one is configured;
 * - HS256: tokens signed with AUTH_JWT_SECRET (verifyToken), outside production only;
 * - anything else (`none`, HS512, PS256, none named): refused.
 */
export class TokenVerifier {
  constructor(private readonly options: TokenVerifierOptions) {}

  static fromConfig(config: AppConfig): TokenVerifier {
    const oidc = config.auth.oidc;
    return new TokenVerifier({
      nodeEnv: config.nodeEnv,
      jwtSecret: config.auth.jwtSecret,
      oidc: oidc && new OidcVerifier(oidc),
    });
  }

  /** The identity of a token; rejects with InvalidTokenError (401), or DomainError UNAVAILABLE (503). */
  async verify(token: string): Promise<Identity> {
    const alg = screenToken(token);
    if (alg === 'HS256') {
      if (this.options.nodeEnv === 'production') {
        throw new InvalidTokenError(
          InvalidTokenCode.AlgorithmNotAllowed,
          'HS256 tokens are refused in production: sign in through the OpenID Connect provider',
        );
      }
      const actor = await verifyToken(token, this.options.jwtSecret);
      // Development tokens may carry a name and an e-mail as the provider's do (joining a user
      // registered beforehand, DOMAIN §12); verified above, so only read here.
      const { name, email, email_verified: verified } = decodeJwt(token);
      return {
        actor,
        ...(typeof name === 'string' && name ? { name } : {}),
        ...(typeof email === 'string' && email ? { email, ...(verified === true ? { emailVerified: true } : {}) } : {}),
      };
    }
    if ((OIDC_ALGORITHMS as readonly string[]).includes(alg)) {
      if (!this.options.oidc) {
        throw new InvalidTokenError(
          InvalidTokenCode.AlgorithmNotAllowed,
          `${alg} tokens need an OpenID Connect issuer, and none is configured (OIDC_ISSUER_URL)`,
        );
      }
      return this.options.oidc.verify(token);
    }
    const accepted = [
      ...(this.options.oidc ? OIDC_ALGORITHMS : []),
      ...(this.options.nodeEnv === 'production' ? [] : ['HS256']),
    ];
    throw new InvalidTokenError(
      InvalidTokenCode.AlgorithmNotAllowed,
      `algorithm "${alg || 'none named'}" is not accepted; accepted here: ${accepted.join(', ') || 'none'}`,
    );
  }
}
