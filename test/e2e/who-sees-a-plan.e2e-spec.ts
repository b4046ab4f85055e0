import { randomUUID } from 'node:crypto';
import { nationalPlan } from '@aoc/demo/demo-plans';
import type { DemoUser } from '@aoc/demo/demo-users';
import { ApiHarness } from '../support/api-harness';
import { SseConnection } from '../support/sse-client';

interface Event {
  id: number;
  type: string;
  actor: string;
  planId?: string;
  payload: Record<string, unknown>;
}
interface Blocker {
  kind: string;
  taskId?: string;
  taskType?: string;
  body: string | null;
  candidateRole: string;
}

const key = () => ({ 'Idempotency-Key': randomUUID() });
/** What civil society may read of a plan's log (DOMAIN §2, §10): never a task, an answer, or who gave it. */
const PUBLIC_TYPES = [
  'PLAN_SUBMITTED',
  'VERSION_CREATED',
  'STAGE_ENTERED',
  'STAGE_COMPLETED',
  'REVISION_REQUESTED',
  'COMMENT_POSTED',
  'COMMENT_HIDDEN',
  'COMMENT_DISPOSED',
  'DEADLINE_EXTENDED',
  'PLAN_ENDORSED',
  'PLAN_REJECTED',
  'PLAN_WITHDRAWN',
  'PLAN_CANCELLED',
  'RECORD_ISSUED',
];

/**
 * Who sees a plan (DOMAIN §2) and what its log says (DOMAIN §6), through HTTP: civil society reads
 * a plan from its comment window on, and then as the public does, on the timeline and on the live
 * stream; the plan page's "Waiting on" is the API's waiting-on query for the plan; every task a
 * withdrawal closes has its own TASK_CANCELLED; a consultation's objection is named in the
 * revision request; a comment's text stays in the log; a blank reason to hide one is a 400.
 */
describe('who sees a plan, and what its log says', () => {
  const h = new ApiHarness();
  const open: SseConnection[] = [];
  beforeAll(() => h.start());
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await h.stop();
  });

  async function stream(user: DemoUser, query = '') {
    const token = await h.api.token(user);
    const connection = await SseConnection.open(`${h.api.baseUrl}/api/events/stream${query}`, {
      authorization: `Bearer ${token}`,
    });
    open.push(connection);
    return connection;
  }

  const submitted = async () => {
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    return plan.id;
  };
  const waitingOn = (user: DemoUser, planId: string) =>
    h.api.expect<{ planId: string; blockers: Blocker[] }>(200, user, 'GET', `/plans/${planId}/waiting-on`);
  const listed = async (user: DemoUser, planId: string, status: string) =>
    (
      await h.api.expect<{ items: { id: string }[] }>(200, user, 'GET', `/plans?status=${status}&pageSize=100`)
    ).items.some((p) => p.id === planId);

  it('opens a plan to civil society at its comment window, as the public sees it; the objection is named', async () => {
    const cso = await stream('cso-youth-network');
    const admin = await stream('admin-ops');
    const planId = await submitted();
    const tasks = await h.api.waitForTasks('admin-ops', planId, 2, 'NATIONAL_CONSULTATION');

    // In national consultation: not civil society's, nor the Group of Friends'.
    for (const user of ['cso-youth-network', 'gof-es'] as const) {
      for (const path of ['', '/timeline', '/versions', '/waiting-on']) {
        expect({ user, path, status: (await h.api.request(user, 'GET', `/plans/${planId}${path}`)).status }).toEqual({
          user,
          path,
          status: 403,
        });
      }
      expect(await listed(user, planId, 'NATIONAL_CONSULTATION')).toBe(false);
    }
    expect((await stream('cso-youth-network', `?planId=${planId}`)).status).toBe(403);
    await h.api.waitFor('the tasks on the admin’s stream', async () =>
      admin.events().filter((e) => e.planId === planId && e.type === 'TASK_CREATED').length === 2 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cso.events().filter((e) => e.planId === planId)).toEqual([]);

    // Whoever may read the plan reads who it waits on: the API's query, one row per open task.
    const waiting = await waitingOn('submitter-pt', planId);
    expect(waiting.blockers.map((b) => [b.kind, b.taskType, b.body]).sort()).toEqual([
      ['task', 'consultation', 'ministry-culture'],
      ['task', 'consultation', 'ministry-education'],
    ]);

    // An objection: the revision request names the body, its reason and who answered for it.
    const byBody = Object.fromEntries(tasks.map((t) => [t.candidate.body, t]));
    await h.api.expect(
      200,
      'consultee-pt-education',
      'POST',
      `/tasks/${byBody['ministry-education'].id}/complete`,
      { decision: 'object', reason: 'The budget is missing.' },
      key(),
    );
    await h.api.expect(
      200,
      'consultee-pt-culture',
      'POST',
      `/tasks/${byBody['ministry-culture'].id}/complete`,
      { decision: 'support' },
      key(),
    );
    await h.api.waitForStatus('submitter-pt', planId, 'REVISION');
    const requested = (await h.api.timeline<Event>('submitter-pt', planId)).find(
      (e) => e.type === 'REVISION_REQUESTED',
    )!;
    expect(requested.actor).toBe('consultee-pt-education');
    expect(requested.payload).toEqual({
      returnTo: 'NATIONAL_CONSULTATION',
      objections: [
        {
          country: 'PT',
          body: 'ministry-education',
          reason: 'The budget is missing.',
          actor: 'consultee-pt-education',
        },
      ],
    });
    expect((await waitingOn('submitter-pt', planId)).blockers).toEqual([
      expect.objectContaining({ kind: 'revision', candidateRole: 'submitter' }),
    ]);

    // The new version is consulted with the objector; its support opens the comment window.
    await h.api.expect(200, 'submitter-pt', 'PATCH', `/plans/${planId}`, { summary: 'With a budget line.' });
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${planId}/submit`);
    await h.api.supportConsultation(planId, ['consultee-pt-education']);
    await h.api.waitForStatus('submitter-pt', planId, 'CIVIL_SOCIETY_COMMENT');

    expect((await h.api.request('gof-es', 'GET', `/plans/${planId}`)).status).toBe(403);
    expect(await listed('cso-youth-network', planId, 'CIVIL_SOCIETY_COMMENT')).toBe(true);
    const comment = await h.api.expect<{ id: string }>(
      201,
      'cso-youth-network',
      'POST',
      `/plans/${planId}/comments`,
      { text: 'Please add youth exchanges.' },
      key(),
    );

    // The log keeps the comment's text; a blank reason to hide it is refused, naming the field.
    const full = await h.api.timeline<Event>('admin-ops', planId);
    expect(full.find((e) => e.type === 'COMMENT_POSTED')?.payload).toMatchObject({
      commentId: comment.id,
      text: 'Please add youth exchanges.',
    });
    const blank = await h.api.request<{ message: string }>('secretariat-anna', 'POST', `/comments/${comment.id}/hide`, {
      reason: '   ',
    });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('reason');

    // Civil society's timeline: what the public library shows, never a task, an answer or who gave it.
    const seen = await h.api.timeline<Event>('cso-youth-network', planId);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((e) => !PUBLIC_TYPES.includes(e.type))).toEqual([]);
    expect(full.some((e) => e.type === 'TASK_COMPLETED')).toBe(true);
    const text = JSON.stringify(seen);
    for (const secret of ['The budget is missing.', 'consultee-pt-education', 'consultee-pt-culture', 'objections']) {
      expect({ secret, shown: text.includes(secret) }).toEqual({ secret, shown: false });
    }
    const consultations = seen.filter((e) => e.type === 'STAGE_COMPLETED');
    expect(consultations.map((e) => e.payload)).toEqual([
      { stage: 'NATIONAL_CONSULTATION', outcome: 'objection' },
      { stage: 'NATIONAL_CONSULTATION', outcome: 'no_objection' },
    ]);

    // The live stream: civil society got the plan's events from its comment window on, as the public sees them.
    const live = await h.api.waitFor('the comment on civil society’s stream', async () => {
      const mine = cso.events().filter((e) => e.planId === planId) as unknown as Event[];
      return mine.some((e) => e.type === 'COMMENT_POSTED') ? mine : undefined;
    });
    expect(live.filter((e) => !PUBLIC_TYPES.includes(e.type))).toEqual([]);
    expect(live.find((e) => e.type === 'STAGE_ENTERED')?.payload.stage).toBe('CIVIL_SOCIETY_COMMENT');
    expect(JSON.stringify(live)).not.toContain('consultee-pt-');
  });

  it('cancels each open task of a withdrawn plan with its own TASK_CANCELLED; it then waits on nobody', async () => {
    const planId = await submitted();
    const tasks = await h.api.waitForTasks('admin-ops', planId, 2, 'NATIONAL_CONSULTATION');
    await h.api.expect(200, 'submitter-pt', 'POST', `/plans/${planId}/withdraw`, { reason: 'Superseded.' });
    await h.api.waitForStatus('submitter-pt', planId, 'WITHDRAWN');
    const events = await h.api.waitFor('the cancellations', async () => {
      const all = await h.api.timeline<Event>('submitter-pt', planId);
      return all.some((e) => e.type === 'PLAN_WITHDRAWN') ? all : undefined;
    });
    const cancelled = events.filter((e) => e.type === 'TASK_CANCELLED');
    expect(cancelled.map((e) => [e.payload.taskId, e.actor]).sort()).toEqual(
      tasks.map((t) => [t.id, 'submitter-pt']).sort(),
    );
    expect((await waitingOn('submitter-pt', planId)).blockers).toEqual([]);
  });
});
