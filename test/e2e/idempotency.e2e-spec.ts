import { nationalPlan } from '@aoc/demo/demo-plans';
import { ApiHarness } from '../support/api-harness';

interface TimelineEvent {
  type: string;
  payload: { taskId?: string; decision?: string };
}

describe('task completion is idempotent on the Idempotency-Key', () => {
  const h = new ApiHarness();
  let planId: string;
  beforeAll(async () => {
    await h.start();
    planId = (await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan())).id;
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${planId}/submit`);
  });
  afterAll(() => h.stop());

  const completions = async (taskId: string) => {
    const timeline = await h.api.timeline<TimelineEvent>('admin-ops', planId);
    return timeline.filter((e) => e.type === 'TASK_COMPLETED' && e.payload.taskId === taskId);
  };

  it('50 concurrent completions with the same key have one effect and one result', async () => {
    const [task] = await h.api.waitForTasks('consultee-pt-education', planId, 1);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        h.api.request<{ status: string; outcome: { decision: string; completedAt: string } }>(
          'consultee-pt-education',
          'POST',
          `/tasks/${task.id}/complete`,
          { decision: 'support' },
          { 'Idempotency-Key': `same-key-${task.id}` },
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(responses.map((r) => r.body.outcome.completedAt)).size).toBe(1);
    expect(responses[0].body).toMatchObject({ status: 'completed', outcome: { decision: 'support' } });
    expect(await completions(task.id)).toHaveLength(1);

    const repeat = await h.api.request<{ status: string }>(
      'consultee-pt-education',
      'POST',
      `/tasks/${task.id}/complete`,
      { decision: 'support' },
      { 'Idempotency-Key': `same-key-${task.id}` },
    );
    expect(repeat.status).toBe(200);
    const other = await h.api.request(
      'consultee-pt-education',
      'POST',
      `/tasks/${task.id}/complete`,
      { decision: 'support' },
      { 'Idempotency-Key': 'another-key' },
    );
    expect(other).toMatchObject({ status: 409, body: { code: 'TASK_CLOSED' } });
  });

  it('a key reused with another decision is refused with 422, racing and after it applied', async () => {
    // A plan of its own: the first test decided this plan's education task.
    const id = (await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan())).id;
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${id}/submit`);
    const [task] = await h.api.waitForTasks('consultee-pt-education', id, 1);
    const complete = (body: unknown) =>
      h.api.request<{ code?: string; message?: string }>(
        'consultee-pt-education',
        'POST',
        `/tasks/${task.id}/complete`,
        body,
        {
          'Idempotency-Key': `reused-${task.id}`,
        },
      );
    // Racing: the same key with two bodies; exactly the first to apply wins, the other is told.
    const [a, b] = await Promise.all([
      complete({ decision: 'support' }),
      complete({ decision: 'support_with_comments', comment: 'With a note.' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 422]);
    const loser = a.status === 422 ? a : b;
    expect(loser.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/new key/) });
    // Afterwards: the stored decision is compared, field by field.
    const winner =
      a.status === 200 ? { decision: 'support' } : { decision: 'support_with_comments', comment: 'With a note.' };
    expect((await complete(winner)).status).toBe(200);
    expect((await complete({ ...winner, comment: 'Something else.' })).status).toBe(422);
  });

  it('two different completions racing get one 200 and one 409', async () => {
    const [task] = await h.api.waitForTasks('consultee-pt-culture', planId, 1);
    const [a, b] = await Promise.all([
      h.api.request(
        'consultee-pt-culture',
        'POST',
        `/tasks/${task.id}/complete`,
        { decision: 'support' },
        { 'Idempotency-Key': 'racer-a' },
      ),
      h.api.request(
        'consultee-pt-culture',
        'POST',
        `/tasks/${task.id}/complete`,
        { decision: 'object', reason: 'No budget.' },
        { 'Idempotency-Key': 'racer-b' },
      ),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    // The loser finds the task decided, or held by the winner while it decides.
    expect(['TASK_CLOSED', 'TASK_CLAIMED']).toContain((a.status === 409 ? a : b).body.code);
    const events = await completions(task.id);
    expect(events).toHaveLength(1);
    expect(events[0].payload.decision).toBe(a.status === 200 ? 'support' : 'object');
  });

  it('a comment key reused with another text is refused with 422', async () => {
    // A plan of its own, supported by both bodies: its comment window opens.
    const id = (await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan())).id;
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${id}/submit`);
    await h.api.supportConsultation(id, ['consultee-pt-education', 'consultee-pt-culture']);
    await h.api.waitForStatus('submitter-pt', id, 'CIVIL_SOCIETY_COMMENT');
    const post = (text: string) =>
      h.api.request<{ id?: string; code?: string }>(
        'cso-youth-network',
        'POST',
        `/plans/${id}/comments`,
        { text },
        {
          'Idempotency-Key': 'one-comment',
        },
      );
    const first = await post('Youth exchanges deserve a budget line.');
    expect(first.status).toBe(201);
    const again = await post('Youth exchanges deserve a budget line.');
    expect(again).toMatchObject({ status: 201, body: { id: first.body.id } });
    const other = await post('Something else entirely.');
    expect(other).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });
});
