import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { identityOf, type Identity } from '@aoc/auth/claims';
import { InvalidTokenError } from '@aoc/auth/jwt';
import { TokenVerifier } from '@aoc/auth/token-verifier';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig, BrowserSettings, OidcSettings } from '@aoc/config/config.schema';
import { DomainError, ErrorCode, notFound } from '@aoc/domain/domain-error';
import type { LoginState } from './login-state';

/**
 * The API as an OpenID Connect client of the browser's sign-in (the backend-for-frontend
 * pattern): the authorization code flow with PKCE (S256), `state` and `nonce`, through the
 * `openid-client` package (discovery, PKCE, the code exchange, the ID token's validation). The
 * tokens never reach the browser: the caller keeps a server-side session instead.
 *
 * `openid-client` is an ES module, loaded with require() (Node 20.19+, 22.12+, 24); only the
 * running API loads this file, never a unit test under Jest.
 */
@Injectable()
export class BrowserSignIn {
  private configuration: Promise<oidc.Configuration> | undefined;
  private readonly browser: BrowserSettings;
  private readonly oidcSettings: OidcSettings | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {
    this.browser = config.auth.browser;
    this.oidcSettings = config.auth.oidc;
  }

  get redirectUri(): string {
    return `${this.browser.publicUrl}/auth/callback`;
  }

  /** A new sign-in: its `state`, what to keep until the callback, and the provider's URL to send the browser to. */
  async start(returnTo: string): Promise<{ state: string; login: LoginState; url: URL }> {
    const configuration = await this.discover();
    const login: LoginState = { codeVerifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce(), returnTo };
    const state = oidc.randomState();
    const codeChallenge = await oidc.calculatePKCECodeChallenge(login.codeVerifier);
    let url: URL;
    try {
      url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri,
        response_type: 'code',
        scope: this.browser.scope,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        state,
        nonce: login.nonce,
      });
    } catch (error) {
      throw notAvailable(
        `the identity provider's discovery document names no usable authorization endpoint (${describe(error)})`,
      );
    }
    return { state, login, url };
  }

  /**
   * The identity of a finished sign-in: `callbackQuery` is the query the provider sent the browser
   * back with. The access token, when it is a JWT, goes through the same verification and claims
   * mapping as a bearer token, so that a session's roles and scope are those the API would read
   * from the token; an opaque access token leaves the validated ID token's claims, mapped the same
   * way. Rejects with SIGN_IN_FAILED (400) saying why, or UNAVAILABLE (503).
   */
  async finish(callbackQuery: string, state: string, login: LoginState): Promise<Identity> {
    const configuration = await this.discover();
    let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, new URL(`${this.redirectUri}?${callbackQuery}`), {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw signInError(error);
    }
    const idClaims = tokens.claims() as Record<string, unknown> | undefined;
    if (!idClaims) throw signInFailed('the provider sent no ID token');
    try {
      if (tokens.access_token.split('.').length === 3) {
        const identity = await this.verifier.verify(tokens.access_token);
        if (identity.actor.sub !== idClaims.sub) {
          throw signInFailed("the access token and the ID token name different users (claim 'sub')");
        }
        return identity;
      }
      return identityOf(idClaims, this.oidcSettings!.claims);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw signInFailed(
          `the provider's token was refused (${error.code}): ${error.message}; the provider must issue access tokens for this API (OIDC_AUDIENCE, OIDC_SCOPE)`,
        );
      }
      throw error;
    }
  }

  /** The provider's end-session (RP-initiated logout) URL, or undefined when it has none or cannot be reached. */
  async endSessionUrl(): Promise<string | undefined> {
    try {
      const configuration = await this.discover();
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      return oidc
        .buildEndSessionUrl(configuration, {
          client_id: this.browser.clientId,
          post_logout_redirect_uri: `${this.browser.publicUrl}/`,
        })
        .toString();
    } catch {
      return undefined;
    }
  }

  /** The provider's configuration, discovered once (and again after a failure). */
  private discover(): Promise<oidc.Configuration> {
    const settings = this.oidcSettings;
    if (!settings) {
      return Promise.reject(
        notAvailable(
          'it needs an OpenID Connect provider, and none is configured (OIDC_ISSUER_URL); use bearer tokens (npm run token)',
        ),
      );
    }
    this.configuration ??= this.fetchConfiguration(settings).catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async fetchConfiguration(settings: OidcSettings): Promise<oidc.Configuration> {
    const issuer = new URL(settings.issuerUrl);
    const { clientId, clientSecret } = this.browser;
    try {
      return await oidc.discovery(
        issuer,
        clientId,
        { redirect_uris: [this.redirectUri], response_types: ['code'] },
        clientSecret ? oidc.ClientSecretPost(clientSecret) : oidc.None(),
        {
          // http is allowed only where the configuration allows the issuer to be (loopback, dev, or the opt-in).
          execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
          timeout: 5,
        },
      );
    } catch (error) {
      throw new DomainError(
        ErrorCode.Unavailable,
        `the identity provider's discovery document could not be fetched (${describe(error)}); retry shortly`,
      );
    }
  }
}

/** Browser sign-in cannot work with this configuration (404): a bearer token still can. */
const notAvailable = (reason: string) => notFound(`browser sign-in is not available: ${reason}`);

const signInFailed = (message: string) =>
  new DomainError(ErrorCode.SignInFailed, `sign-in failed: ${message}; start again at /auth/login`);

const describe = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: unknown })?.cause;
  return cause instanceof Error && cause.message !== message ? `${message}: ${cause.message}` : message;
};

const isNetworkFailure = (error: unknown): boolean =>
  error instanceof TypeError ||
  ['TimeoutError', 'AbortError'].includes((error as { cause?: { name?: string } })?.cause?.name ?? '');

/** What an error of the code exchange means: the provider said no or the response was not right (400), or it is out of reach (503). */
function signInError(error: unknown): DomainError {
  if (error instanceof oidc.AuthorizationResponseError) {
    const description = error.error_description ? `: ${error.error_description}` : '';
    return signInFailed(`the identity provider answered ${error.error}${description}`);
  }
  if (error instanceof oidc.ResponseBodyError) {
    if (error.status >= 500) {
      return new DomainError(
        ErrorCode.Unavailable,
        `the identity provider's token endpoint answered ${error.status}; retry shortly`,
      );
    }
    const description = error.error_description ? `: ${error.error_description}` : '';
    return signInFailed(`the token endpoint refused the code (${error.error}${description})`);
  }
  if (isNetworkFailure(error)) {
    return new DomainError(
      ErrorCode.Unavailable,
      `the identity provider could not be reached (${describe(error)}); retry shortly`,
    );
  }
  if (error instanceof oidc.ClientError) return signInFailed(describe(error));
  throw error;
}
