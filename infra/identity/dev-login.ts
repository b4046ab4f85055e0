import { createHash, randomBytes } from 'node:crypto';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI, DEV_PROVIDER_MARKER } from './dev-provider-config';

/**
 * Signs a demo user in at the development identity provider the way a browser would: the
 * authorization code flow with PKCE (S256) for the public client `aoc-cli`, picking the user on
 * the sign-in page, then the code for tokens. Only for that provider (its discovery document
 * carries DEV_PROVIDER_MARKER): a real provider's sign-in page is not driven by scripts.
 */

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  [DEV_PROVIDER_MARKER]?: boolean;
}

const TIMEOUT_MS = 5_000;
const MAX_REDIRECTS = 10;

/** The discovery document of the development provider at `issuer`, or undefined if none answers there. */
export async function findDevProvider(issuer: string): Promise<Discovery | undefined> {
  try {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status !== 200) return undefined;
    const discovery = (await response.json()) as Discovery;
    return discovery[DEV_PROVIDER_MARKER] === true ? discovery : undefined;
  } catch {
    return undefined;
  }
}

/** A tiny cookie jar: the provider keeps the sign-in in progress in cookies. */
class Cookies {
  private readonly values = new Map<string, string>();
  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.values.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  get header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface DevTokens {
  accessToken: string;
  idToken?: string;
  expiresIn: number;
}

/** Tokens for demo user `user` from the development provider whose discovery document is `discovery`. */
export async function devProviderLogin(discovery: Discovery, user: string): Promise<DevTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: CLI_CLIENT_ID,
    response_type: 'code',
    redirect_uri: CLI_REDIRECT_URI,
    scope: 'openid profile email',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();

  const cookies = new Cookies();
  const send = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { ...(init.headers as Record<string, string>), cookie: cookies.header },
    });
    cookies.take(response);
    return response;
  };
  const locationOf = (response: Response, from: string): string => {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`the identity provider answered ${response.status} at ${from}, not a redirect`);
    }
    return new URL(location, from).toString();
  };

  // To the sign-in page, where the user is picked; then through the provider's redirects back.
  let url = locationOf(await send(authorize.toString()), authorize.toString());
  const interaction = new URL(url);
  if (!/^\/interaction\/[\w-]+$/.test(interaction.pathname)) throw new Error(`unexpected sign-in page ${url}`);
  const login = `${interaction.origin}${interaction.pathname}/login`;
  url = locationOf(
    await send(login, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user }).toString(),
    }),
    login,
  );
  for (let i = 0; !url.startsWith(CLI_REDIRECT_URI); i += 1) {
    if (i === MAX_REDIRECTS) throw new Error('the identity provider redirected too often');
    url = locationOf(await send(url), url);
  }
  const callback = new URL(url).searchParams;
  if (callback.get('error')) {
    throw new Error(`sign-in refused: ${callback.get('error')} ${callback.get('error_description') ?? ''}`.trim());
  }
  if (callback.get('state') !== state) throw new Error('the state came back altered');
  const code = callback.get('code');
  if (!code) throw new Error('no authorization code came back');

  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: CLI_REDIRECT_URI,
      client_id: CLI_CLIENT_ID,
      code_verifier: verifier,
    }).toString(),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200 || typeof body.access_token !== 'string') {
    throw new Error(`the token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return {
    accessToken: body.access_token,
    idToken: typeof body.id_token === 'string' ? body.id_token : undefined,
    expiresIn: Number(body.expires_in),
  };
}
