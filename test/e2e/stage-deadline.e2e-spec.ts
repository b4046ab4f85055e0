import { randomUUID } from 'node:crypto';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { ApiHarness } from '../support/api-harness';

/**
 * POST /plans/:id/deadline over HTTP (DOMAIN §5: admins move any running deadline later): the
 * comment window's close moves, the move is recorded, and what has no stage deadline running,
 * who may not, and bad dates are refused with the status and message that say why.
 */
const WINDOW_MS = 15_000;
const key = () => ({ 'Idempotency-Key': randomUUID() });

interface Event {
  type: string;
  actor: string;
  payload: Record<string, unknown>;
}

describe('POST /plans/:id/deadline', () => {
  const h = new ApiHarness({ COMMENT_WINDOW_DURATION: `${WINDOW_MS / 1000}s` });
  let planId: string | undefined;
  beforeAll(() => h.start());
  afterAll(async () => {
    if (planId) await h.api.request('submitter-pt', 'POST', `/plans/${planId}/withdraw`, { reason: 'end of the test' });
    await h.stop();
  });

  it('refuses a draft, a stage without a stage deadline, non-admins, unknown plans and bad dates', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const draft = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    const onDraft = await h.api.request<{ code: string }>('admin-ops', 'POST', `/plans/${draft.id}/deadline`, {
      dueAt: later,
    });
    expect({ status: onDraft.status, code: onDraft.body.code }).toEqual({ status: 409, code: 'NO_DEADLINE_RUNNING' });

    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    planId = plan.id;
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    await h.api.waitForStatus('submitter-pt', plan.id, 'NATIONAL_CONSULTATION');
    const inConsultation = await h.api.request<{ code: string; message: string }>(
      'admin-ops',
      'POST',
      `/plans/${plan.id}/deadline`,
      { dueAt: later },
    );
    expect({ status: inConsultation.status, code: inConsultation.body.code }).toEqual({
      status: 409,
      code: 'NO_DEADLINE_RUNNING',
    });
    expect(inConsultation.body.message).toMatch(/POST \/tasks\/:id\/deadline/);

    expect((await h.api.request(null, 'POST', `/plans/${plan.id}/deadline`, { dueAt: later })).status).toBe(401);
    for (const user of [
      'submitter-pt',
      'secretariat-anna',
      'consultee-pt-education',
      'gof-es',
      'cso-media-watch',
    ] as const) {
      const answer = await h.api.request<{ code: string }>(user, 'POST', `/plans/${plan.id}/deadline`, {
        dueAt: later,
      });
      expect({ user, status: answer.status, code: answer.body.code }).toEqual({ user, status: 403, code: 'FORBIDDEN' });
    }
    expect((await h.api.request('admin-ops', 'POST', `/plans/${randomUUID()}/deadline`, { dueAt: later })).status).toBe(
      404,
    );
    expect((await h.api.request('admin-ops', 'POST', '/plans/not-a-uuid/deadline', { dueAt: later })).status).toBe(400);
    for (const body of [{}, { dueAt: 'tomorrow' }, { dueAt: 1_800_000_000_000 }, { dueAt: later, extra: 1 }]) {
      const answer = await h.api.request<{ code: string }>('admin-ops', 'POST', `/plans/${plan.id}/deadline`, body);
      expect({ body, status: answer.status, code: answer.body.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it('moves the open comment window’s close later, records it, and the window stays open past its old close', async () => {
    const id = planId!;
    for (const consultee of ['consultee-pt-education', 'consultee-pt-culture'] as const) {
      const [task] = await h.api.waitForTasks(consultee, id, 1, 'NATIONAL_CONSULTATION');
      await h.api.expect(200, consultee, 'POST', `/tasks/${task.id}/complete`, { decision: 'support' }, key());
    }
    await h.api.waitForStatus('submitter-pt', id, 'CIVIL_SOCIETY_COMMENT');
    const entered = (await h.api.timeline<Event>('admin-ops', id)).find(
      (e) => e.type === 'STAGE_ENTERED' && e.payload.stage === 'CIVIL_SOCIETY_COMMENT',
    )!;
    const closesAt = Date.parse(String(entered.payload.commentWindowClosesAt));

    // Earlier than the window's close, or in the past: refused, saying why.
    const earlier = await h.api.request<{ code: string; message: string }>(
      'admin-ops',
      'POST',
      `/plans/${id}/deadline`,
      {
        dueAt: new Date(closesAt - 1_000).toISOString(),
      },
    );
    expect({ status: earlier.status, code: earlier.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(earlier.body.message).toMatch(/only be moved later|in the future/);

    const newClose = new Date(closesAt + 10 * 60_000).toISOString();
    const moved = await h.api.request<{ id: string; status: string }>('admin-ops', 'POST', `/plans/${id}/deadline`, {
      dueAt: newClose,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id, status: 'CIVIL_SOCIETY_COMMENT' });

    const extended = await h.api.waitFor('the move to be recorded', async () =>
      (await h.api.timeline<Event>('admin-ops', id)).find((e) => e.type === 'DEADLINE_EXTENDED'),
    );
    expect(extended.actor).toBe('admin-ops');
    expect(extended.payload).toMatchObject({ stage: 'CIVIL_SOCIETY_COMMENT', commentWindowClosesAt: newClose });

    // Past the old close, the window is still open: a comment is taken, the stage has not moved on.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, closesAt - Date.now()) + 2_000));
    await h.api.expect(
      201,
      'cso-media-watch',
      'POST',
      `/plans/${id}/comments`,
      { text: 'Posted after the window’s first close, before its new one.' },
      key(),
    );
    expect((await h.api.expect<{ status: string }>(200, 'admin-ops', 'GET', `/plans/${id}`)).status).toBe(
      'CIVIL_SOCIETY_COMMENT',
    );
  });
});
