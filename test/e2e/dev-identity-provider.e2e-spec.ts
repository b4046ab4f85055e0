import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ManagedProcess } from '../../infra/support/managed-process';
import { findFreePort } from '../../infra/support/network-ports';
import { waitUntil } from '@aoc/support/wait-until';
import { devProviderLogin, findDevProvider } from '../../infra/identity/dev-login';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI } from '../../infra/identity/dev-provider-config';
import { ApiHarness } from '../support/api-harness';

const ROOT = join(__dirname, '..', '..');

/** Runs a built script to its end, with its output. */
function run(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/**
 * The development identity provider (oidc-provider, in a process of its own as `npm start` runs
 * it) and the API trusting it: tokens come from the real authorization code flow with PKCE.
 */
describe('the development identity provider', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aoc-idp-'));
  let provider: ManagedProcess;
  let issuer: string;
  let h: ApiHarness;

  beforeAll(async () => {
    const port = await findFreePort();
    issuer = `http://127.0.0.1:${port}`;
    provider = ManagedProcess.start({
      name: 'identity',
      command: process.execPath,
      args: [join(ROOT, 'dist/infra/identity/dev-provider.js')],
      env: { ...process.env, NODE_ENV: 'test', DEV_IDP_PORT: String(port), DEV_IDP_DATA_DIR: dataDir },
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
    h = await new ApiHarness({ OIDC_ISSUER_URL: issuer }).start();
  });
  afterAll(async () => {
    await h?.stop();
    await provider?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (token: string, path: string) =>
    h.api.request(null, 'GET', path, undefined, { authorization: `Bearer ${token}` });

  it('serves discovery and a JWKS of RS256 and ES256 keys, with PKCE S256', async () => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery).toMatchObject({ issuer, code_challenge_methods_supported: ['S256'] });
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as { keys: { alg: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true); // public keys only
  });

  it('lists the demo users on its sign-in page, which says it is for development only', async () => {
    const authorize = `${issuer}/auth?${new URLSearchParams({
      client_id: CLI_CLIENT_ID,
      response_type: 'code',
      redirect_uri: CLI_REDIRECT_URI,
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGjSstw-cM',
      code_challenge_method: 'S256',
    })}`;
    const first = await fetch(authorize, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const page = await fetch(new URL(first.headers.get('location')!, issuer), {
      headers: {
        cookie: first.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      },
    });
    const html = await page.text();
    expect(html).toContain('Development only');
    for (const user of ['submitter-pt', 'gof-unesco', 'admin-ops']) expect(html).toContain(`value="${user}"`);
    expect(html).not.toMatch(/type="password"/);
  });

  it('refuses an authorization request without PKCE', async () => {
    const response = await fetch(
      `${issuer}/auth?${new URLSearchParams({ client_id: CLI_CLIENT_ID, response_type: 'code', redirect_uri: CLI_REDIRECT_URI, scope: 'openid' })}`,
      { redirect: 'manual' },
    );
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('signs a demo user in with the code flow; the API accepts the RS256 token and records the user', async () => {
    const discovery = (await findDevProvider(issuer))!;
    const admin = await devProviderLogin(discovery, 'admin-ops');
    expect(decodeProtectedHeader(admin.accessToken).alg).toBe('RS256');
    expect(decodeJwt(admin.accessToken)).toMatchObject({
      iss: issuer,
      aud: 'aoc-plan-approval',
      sub: 'admin-ops',
      realm_access: { roles: ['admin'] },
    });
    const consultee = await devProviderLogin(discovery, 'consultee-pt-education');
    expect((await call(consultee.accessToken, '/gof-seats')).status).toBe(200);
    expect((await call(consultee.accessToken, '/users')).status).toBe(403);

    const users = await call(admin.accessToken, '/users');
    expect(users.status).toBe(200);
    expect(users.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'consultee-pt-education',
          email: 'consultee-pt-education@example.org',
          roles: ['consultee'],
          country: 'PT',
          body: 'ministry-education',
        }),
        expect.objectContaining({ id: 'admin-ops', roles: ['admin'] }),
      ]),
    );
  });

  it('`npm run token` gets a real token from it, and falls back to HS256 where it does not run', async () => {
    const real = await run('dist/infra/identity/mint-token.js', ['gof-es'], {
      OIDC_ISSUER_URL: issuer,
      NODE_ENV: 'test',
    });
    expect(real.code).toBe(0);
    expect(decodeProtectedHeader(real.out.trim()).alg).toBe('RS256');
    expect((await call(real.out.trim(), '/gof-seats')).status).toBe(200);

    const unused = await findFreePort();
    const fallback = await run('dist/infra/identity/mint-token.js', ['gof-es'], {
      OIDC_ISSUER_URL: undefined,
      DEV_IDP_PORT: String(unused),
      NODE_ENV: 'test',
    });
    expect(fallback.code).toBe(0);
    expect(fallback.err).toContain('no development identity provider');
    expect(decodeProtectedHeader(fallback.out.trim()).alg).toBe('HS256');
  });

  it('refuses to start in production', async () => {
    const ran = await run('dist/infra/identity/dev-provider.js', [], { NODE_ENV: 'production', DEV_IDP_PORT: '1' });
    expect(ran.code).toBe(1);
    expect(ran.out).toContain('does not run with NODE_ENV=production');
  });
});
