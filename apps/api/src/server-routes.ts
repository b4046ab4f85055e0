/**
 * The routes outside the `/api` prefix: the browser sign-in, Prometheus' /metrics, the public
 * library's pages (/public) and record keys (/.well-known), and the library's JSON, whose
 * controller spells out `api/public` because the pages own `public`.
 */
export const OUTSIDE_API_PREFIX = [
  'metrics',
  'auth/login',
  'auth/callback',
  'auth/logout',
  'public',
  'public/{*rest}',
  '.well-known/{*rest}',
  'api/public/{*rest}',
] as const;

/**
 * The first path segments the server itself answers: `api` and those of OUTSIDE_API_PREFIX
 * (`auth`, `metrics`, `public`, `.well-known`). The web app's fallback never answers under them,
 * so a route added to OUTSIDE_API_PREFIX can't be swallowed by index.html.
 */
export const SERVER_SEGMENTS: readonly string[] = [
  ...new Set(['api', ...OUTSIDE_API_PREFIX.map((route) => route.split('/')[0])]),
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SERVER_PATH = new RegExp(`^/(${SERVER_SEGMENTS.map(escape).join('|')})(/|$)`, 'i');

/** Whether a request path belongs to the server (the API, the sign-in, the metrics, the public library). */
export function isServerPath(requestPath: string): boolean {
  return SERVER_PATH.test(requestPath);
}
