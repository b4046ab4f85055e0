/**
 * The transient state of one browser sign-in, between GET /auth/login and GET /auth/callback:
 * kept in the browser in a short-lived HttpOnly cookie named after the sign-in's `state`, so that
 * two sign-ins started in two tabs do not overwrite each other, and nothing is stored server-side
 * for sign-ins that are never finished. Its content is checked again at the callback; altering it
 * gains nothing (the provider binds the code to the PKCE challenge, the ID token to the nonce).
 */
export interface LoginState {
  /** The PKCE code verifier (S256). */
  codeVerifier: string;
  nonce: string;
  /** Where to send the browser once signed in: a path of this site. */
  returnTo: string;
}

/** A sign-in must come back within this time. */
export const LOGIN_STATE_TTL_SECONDS = 600;

const LOGIN_COOKIE_PREFIX = 'aoc_login_';
/** openid-client's random values: 32 random bytes, base64url (43 characters). */
const RANDOM_VALUE = /^[A-Za-z0-9_-]{43}$/;
const MAX_RETURN_TO = 2000;

/** The cookie that holds the sign-in with this `state`; undefined for a state that is not one of ours. */
export function loginCookieName(state: string): string | undefined {
  return RANDOM_VALUE.test(state) ? `${LOGIN_COOKIE_PREFIX}${state}` : undefined;
}

export function encodeLoginState(state: LoginState): string {
  return Buffer.from(JSON.stringify([state.codeVerifier, state.nonce, state.returnTo])).toString('base64url');
}

/** The sign-in in a cookie's value, or undefined when it is not one this API wrote. */
export function decodeLoginState(value: string | undefined): LoginState | undefined {
  if (value === undefined || value.length > 4 * MAX_RETURN_TO) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((p) => typeof p === 'string')) return undefined;
    const [codeVerifier, nonce, returnTo] = parsed as string[];
    if (!RANDOM_VALUE.test(codeVerifier) || !RANDOM_VALUE.test(nonce)) return undefined;
    return { codeVerifier, nonce, returnTo: safeReturnTo(returnTo) };
  } catch {
    return undefined;
  }
}

/**
 * Where a sign-in may send the browser back to: a path of this site (`/plans/1?tab=versions`),
 * never another site. An absolute URL, a scheme-relative `//evil.example`, a backslash (which
 * browsers read as a slash), control characters or anything that is not a path give `/`.
 */
export function safeReturnTo(returnTo: unknown): string {
  if (typeof returnTo !== 'string' || returnTo.length === 0 || returnTo.length > MAX_RETURN_TO) return '/';
  const hasControl = [...returnTo].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (!returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.includes('\\') || hasControl) return '/';
  const base = 'http://return-to.invalid';
  let url: URL;
  try {
    url = new URL(returnTo, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
