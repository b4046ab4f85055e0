/**
 * Smoke test of a running system (`npm start`): the API is healthy, a
 * submitter can create a national plan and submit it for review.
 *
 *   node dist/infra/smoke/smoke-test.js [API base URL, default http://127.0.0.1:$PORT/api]
 *
 * Exits 0 when every call answered the expected status, 1 otherwise, printing
 * each call and, on a failure, the body that came back.
 */
import { signToken } from '../../libs/auth/src/jwt';
import { loadConfig } from '../../libs/config/src/config.schema';
import { errorMessage, ProgressReporter } from '../support/progress-reporter';
import { waitUntil } from '../support/wait-until';

const reporter = new ProgressReporter('smoke');

interface ApiCall {
  method: 'GET' | 'POST';
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
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
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

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const baseUrl = process.argv[2] ?? `http://127.0.0.1:${config.port}/api`;
  const token = signToken({ sub: 'smoke-submitter', roles: ['submitter'], country: 'PT' }, config.auth.jwtSecret);

  await call(baseUrl, token, { method: 'GET', path: '/health', expectedStatus: 200 });
  const planId = idOf(
    await call(baseUrl, token, { method: 'POST', path: '/plans', body: draftNationalPlan(), expectedStatus: 201 }),
  );
  await call(baseUrl, token, { method: 'POST', path: `/plans/${planId}/submit`, expectedStatus: 202 });
  reporter.success(`plan ${planId} created and submitted`);
  // The status is projected into PostgreSQL by the workflow's activity: seeing it proves the worker runs.
  const status = await waitUntil(
    async () => {
      const plan = (await call(baseUrl, token, { method: 'GET', path: `/plans/${planId}`, expectedStatus: 200 })) as {
        status: string;
      };
      return plan.status === 'NATIONAL_CONSULTATION' ? plan.status : undefined;
    },
    { description: `plan ${planId} to enter NATIONAL_CONSULTATION`, timeoutMs: 120_000, intervalMs: 1_000 },
  );
  reporter.success(`the workflow plan-${planId} moved the plan to ${status}`);
}

main().catch((error: unknown) => {
  reporter.error(errorMessage(error));
  process.exitCode = 1;
});
