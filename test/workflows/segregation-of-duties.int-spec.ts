import { randomUUID } from 'node:crypto';
import { fastSettings, useHarness } from '../support/harness';
import {
  actor,
  decide,
  decideAs,
  eventsOf,
  expectRefused,
  insertSubmittedPlan,
  nationalContent,
  openTasks,
  startReview,
  taskRow,
  waitForOpenTasks,
} from '../support/fixtures';

describe('segregation of duties', () => {
  const h = useHarness({ demoSeats: true });

  it('refuses the submitter, a consultee of another body or country, and a second completion', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    await startReview(h, plan, 'submitter-pt', fastSettings());
    const tasks = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    const education = tasks.find((t) => t.candidateBody === 'ministry-education')!;

    // The submitter, even one who also holds the consultee role for this very body.
    await expectRefused(decide(h, education, 'submitter-pt', { decision: 'support' }), 'FORBIDDEN');
    await expectRefused(
      decideAs(
        h,
        education,
        { ...actor('submitter-pt'), roles: ['submitter', 'consultee'], body: 'ministry-education' },
        { decision: 'support' },
      ),
      'FORBIDDEN',
      /segregation of duties/,
    );
    // Another body of the same country; the same body name in another country.
    await expectRefused(decide(h, education, 'consultee-pt-culture', { decision: 'support' }), 'FORBIDDEN', /body/);
    await expectRefused(
      decideAs(h, education, { ...actor('consultee-hr-culture'), body: 'ministry-education' }, { decision: 'support' }),
      'FORBIDDEN',
      /country/,
    );
    // Other roles.
    await expectRefused(decide(h, education, 'secretariat-anna', { decision: 'support' }), 'FORBIDDEN');
    expect((await taskRow(h, education.id)).status).toBe('open');
    expect(await eventsOf(h, plan.id, 'TASK_COMPLETED')).toHaveLength(0);

    const key = randomUUID();
    const first = await decide(h, education, 'consultee-pt-education', { decision: 'support' }, key);
    expect(first).toMatchObject({ taskId: education.id, decision: 'support', actor: 'consultee-pt-education' });
    // The same client key returns the first result...
    const repeated = await decide(h, education, 'consultee-pt-education', { decision: 'object', reason: 'x' }, key);
    expect(repeated).toEqual(first);
    // ...another completion of the completed task is a conflict.
    await expectRefused(
      decide(h, education, 'consultee-pt-education', { decision: 'object', reason: 'Changed my mind.' }),
      'TASK_CLOSED',
    );

    expect(await taskRow(h, education.id)).toMatchObject({
      status: 'completed',
      decision: 'support',
      completedBy: 'consultee-pt-education',
      completionKey: key,
    });
    const completed = await eventsOf(h, plan.id, 'TASK_COMPLETED');
    expect(completed.map((e) => e.payload.taskId)).toEqual([education.id]);
    expect((await openTasks(h, plan.id, 'consultation')).map((t) => t.candidateBody)).toEqual(['ministry-culture']);
  });
});
