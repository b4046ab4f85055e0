import { nationalPlan } from '@aoc/demo/demo-plans';
import type { DemoUser } from '@aoc/demo/demo-users';
import { startEphemeralTemporalDevServer, TemporalDevServer } from '../../infra/temporal/dev-server';
import { resolveTemporalCli } from '../../infra/temporal/temporal-cli';
import { ApiHarness } from '../support/api-harness';

/** TEMPORAL_CALL_TIMEOUT (its default), and the slack a 503 may take beyond it (database work, a loaded machine). */
const CALL_TIMEOUT_MS = 5_000;
const DEADLINE_ENV = { TEMPORAL_CALL_TIMEOUT: `${CALL_TIMEOUT_MS}ms` };
const SLACK_MS = 1_500;

interface Timed {
  status: number;
  body: { message?: string; code?: string; [field: string]: unknown };
  retryAfter: string | null;
  elapsedMs: number;
}

/** One request, timed, that gives up after 40 s: a hanging request fails the test instead of stalling it. */
async function timed(
  h: ApiHarness,
  user: DemoUser | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Timed> {
  const token = user ? await h.api.token(user) : undefined;
  const started = Date.now();
  const response = await fetch(`${h.api.baseUrl}/api${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(40_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : {},
    retryAfter: response.headers.get('retry-after'),
    elapsedMs: Date.now() - started,
  };
}

function expectPromptRetryLater(answer: Timed): void {
  expect({ status: answer.status, retryAfter: answer.retryAfter, code: answer.body.code }).toEqual({
    status: 503,
    retryAfter: expect.stringMatching(/^\d+$/),
    code: 'UNAVAILABLE',
  });
  expect(answer.elapsedMs).toBeLessThan(CALL_TIMEOUT_MS + SLACK_MS);
}

interface TimelineEvent {
  type: string;
  payload: { taskId?: string };
}

describe('with the worker down, decisions answer 503 at the deadline and apply once it is back', () => {
  // A long comment window: the window must still be open once the worker is back.
  const h = new ApiHarness({ ...DEADLINE_ENV, COMMENT_WINDOW_DURATION: '10m' });
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const timeline = (planId: string) => h.api.timeline<TimelineEvent>('admin-ops', planId);

  it('complete, comment and withdraw answer 503 with Retry-After within the deadline; retries apply them once', async () => {
    // Three plans: one in consultation (a decision), one in the comment window (a comment), one to withdraw.
    const create = async () => {
      const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
      await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
      return plan.id;
    };
    const [deciding, commenting, withdrawing] = await Promise.all([create(), create(), create()]);
    const [task] = await h.api.waitForTasks('consultee-pt-education', deciding, 1);
    await h.api.supportConsultation(commenting, ['consultee-pt-education', 'consultee-pt-culture']);
    await h.api.waitForStatus('submitter-pt', commenting, 'CIVIL_SOCIETY_COMMENT');
    await h.api.waitForTasks('consultee-pt-education', withdrawing, 1);

    h.killWorker();
    const decision = { decision: 'object', reason: 'No budget line.' };
    const decisionKey = { 'Idempotency-Key': `while-down-${task.id}` };
    const comment = { text: 'Name the youth council as a partner.', field: 'youth' };
    const commentKey = { 'Idempotency-Key': `comment-while-down-${commenting}` };
    const [completed, commented, withdrawn] = await Promise.all([
      timed(h, 'consultee-pt-education', 'POST', `/tasks/${task.id}/complete`, decision, decisionKey),
      timed(h, 'cso-youth-network', 'POST', `/plans/${commenting}/comments`, comment, commentKey),
      timed(h, 'submitter-pt', 'POST', `/plans/${withdrawing}/withdraw`, { reason: 'Superseded.' }),
    ]);
    for (const answer of [completed, commented, withdrawn]) expectPromptRetryLater(answer);
    expect(completed.body.message).toMatch(/will apply once the service is back/);
    expect(completed.body.message).toMatch(/same Idempotency-Key/);
    expect(commented.body.message).toMatch(/same Idempotency-Key/);

    await h.restartWorker();

    // The decision applies exactly once; a retry with the same key returns its result.
    const retried = await h.api.expect<{ status: string; outcome: { decision: string } }>(
      200,
      'consultee-pt-education',
      'POST',
      `/tasks/${task.id}/complete`,
      decision,
      decisionKey,
    );
    expect(retried).toMatchObject({ status: 'completed', outcome: { decision: 'object' } });
    const completions = (await timeline(deciding)).filter(
      (e) => e.type === 'TASK_COMPLETED' && e.payload.taskId === task.id,
    );
    expect(completions).toHaveLength(1);

    // The comment is posted once.
    await h.api.expect(201, 'cso-youth-network', 'POST', `/plans/${commenting}/comments`, comment, commentKey);
    const comments = await h.api.expect<unknown[]>(200, 'cso-youth-network', 'GET', `/plans/${commenting}/comments`);
    expect(comments).toHaveLength(1);

    // The withdrawal held while the worker was down applies once it is back.
    await h.api.waitForStatus('submitter-pt', withdrawing, 'WITHDRAWN');
    expect((await timeline(withdrawing)).filter((e) => e.type === 'PLAN_WITHDRAWN')).toHaveLength(1);
  });
});

describe('with Temporal down, calls that need it answer 503 at the deadline', () => {
  let temporal: TemporalDevServer;
  let h: ApiHarness;
  beforeAll(async () => {
    // A dev server of this file's own, so that stopping it leaves the run's server alone.
    temporal = await startEphemeralTemporalDevServer(await resolveTemporalCli());
    h = await new ApiHarness({ ...DEADLINE_ENV, TEMPORAL_ADDRESS: temporal.address }).start();
  });
  afterAll(async () => {
    await h?.stop();
    await temporal?.stop();
  });

  it('submit answers 503 with Retry-After within the deadline, and health reports unavailable', async () => {
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    await temporal.stop();

    const submitted = await timed(h, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    expectPromptRetryLater(submitted);
    expect(submitted.body.message).toMatch(/retrying is safe/);

    const health = await timed(h, null, 'GET', '/health');
    expect(health).toMatchObject({ status: 503, body: { status: 'unavailable' }, retryAfter: expect.any(String) });
    expect(health.elapsedMs).toBeLessThan(3_000);
  });
});
