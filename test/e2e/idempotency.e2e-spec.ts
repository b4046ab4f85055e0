import { nationalPlan } from '../../apps/cli/src/demo-plans';
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
    const timeline = await h.api.expect<TimelineEvent[]>(200, 'admin-ops', 'GET', `/plans/${planId}/timeline`);
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
    expect(other.status).toBe(409);
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
    const events = await completions(task.id);
    expect(events).toHaveLength(1);
    expect(events[0].payload.decision).toBe(a.status === 200 ? 'support' : 'object');
  });
});
