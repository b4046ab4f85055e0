import { nationalPlan } from '@aoc/demo/demo-plans';
import { ApiHarness } from '../support/api-harness';

interface TimelineEvent {
  type: string;
  payload: { taskId?: string };
}

describe('a worker crash loses nothing', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('holds a decision made while no worker runs (503 meanwhile), and applies it once when one is back', async () => {
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    const [task] = await h.api.waitForTasks('consultee-pt-education', plan.id, 1);

    h.killWorker();
    const decide = () =>
      h.api.request<{ status: string; outcome: { decision: string } }>(
        'consultee-pt-education',
        'POST',
        `/tasks/${task.id}/complete`,
        { decision: 'object', reason: 'No budget line.' },
        { 'Idempotency-Key': `during-crash-${task.id}` },
      );
    // No worker: the API answers 503 at its Temporal deadline, and the decision waits in Temporal.
    const meanwhile = await decide();
    expect(meanwhile.status).toBe(503);
    await h.restartWorker();

    // The client's retry with the same key gets the one decision, applied once.
    const answered = await decide();
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'completed', outcome: { decision: 'object' } });
    const timeline = await h.api.timeline<TimelineEvent>('admin-ops', plan.id);
    expect(timeline.filter((e) => e.type === 'TASK_COMPLETED' && e.payload.taskId === task.id)).toHaveLength(1);

    // The review goes on where it was: the other body answers, and the objection sends the plan to revision.
    const [other] = await h.api.waitForTasks('consultee-pt-culture', plan.id, 1);
    await h.api.expect(
      200,
      'consultee-pt-culture',
      'POST',
      `/tasks/${other.id}/complete`,
      { decision: 'support' },
      {
        'Idempotency-Key': `after-crash-${other.id}`,
      },
    );
    await h.api.waitForStatus('submitter-pt', plan.id, 'REVISION');
  });
});
