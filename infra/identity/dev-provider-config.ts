/** What the development identity provider and its clients (npm start, npm run token, the tests) agree on. */

/** Its port unless DEV_IDP_PORT says otherwise; the issuer is http://127.0.0.1:<port>. */
export const DEFAULT_DEV_IDP_PORT = 3005;

/** The public client of the API's browser sign-in, OIDC_CLIENT_ID's default (authorization code with PKCE, no secret). */
export const WEB_CLIENT_ID = 'aoc-web';
/** The public client `npm run token` uses; its redirect URI is never listened on: the CLI reads the redirect. */
export const CLI_CLIENT_ID = 'aoc-cli';
export const CLI_REDIRECT_URI = 'http://127.0.0.1/token-callback';

/** The resource indicator of the API: access tokens for it are JWTs whose `aud` is OIDC_AUDIENCE. */
export const API_RESOURCE = 'urn:aoc-plan-approval:api';

/** Said in its discovery document, so that `npm run token` drives only this provider's sign-in page. */
export const DEV_PROVIDER_MARKER = 'aoc_development_provider';

export const devIssuerUrl = (port: number): string => `http://127.0.0.1:${port}`;

/** DEV_IDP_PORT, or the default. */
export function devProviderPort(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.DEV_IDP_PORT?.trim();
  if (!text) return DEFAULT_DEV_IDP_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new Error(`DEV_IDP_PORT="${text}" must be a whole number from 1 to 65535`);
  }
  return port;
}
