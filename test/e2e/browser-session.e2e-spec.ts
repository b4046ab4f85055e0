import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { nationalPlan } from '@aoc/demo/demo-plans';
import type { Actor } from '@aoc/domain/actor';
import { findDevProvider } from '../../infra/identity/dev-login';
import { ManagedProcess } from '../../infra/support/managed-process';
import { findFreePort } from '../../infra/support/network-ports';
import { waitUntil } from '@aoc/support/wait-until';
import { ApiHarness } from '../support/api-harness';
import { openTestDatabase } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');
/** The web app's dev server: the one origin besides the API's own that may use the session (ALLOWED_ORIGINS). */
const WEB_DEV_ORIGIN = 'http://localhost:5173';

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

/**
 * A browser's cookie jar, as far as these tests need one: cookies are kept per name and path,
 * sent to every port of the host (as browsers do), and removed by Max-Age=0 or a past Expires.
 * `set` records each Set-Cookie header as it came, for the tests on its attributes.
 */
class Browser {
  private readonly cookies = new Map<string, StoredCookie>();
  readonly set: string[] = [];

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.cookies.values()]
      .filter(
        (c) => target.pathname === c.path || target.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      this.set.push(header);
      const [pair, ...attributes] = header.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute('path') ?? '/';
      const maxAge = attribute('max-age');
      const expires = attribute('expires');
      const gone =
        (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value: pair.slice(eq + 1), path });
    }
    return response;
  }

  get(name: string): string | undefined {
    return [...this.cookies.values()].find((c) => c.name === name)?.value;
  }

  put(name: string, value: string): void {
    this.cookies.set(`${name};/`, { name, value, path: '/' });
  }
}

const locationOf = (response: Response, from: string | URL): URL => {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(`${from} answered ${response.status}, not a redirect`);
  }
  return new URL(location, from);
};

/**
 * Browser sign-in (the backend-for-frontend pattern) against the development identity provider,
 * in a process of its own as `npm start` runs it, over HTTP alone: GET /auth/login, the provider's
 * sign-in page where a demo user is picked, back to /auth/callback, and the session cookie.
 */
describe('browser sessions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aoc-idp-'));
  let provider: ManagedProcess;
  let issuer: string;
  let api: string;
  let h: ApiHarness;
  let db: DataSource;

  beforeAll(async () => {
    const [idpPort, apiPort] = [await findFreePort(), await findFreePort()];
    issuer = `http://127.0.0.1:${idpPort}`;
    api = `http://127.0.0.1:${apiPort}`;
    provider = ManagedProcess.start({
      name: 'identity',
      command: process.execPath,
      args: [join(ROOT, 'dist/infra/identity/dev-provider.js')],
      // PORT: the provider registers the API's redirect URI, PUBLIC_URL/auth/callback, from it.
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(apiPort),
        DEV_IDP_PORT: String(idpPort),
        DEV_IDP_DATA_DIR: dataDir,
      },
      cwd: ROOT,
      output: 'quiet',
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 10_000,
    });
    await waitUntil(async () => ((await findDevProvider(issuer)) ? true : undefined), {
      description: 'the development identity provider',
      timeoutMs: 60_000,
      giveUpIf: () => (provider.isRunning ? undefined : provider.recentOutput()),
    });
    h = await new ApiHarness({
      OIDC_ISSUER_URL: issuer,
      PORT: String(apiPort),
      ALLOWED_ORIGINS: WEB_DEV_ORIGIN,
    }).start();
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
    await h?.stop();
    await provider?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts a sign-in: the browser and the provider's authorization URL /auth/login sent it to. */
  async function startSignIn(returnTo?: string): Promise<{ browser: Browser; authorize: URL }> {
    const browser = new Browser();
    const login = `${api}/auth/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`;
    const response = await browser.fetch(login);
    expect(response.status).toBe(302);
    return { browser, authorize: locationOf(response, login) };
  }

  /** Signs `user` in through the provider's real pages; returns the browser and the callback's answer. */
  async function signIn(user: string, returnTo?: string): Promise<{ browser: Browser; callback: Response }> {
    const { browser, authorize } = await startSignIn(returnTo);
    let url = authorize;
    let response = await browser.fetch(url);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 5) throw new Error('too many redirects before the sign-in page');
      url = locationOf(response, url);
      response = await browser.fetch(url);
    }
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain(`value="${user}"`);
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(page)![1], url);
    response = await browser.fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user }).toString(),
    });
    url = locationOf(response, action);
    for (let hops = 0; !url.href.startsWith(`${api}/auth/callback`); hops++) {
      if (hops > 5) throw new Error(`the provider did not send the browser back to the API (last: ${url.href})`);
      url = locationOf(await browser.fetch(url), url);
    }
    return { browser, callback: await browser.fetch(url) };
  }

  /** A request of the browser to the API, with its cookies. */
  async function call(browser: Browser, method: string, path: string, body?: unknown, headers = {}) {
    const response = await browser.fetch(`${api}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  }

  const sessionCookieOf = (browser: Browser) => browser.set.find((c) => c.startsWith('aoc_session='));

  it('sends the browser to the provider with PKCE S256, state and nonce, as the public client', async () => {
    const { browser, authorize } = await startSignIn('/plans');
    expect(authorize.origin).toBe(issuer);
    const params = authorize.searchParams;
    expect(Object.fromEntries(params)).toMatchObject({
      client_id: 'aoc-web',
      response_type: 'code',
      redirect_uri: `${api}/auth/callback`,
      code_challenge_method: 'S256',
      scope: 'openid profile email',
    });
    for (const name of ['code_challenge', 'state', 'nonce']) expect(params.get(name)).toMatch(/^[\w-]{43}$/);
    // The sign-in in progress is kept in a short-lived HttpOnly cookie of the callback's path.
    const login = browser.set.find((c) => c.startsWith(`aoc_login_${params.get('state')}=`));
    expect(login).toMatch(/Path=\/auth\/callback/);
    expect(login).toMatch(/HttpOnly/);
    expect(login).toMatch(/SameSite=Lax/);
    expect(login).toMatch(/Max-Age=600/);
  });

  it('signs a user in through the real code flow, and the session cookie authenticates the API', async () => {
    const { browser, callback } = await signIn('submitter-pt', '/plans?status=DRAFT');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/plans?status=DRAFT');
    const cookie = sessionCookieOf(browser)!;
    expect(cookie).toMatch(/^aoc_session=[\w-]{43};/);
    expect(cookie).toMatch(/Path=\/(;|$)/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // only in production
    // Only a hash of the session id is stored.
    const id = browser.get('aoc_session')!;
    const stored: { id_hash: string; sub: string }[] = await db.query(
      `SELECT "id_hash", "sub" FROM "sessions" WHERE "sub" = 'submitter-pt'`,
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((s) => s.id_hash)).not.toContain(id);

    const me = await call(browser, 'GET', '/api/me');
    expect(me).toMatchObject({
      status: 200,
      body: {
        sub: 'submitter-pt',
        name: 'submitter-pt',
        email: 'submitter-pt@example.org',
        roles: ['submitter'],
        country: 'PT',
        body: null,
        authenticatedBy: 'session',
        capabilities: {
          canSubmitPlans: true,
          canReviewTasks: false,
          taskTypes: ['disposition'],
          canComment: false,
          canModerateComments: false,
          isAdmin: false,
        },
      },
    });
    const expiresAt = Date.parse(String(me.body.sessionExpiresAt));
    expect(expiresAt - Date.now()).toBeGreaterThan(7.9 * 3600_000); // SESSION_TTL's default, 8h
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(8 * 3600_000);

    expect((await call(browser, 'GET', '/api/plans')).status).toBe(200);
    const created = await call(browser, 'POST', '/api/plans', nationalPlan(), { origin: api });
    expect(created.status).toBe(201);
    expect(created.body.createdBy).toBe('submitter-pt');
    const fromDevServer = await call(browser, 'POST', '/api/plans', nationalPlan(), { origin: WEB_DEV_ORIGIN });
    expect(fromDevServer.status).toBe(201);
    // A browser that sends no Origin says where the request comes from in Sec-Fetch-Site.
    const sameSite = await call(browser, 'POST', '/api/plans', nationalPlan(), { 'sec-fetch-site': 'same-origin' });
    expect(sameSite.status).toBe(201);

    // The signed-in user is in the users directory, as a bearer token's is.
    const users = await h.api.request<{ id: string; email: string | null }[]>('admin-ops', 'GET', '/users');
    expect(users.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'submitter-pt', email: 'submitter-pt@example.org' })]),
    );
  });

  it('maps the claims as it does for bearer tokens: roles and scope agree, and so do the capabilities', async () => {
    const { browser } = await signIn('consultee-pt-education');
    const bySession = await call(browser, 'GET', '/api/me');
    const byBearer = await h.api.request('consultee-pt-education', 'GET', '/me');
    expect(bySession.status).toBe(200);
    expect(byBearer.status).toBe(200);
    expect(bySession.body).toMatchObject({
      roles: ['consultee'],
      country: 'PT',
      body: 'ministry-education',
      capabilities: { canReviewTasks: true, taskTypes: ['consultation'], canSubmitPlans: false },
    });
    expect(byBearer.body).toMatchObject({ authenticatedBy: 'bearer', sessionExpiresAt: null });
    const { authenticatedBy: _s, sessionExpiresAt: _e, name: _n, email: _m, ...sessionView } = bySession.body;
    const { authenticatedBy: _b, sessionExpiresAt: _x, name: _o, email: _p, ...bearerView } = byBearer.body;
    expect(sessionView).toEqual(bearerView);
  });

  it('refuses a cookie POST from another origin with 403 CSRF_REJECTED, and applies nothing', async () => {
    const { browser } = await signIn('submitter-pt');
    const title = `CSRF probe ${Date.now()}`;
    const count = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM "plans" WHERE "title" = $1`, [title]))[0].n as number;

    const evil = await call(
      browser,
      'POST',
      '/api/plans',
      { ...nationalPlan(), title },
      { origin: 'https://evil.example' },
    );
    expect(evil).toMatchObject({ status: 403, body: { code: 'CSRF_REJECTED' } });
    expect(evil.body.message).toMatch(/origin https:\/\/evil\.example may not use the session cookie/);
    const silent = await call(
      browser,
      'POST',
      '/api/plans',
      { ...nationalPlan(), title },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(silent).toMatchObject({ status: 403, body: { code: 'CSRF_REJECTED' } });
    expect(await count()).toBe(0);

    // Reads are not state-changing: the cookie works for them from anywhere (SameSite=Lax is their guard).
    expect((await call(browser, 'GET', '/api/me', undefined, { origin: 'https://evil.example' })).status).toBe(200);
    // Bearer requests are not affected: a browser never adds a bearer token by itself.
    const bearer = await h.api.request(
      'submitter-pt',
      'POST',
      '/plans',
      { ...nationalPlan(), title },
      {
        origin: 'https://evil.example',
      },
    );
    expect(bearer.status).toBe(201);
    expect(await count()).toBe(1);
  });

  it('refuses an unknown, tampered or expired session cookie with 401, saying why', async () => {
    const { browser } = await signIn('gof-es');
    expect((await call(browser, 'GET', '/api/me')).status).toBe(200);
    const id = browser.get('aoc_session')!;

    const forged = new Browser();
    forged.put('aoc_session', `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`);
    const tampered = await call(forged, 'GET', '/api/me');
    expect(tampered).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(tampered.body.message).toMatch(/session has expired or was ended.*sign in again at \/auth\/login/);
    forged.put('aoc_session', 'not-a-session');
    expect((await call(forged, 'GET', '/api/gof-seats')).status).toBe(401);
    expect((await call(new Browser(), 'GET', '/api/me')).body.message).toMatch(/Authorization: Bearer.*\/auth\/login/);

    await db.query(`UPDATE "sessions" SET "expires_at" = now() - interval '1 second' WHERE "sub" = 'gof-es'`);
    expect(await call(browser, 'GET', '/api/me')).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });

  it('logs out: the session is deleted and its cookie no longer works', async () => {
    const { browser } = await signIn('secretariat-anna');
    const id = browser.get('aoc_session')!;
    // A cross-site logout is refused too, and leaves the session alone.
    const evil = await call(browser, 'POST', '/auth/logout', undefined, { origin: 'https://evil.example' });
    expect(evil).toMatchObject({ status: 403, body: { code: 'CSRF_REJECTED' } });
    expect((await call(browser, 'GET', '/api/me')).status).toBe(200);

    const response = await browser.fetch(`${api}/auth/logout`, { method: 'POST', headers: { origin: api } });
    expect(response.status).toBe(204);
    expect(response.headers.get('x-end-session-url')).toMatch(new RegExp(`^${issuer}/`));
    expect(browser.set.at(-1)).toMatch(/^aoc_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(browser.get('aoc_session')).toBeUndefined();

    const replayed = new Browser();
    replayed.put('aoc_session', id);
    expect(await call(replayed, 'GET', '/api/me')).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    // Logging out again, or without a session, is fine.
    expect((await replayed.fetch(`${api}/auth/logout`, { method: 'POST', headers: { origin: api } })).status).toBe(204);
  });

  it.each([
    ['a scheme-relative URL', '//evil.example/phish'],
    ['an absolute URL', 'https://evil.example/phish'],
    ['a backslash path', '/\\evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
  ])('never redirects off the site after sign-in: %s gives /', async (_what, returnTo) => {
    const { callback } = await signIn('cso-youth-network', returnTo);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
  });

  it("answers the provider's refusal, a bad state or an unknown sign-in with 400 SIGN_IN_FAILED, not 500", async () => {
    const { browser, authorize } = await startSignIn('/plans');
    const state = authorize.searchParams.get('state')!;
    const refused = await browser.fetch(
      `${api}/auth/callback?${new URLSearchParams({ error: 'access_denied', error_description: 'the user said no', state, iss: issuer })}`,
      { headers: { accept: 'application/json' } },
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: 'SIGN_IN_FAILED',
      message: expect.stringMatching(/access_denied: the user said no/),
    });

    const again = await startSignIn('/plans');
    const altered = await again.browser.fetch(
      `${api}/auth/callback?${new URLSearchParams({ code: 'x', state: 'A'.repeat(43), iss: issuer })}`,
      { headers: { accept: 'text/html' } },
    );
    expect(altered.status).toBe(400);
    const page = await altered.text();
    expect(page).toContain('Sign-in failed');
    expect(page).toContain('no sign-in is in progress');
    expect(page).toContain('href="/auth/login"');

    const noState = await fetch(`${api}/auth/callback?code=abc`, { redirect: 'manual' });
    expect(noState.status).toBe(400);
    expect(((await noState.json()) as { code: string }).code).toBe('SIGN_IN_FAILED');
  });

  it('documents GET /api/me with its response type, and POST /auth/logout outside /api', async () => {
    const spec = await h.api.expect<{
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>(200, null, 'GET', '/docs-json');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/me', '/auth/logout']));
    // The pages a browser navigates to (302s) are not API operations.
    expect(
      Object.keys(spec.paths).filter((p) => p.startsWith('/api/auth') || /^\/auth\/(login|callback)/.test(p)),
    ).toEqual([]);
    expect(JSON.stringify(spec.paths['/api/me'].get.responses['200'].content)).toContain(
      '#/components/schemas/MeResponse',
    );
    expect(Object.keys(spec.components.schemas.MeResponse.properties)).toEqual(
      expect.arrayContaining(['sub', 'roles', 'country', 'authenticatedBy', 'capabilities']),
    );
    expect(Object.keys(spec.paths['/auth/logout'].post.responses)).toContain('204');
  });

  describe("reassignment (DOMAIN §5): only to a user of the directory with the task's role and scope", () => {
    const known = (actor: Actor) => h.api.expect(200, actor, 'GET', '/gof-seats');
    const delegate: Actor = {
      sub: 'bff-consultee-pt-education',
      roles: ['consultee'],
      country: 'PT',
      body: 'ministry-education',
    };
    const otherBody: Actor = {
      sub: 'bff-consultee-pt-culture',
      roles: ['consultee'],
      country: 'PT',
      body: 'ministry-culture',
    };
    const otherRole: Actor = { sub: 'bff-cso', roles: ['cso'], org: 'youth-network' };
    let planId: string;
    let taskId: string;

    beforeAll(async () => {
      for (const actor of [delegate, otherBody, otherRole]) await known(actor);
      ({ id: planId } = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan()));
      await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${planId}/submit`);
      [{ id: taskId }] = await h.api.waitForTasks('consultee-pt-education', planId, 1, 'NATIONAL_CONSULTATION');
    });
    afterAll(async () => {
      if (planId) await h.api.request('admin-ops', 'POST', `/plans/${planId}/cancel`, { reason: 'Test over.' });
    });

    const reassign = (assignee: string) =>
      h.api.request('admin-ops', 'POST', `/tasks/${taskId}/reassign`, { assignee });

    it.each([
      ['a user the directory does not know', 'nobody-ever-seen', /nobody-ever-seen is not in the users directory/],
      ['a user without the role', otherRole.sub, /bff-cso does not hold the role consultee/],
      [
        'a user of another body',
        otherBody.sub,
        /is for the body ministry-education, and bff-consultee-pt-culture is not/,
      ],
      ["the plan's submitter", 'submitter-pt', /the plan's submitter \(segregation of duties\)/],
    ])('refuses %s with 400 ASSIGNEE_NOT_ELIGIBLE naming what is wrong', async (_what, assignee, why) => {
      const response = await reassign(assignee);
      expect(response).toMatchObject({ status: 400, body: { code: 'ASSIGNEE_NOT_ELIGIBLE' } });
      expect((response.body as { message: string }).message).toMatch(why);
    });

    it('gives the task to a user with its role and scope, who may then decide it', async () => {
      const response = await reassign(delegate.sub);
      expect(response).toMatchObject({ status: 200, body: { assignee: delegate.sub } });
      const events = await h.api.timeline<{ type: string; payload: { to?: string } }>('admin-ops', planId);
      expect(events).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'TASK_REASSIGNED', payload: expect.objectContaining({ to: delegate.sub }) }),
        ]),
      );
      expect((await h.api.request(delegate, 'POST', `/tasks/${taskId}/claim`)).status).toBe(200);
    });
  });

  // Last: it stops the provider.
  it('answers 503, not 500, when the provider cannot be reached to exchange the code', async () => {
    const signedIn = (await signIn('gof-tr')).browser;
    const { browser, authorize } = await startSignIn('/plans');
    const state = authorize.searchParams.get('state')!;
    await provider.stop();
    const response = await browser.fetch(
      `${api}/auth/callback?${new URLSearchParams({ code: 'some-code', state, iss: issuer })}`,
      { headers: { accept: 'application/json' } },
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/identity provider could not be reached.*retry shortly/),
    });
    // Sessions do not need the provider once signed in.
    expect(await call(signedIn, 'GET', '/api/me')).toMatchObject({ status: 200, body: { sub: 'gof-tr' } });
  });
});
