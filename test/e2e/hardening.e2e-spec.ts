import { generateKeyPairSync } from 'node:crypto';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { SignJWT, UnsecuredJWT } from 'jose';
import { signToken } from '@aoc/auth/jwt';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import type { Actor } from '@aoc/domain/actor';
import { ApiHarness } from '../support/api-harness';

const AUTH_FAILURE_LIMIT = 5;
const RATE_LIMIT = 300;

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Tokens the API must refuse, each for another reason: signToken makes none of them. */
async function badTokens(): Promise<Record<string, string>> {
  const admin: Actor = { sub: 'intruder', roles: ['admin'] };
  const now = Math.floor(Date.now() / 1000);
  const secret = new TextEncoder().encode(DEV_JWT_SECRET);
  const hs256 = (claims: Record<string, unknown>) =>
    new SignJWT({ ...admin, ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
  return {
    forged: await signToken(admin, 'another-secret-of-sixteen+ chars'),
    expired: await hs256({ iat: now - 3600, exp: now - 60 }),
    'not valid yet (nbf)': await hs256({ iat: now, nbf: now + 3600, exp: now + 7200 }),
    'unsigned (alg none)': new UnsecuredJWT({ ...admin, exp: now + 60 }).encode(),
    'signed RS256': await new SignJWT({ ...admin, exp: now + 60 })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
  };
}

describe('API hardening: health details for admins only, rate limits, listening on loopback', () => {
  // Limits low enough to reach in a test; everything else as configured for the e2e runs.
  const h = new ApiHarness({
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    AUTH_FAILURE_LIMIT_PER_MINUTE: String(AUTH_FAILURE_LIMIT),
  });
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('health is public, but shows its checks only to an admin', async () => {
    const anonymous = await h.api.request(null, 'GET', '/health');
    expect(anonymous).toEqual({ status: 200, body: { status: 'ok' } });
    const submitter = await h.api.request('submitter-pt', 'GET', '/health');
    expect(submitter).toEqual({ status: 200, body: { status: 'ok' } });
    const badToken = await h.api.request(null, 'GET', '/health', undefined, { authorization: 'Bearer not.a.token' });
    expect(badToken).toEqual({ status: 200, body: { status: 'ok' } });

    const admin = await h.api.expect<{ status: string; checks: Record<string, { status: string }> }>(
      200,
      'admin-ops',
      'GET',
      '/health',
    );
    expect(admin).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, temporal: { status: 'up' } } });
  });

  it('listens on the loopback interface only (HOST defaults to 127.0.0.1 outside production)', async () => {
    const port = Number(new URL(h.api.baseUrl).port);
    expect(await accepts('127.0.0.1', port)).toBe(true);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    // A machine with no other interface cannot show the difference; CI machines have one.
    if (external) expect(await accepts(external, port)).toBe(false);
  });

  it(`answers 429 with Retry-After after ${AUTH_FAILURE_LIMIT} requests failing authentication in a minute`, async () => {
    const bad = await badTokens();
    expect(Object.keys(bad)).toHaveLength(AUTH_FAILURE_LIMIT);
    const answers: Record<string, unknown> = {};
    for (const [why, token] of Object.entries(bad)) {
      const { status, body } = await h.api.request(null, 'GET', '/plans', undefined, {
        authorization: `Bearer ${token}`,
      });
      answers[why] = { status, code: (body as { code?: unknown }).code };
    }
    const refusedAll = Object.fromEntries(
      Object.keys(bad).map((why) => [why, { status: 401, code: 'UNAUTHENTICATED' }]),
    );
    expect(answers).toEqual(refusedAll);
    const forged = bad.forged;

    const refused = await fetch(`${h.api.baseUrl}/api/plans`, { headers: { authorization: `Bearer ${forged}` } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/valid token or session/),
    });
    expect((await h.api.request(null, 'GET', '/plans')).status).toBe(429);

    // Valid tokens and the public health check are not failures: they still pass.
    expect((await h.api.request('submitter-pt', 'GET', '/plans')).status).toBe(200);
    expect((await h.api.request(null, 'GET', '/health')).status).toBe(200);
  });

  it(`answers 429 with Retry-After past ${RATE_LIMIT} requests a minute from one client`, async () => {
    const probe = await fetch(`${h.api.baseUrl}/api/health`);
    const remaining = Number(probe.headers.get('x-ratelimit-remaining'));
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThan(RATE_LIMIT);
    const within = await Promise.all(
      Array.from({ length: remaining }, () => h.api.request('submitter-pt', 'GET', '/plans?pageSize=1')),
    );
    expect(within.filter((r) => r.status !== 200)).toEqual([]);

    const over = await fetch(`${h.api.baseUrl}/api/plans`, {
      headers: { authorization: `Bearer ${await h.api.token('submitter-pt')}` },
    });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});
