import { isServerPath, OUTSIDE_API_PREFIX, SERVER_SEGMENTS } from './server-routes';

describe("the server's own paths, which the web app's fallback leaves alone", () => {
  it.each(OUTSIDE_API_PREFIX.map((route) => `/${route.replace('{*rest}', 'x/y')}`))(
    '%s (a route outside /api) is the server’s',
    (route) => {
      expect(isServerPath(route)).toBe(true);
    },
  );

  it.each([
    '/api',
    '/api/plans',
    '/metrics',
    '/metrics/',
    '/auth/login',
    '/public',
    '/.well-known/aoc-record-keys.json',
  ])('%s is the server’s', (route) => {
    expect(isServerPath(route)).toBe(true);
  });

  it.each(['/', '/tasks/1', '/plans/abc', '/metricsx', '/publications', '/authors'])('%s is the web app’s', (route) => {
    expect(isServerPath(route)).toBe(false);
  });

  it('names each first segment once', () => {
    expect([...SERVER_SEGMENTS].sort()).toEqual(['.well-known', 'api', 'auth', 'metrics', 'public']);
  });
});
