import { DomainError, ErrorCode } from '@aoc/domain/domain-error';

/** Methods that change nothing: SameSite=Lax lets their cross-site navigations carry the cookie, harmlessly. */
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

interface RequestLike {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

const header = (request: RequestLike, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The CSRF check of requests that the session cookie authenticates (docs/identity.md). The
 * cookie is SameSite=Lax, so browsers leave it off cross-site POSTs, fetches and frames; and a
 * state-changing request must also say where it comes from: its `Origin` must be one of
 * `allowedOrigins` (the API's PUBLIC_URL, then ALLOWED_ORIGINS), or, when a browser sends no
 * Origin, its `Sec-Fetch-Site` must be `same-origin`. Neither header can be set by a page's
 * script for another site. Bearer requests are not checked: a browser never adds a bearer token
 * by itself. Throws CSRF_REJECTED (403) naming the origin.
 */
export function assertSameOrigin(request: RequestLike, allowedOrigins: readonly string[]): void {
  if (SAFE_METHODS.includes(request.method.toUpperCase())) return;
  const origin = header(request, 'origin');
  if (origin !== undefined) {
    if (allowedOrigins.includes(origin)) return;
    throw new DomainError(
      ErrorCode.CsrfRejected,
      `a ${request.method} request from origin ${origin} may not use the session cookie: only ${allowedOrigins.join(', ')} may (ALLOWED_ORIGINS); nothing was changed`,
    );
  }
  if (header(request, 'sec-fetch-site') === 'same-origin') return;
  throw new DomainError(
    ErrorCode.CsrfRejected,
    `a ${request.method} request authenticated by the session cookie must say where it comes from (an Origin header, or Sec-Fetch-Site: same-origin); nothing was changed`,
  );
}
