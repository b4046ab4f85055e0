import { OUTSIDE_API_PREFIX } from '../../apps/api/src/server-routes';
import { ApiHarness } from '../support/api-harness';

/**
 * The API process serves what `npm start` serves: the built web app at `/` (jest's global setup
 * builds dist/web as npm start does), and beside it the server's own routes, which its fallback to
 * index.html never answers (issue 19, §2 item 11: /metrics answered with the app's HTML).
 */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const isWebApp = (body: string) => body.includes('<div id="root"></div>');

describe('the web app beside the server’s own routes, as npm start serves them', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const get = async (path: string, accept = BROWSER_ACCEPT) => {
    const response = await fetch(`${h.api.baseUrl}${path}`, { headers: { accept }, redirect: 'manual' });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
  };

  it('serves the built web app at / and at its own routes', async () => {
    for (const path of ['/', '/tasks/0b7f5d7e-0000-4000-8000-000000000000', '/plans']) {
      const page = await get(path);
      expect({ path, status: page.status, type: page.type }).toEqual({
        path,
        status: 200,
        type: expect.stringMatching(/^text\/html/),
      });
      expect(isWebApp(page.body)).toBe(true);
    }
  });

  it('answers /metrics with the Prometheus text, whatever the client accepts', async () => {
    for (const accept of [PROMETHEUS_ACCEPT, BROWSER_ACCEPT, '*/*']) {
      const metrics = await get('/metrics', accept);
      expect({ accept, status: metrics.status, type: metrics.type }).toEqual({
        accept,
        status: 200,
        type: expect.stringMatching(/^text\/plain; version=0\.0\.4/),
      });
      expect(isWebApp(metrics.body)).toBe(false);
    }
  });

  it('never answers a route of the server, or an unknown one under its prefixes, with the web app', async () => {
    const paths = [
      ...OUTSIDE_API_PREFIX.map((route) => `/${route.replace('{*rest}', 'no-such-thing')}`),
      '/metrics/',
      '/api',
      '/api/no-such-route',
      '/auth/no-such-route',
    ];
    for (const path of paths) {
      const answer = await get(path);
      expect({ path, webApp: isWebApp(answer.body) }).toEqual({ path, webApp: false });
    }
    const unknown = await get('/api/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/^application\/json/);
  });

  it('leaves a request that does not accept HTML to the API’s 404', async () => {
    const answer = await get('/no-such-page', 'application/json');
    expect(answer.status).toBe(404);
    expect(isWebApp(answer.body)).toBe(false);
  });
});
