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

  it(`counts ${RATE_LIMIT} requests a minute per signed-in user, whatever the address; answers 429 past them`, async () => {
    // Every request of this file comes from 127.0.0.1, anonymous ones included: a user who has
    // made none yet has its whole budget, as if each user called from an address of its own.
    const probe = await h.api.request('consultee-pt-culture', 'GET', '/plans?pageSize=1');
    expect(probe.status).toBe(200);
    const remaining = Number(probe.headers!.get('x-ratelimit-remaining'));
    expect(remaining).toBe(RATE_LIMIT - 1);
    const within = await Promise.all(
      Array.from({ length: remaining }, () => h.api.request('consultee-pt-culture', 'GET', '/plans?pageSize=1')),
    );
    expect(within.filter((r) => r.status !== 200)).toEqual([]);

    const over = await fetch(`${h.api.baseUrl}/api/plans`, {
      headers: { authorization: `Bearer ${await h.api.token('consultee-pt-culture')}` },
    });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.json()).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/from this user/),
    });
    // Another user at the same address is not held back by it.
    expect((await h.api.request('consultee-pt-education', 'GET', '/plans?pageSize=1')).status).toBe(200);
  });
});

describe('rate limits behind a proxy (TRUST_PROXY): anonymous clients counted by the address it forwards', () => {
  const LIMIT = 12;
  const h = new ApiHarness({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  /** An anonymous GET /api/health through a "proxy" that forwards `forwardedFor`. */
  const health = (base: string, forwardedFor?: string) =>
    fetch(`${base}/api/health`, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

  /** Sends anonymous requests until one is refused; how many passed (at most LIMIT + 1 tries). */
  async function passedBeforeRefusal(base: string, forwardedFor: (i: number) => string | undefined): Promise<number> {
    for (let i = 0; i <= LIMIT; i++) {
      const answer = await health(base, forwardedFor(i));
      if (answer.status === 429) {
        expect(await answer.json()).toMatchObject({ message: expect.stringMatching(/from this address/) });
        return i;
      }
      expect(answer.status).toBe(200);
    }
    return LIMIT + 1;
  }

  it('trusts the listed proxies (loopback): each forwarded address has a budget of its own', async () => {
    const api = await h.startExtraApi({ TRUST_PROXY: 'loopback' });
    expect(await passedBeforeRefusal(api.baseUrl, () => '203.0.113.7')).toBe(LIMIT);
    // Another client behind the same proxy still passes; so does a signed-in user.
    expect((await health(api.baseUrl, '203.0.113.8')).status).toBe(200);
    expect((await api.request('submitter-pt', 'GET', '/plans?pageSize=1')).status).toBe(200);
  });

  it('with a hop count, takes the address the nearest proxy saw, not what the client claims before it', async () => {
    const api = await h.startExtraApi({ TRUST_PROXY: '1' });
    // The client writes any X-Forwarded-For it likes; the proxy appends the address it saw.
    expect(await passedBeforeRefusal(api.baseUrl, (i) => `198.51.100.${i + 1}, 203.0.113.9`)).toBe(LIMIT);
    expect((await health(api.baseUrl, '203.0.113.10')).status).toBe(200);
  });

  it('trusts no proxy when TRUST_PROXY is unset: a forged X-Forwarded-For does not escape the limit', async () => {
    const api = await h.startExtraApi({ TRUST_PROXY: '' });
    const probe = await health(api.baseUrl);
    const remaining = Number(probe.headers.get('x-ratelimit-remaining'));
    expect(remaining).toBeLessThan(LIMIT);
    expect(await passedBeforeRefusal(api.baseUrl, (i) => `203.0.113.${100 + i}`)).toBe(remaining);
  });
});
