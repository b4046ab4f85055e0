/**
 * Smoke test of a running system (`npm start`): the API is healthy, the web app is served and
 * its sign-in redirects to the identity provider, a submitter can create a national plan and
 * submit it for review.
 *
 *   node dist/infra/smoke/smoke-test.js [--after-restart] [API base URL, default http://127.0.0.1:$PORT/api]
 *
 * The first run leaves its plan waiting in national consultation and notes its id in
 * `.data/smoke-plan.json`. Run again with `--after-restart` once `npm start` has been stopped
 * and started again: the plan must still be there, and its workflow must still be waiting for
 * the consultee, who now answers, moving the plan on to civil society comment.
 *
 * Exits 0 when every call answered the expected status, 1 otherwise, printing
 * each call and, on a failure, the body that came back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signToken } from '@aoc/auth/jwt';
import type { Actor } from '@aoc/domain/actor';
import { loadConfig } from '@aoc/config/config.schema';
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from '../support/progress-reporter';
import { dataDir } from '../support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';

const reporter = new ProgressReporter('smoke');

interface ApiCall {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  path: string;
  body?: unknown;
  expectedStatus: number;
}

class UnexpectedResponseError extends Error {}

function draftNationalPlan(): Record<string, unknown> {
  const field = { objectives: ['Smoke-test objective'], actions: [] };
  return {
    kind: 'national_plan',
    title: `Smoke test plan ${new Date().toISOString()}`,
    summary: 'Created by infra/smoke/smoke-test.ts',
    country: 'PT',
    partners: [],
    consultees: { PT: ['ministry-education'] },
    fields: { education: field, media: field, youth: field, migration: field },
    priorityTopics: ['intercultural dialogue'],
  };
}

async function call(baseUrl: string, token: string, request: ApiCall): Promise<unknown> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...request.headers },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const line = `${request.method} ${request.path} -> ${response.status}`;
  if (response.status !== request.expectedStatus) {
    throw new UnexpectedResponseError(`${line}, expected ${request.expectedStatus}; body: ${text}`);
  }
  reporter.success(line);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

function idOf(created: unknown): string {
  const id = (created as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string')
    throw new UnexpectedResponseError(`POST /plans answered no "id": ${JSON.stringify(created)}`);
  return id;
}

const PLAN_FILE = path.join(dataDir(), 'smoke-plan.json');

async function waitForStatus(baseUrl: string, token: string, planId: string, wanted: string): Promise<void> {
  await waitUntil(
    async () => {
      const plan = (await call(baseUrl, token, { method: 'GET', path: `/plans/${planId}`, expectedStatus: 200 })) as {
        status: string;
      };
      return plan.status === wanted ? plan.status : undefined;
    },
    { description: `plan ${planId} to be ${wanted}`, timeoutMs: 120_000, intervalMs: 1_000 },
  );
  reporter.success(`plan ${planId} is ${wanted}`);
}

/**
 * The web app is served at `/` beside the API (one origin), and its sign-in sends the browser on
 * to the identity provider that `npm start` runs (a redirect, not an error page).
 */
async function webAppServed(baseUrl: string): Promise<void> {
  const origin = new URL(baseUrl).origin;
  const page = await fetch(`${origin}/inbox`, { signal: AbortSignal.timeout(30_000) });
  const html = await page.text();
  if (page.status !== 200 || !page.headers.get('content-type')?.includes('text/html') || !html.includes('id="root"')) {
    throw new UnexpectedResponseError(
      `GET /inbox -> ${page.status}, expected the web app's page; body: ${html.slice(0, 300)}`,
    );
  }
  reporter.success('GET /inbox -> 200 (the web app)');
  const login = await fetch(`${origin}/auth/login?returnTo=/inbox`, {
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  const location = login.headers.get('location') ?? '';
  if (login.status !== 302 || !/[?&]code_challenge=/.test(location)) {
    throw new UnexpectedResponseError(
      `GET /auth/login -> ${login.status} (${location || 'no Location'}), expected a redirect to the identity provider with PKCE`,
    );
  }
  reporter.success(`GET /auth/login -> 302 to ${new URL(location).origin} (sign-in with PKCE)`);
}

/** Creates and submits a plan; the workflow's projection of its status proves the worker runs. */
async function firstRun(baseUrl: string, submitter: string): Promise<void> {
  await call(baseUrl, submitter, { method: 'GET', path: '/health', expectedStatus: 200 });
  await webAppServed(baseUrl);
  const planId = idOf(
    await call(baseUrl, submitter, { method: 'POST', path: '/plans', body: draftNationalPlan(), expectedStatus: 201 }),
  );
  await call(baseUrl, submitter, { method: 'POST', path: `/plans/${planId}/submit`, expectedStatus: 202 });
  await waitForStatus(baseUrl, submitter, planId, 'NATIONAL_CONSULTATION');
  writeFileSync(PLAN_FILE, JSON.stringify({ planId }));
}

/** After a restart: the plan and its waiting workflow survived, and the review goes on. */
async function afterRestart(baseUrl: string, submitter: string, consultee: string): Promise<void> {
  const { planId } = JSON.parse(readFileSync(PLAN_FILE, 'utf8')) as { planId: string };
  await call(baseUrl, submitter, { method: 'GET', path: '/health', expectedStatus: 200 });
  await waitForStatus(baseUrl, submitter, planId, 'NATIONAL_CONSULTATION');
  const inbox = (await call(baseUrl, consultee, {
    method: 'GET',
    path: `/tasks?planId=${planId}`,
    expectedStatus: 200,
  })) as { items: { id: string }[] };
  if (inbox.items.length !== 1) throw new UnexpectedResponseError(`expected 1 open task, found ${inbox.items.length}`);
  await call(baseUrl, consultee, {
    method: 'POST',
    path: `/tasks/${inbox.items[0].id}/complete`,
    body: { decision: 'support' },
    headers: { 'Idempotency-Key': `smoke-${planId}` },
    expectedStatus: 200,
  });
  await waitForStatus(baseUrl, submitter, planId, 'CIVIL_SOCIETY_COMMENT');
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const args = process.argv.slice(2);
  const again = args.includes('--after-restart');
  const baseUrl = args.find((a) => !a.startsWith('--')) ?? `http://127.0.0.1:${config.port}/api`;
  const sign = (actor: Actor) => signToken(actor, config.auth.jwtSecret);
  const submitter = await sign({ sub: 'smoke-submitter', roles: ['submitter'], country: 'PT' });
  const consultee = await sign({
    sub: 'smoke-consultee',
    roles: ['consultee'],
    country: 'PT',
    body: 'ministry-education',
  });
  if (again) await afterRestart(baseUrl, submitter, consultee);
  else await firstRun(baseUrl, submitter);
}

main().catch((error: unknown) => {
  reporter.error(errorMessage(error));
  process.exitCode = 1;
});
