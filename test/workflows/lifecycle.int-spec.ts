import { fastSettings, useHarness } from '../support/harness';
import {
  cancel,
  decide,
  eventsOf,
  insertSubmittedPlan,
  openTasks,
  reachEndorsement,
  regionalContent,
  startReview,
  tasksOf,
  waitForOpenTasks,
  waitForStatus,
  withdraw,
} from '../support/fixtures';

describe('withdrawal and cancellation', () => {
  const h = useHarness({ demoSeats: true });

  it('withdrawal in the middle of the consultation: WITHDRAWN, open tasks cancelled, PLAN_WITHDRAWN', async () => {
    const plan = await insertSubmittedPlan(h, regionalContent(), 'coordinator-see');
    const handle = await startReview(h, plan, 'coordinator-see', fastSettings());
    const tasks = await waitForOpenTasks(h, plan.id, 'consultation', 3);
    const byCountry = Object.fromEntries(tasks.map((t) => [t.candidateCountry, t]));
    await decide(h, byCountry.BA, 'consultee-ba-civil', { decision: 'support' });

    const result = await withdraw(h, plan.id, 'coordinator-see', 'The strategy is being rewritten.');
    expect(result).toEqual({ status: 'WITHDRAWN', version: plan.version });
    expect(await handle.result()).toEqual({ status: 'WITHDRAWN', version: plan.version });
    await waitForStatus(h, plan.id, 'WITHDRAWN');

    expect(await openTasks(h, plan.id)).toHaveLength(0);
    const rows = Object.fromEntries((await tasksOf(h, plan.id, 'consultation')).map((t) => [t.candidateCountry, t]));
    expect(rows.BA).toMatchObject({ status: 'completed', decision: 'support' });
    expect(rows.AL).toMatchObject({ status: 'cancelled', decision: null });
    expect(rows.HR).toMatchObject({ status: 'cancelled', decision: null });

    const [withdrawn] = await eventsOf(h, plan.id, 'PLAN_WITHDRAWN');
    expect(withdrawn.actor).toBe('coordinator-see');
    expect(withdrawn.payload).toEqual({ reason: 'The strategy is being rewritten.' });
    expect(await eventsOf(h, plan.id, 'STAGE_COMPLETED')).toHaveLength(0);
    // Each task closed without a decision has its own TASK_CANCELLED, named for who ended the review (DOMAIN §6).
    const cancelledEvents = await eventsOf(h, plan.id, 'TASK_CANCELLED');
    expect(cancelledEvents.map((e) => [e.payload.taskId, e.actor]).sort()).toEqual(
      [
        [byCountry.AL.id, 'coordinator-see'],
        [byCountry.HR.id, 'coordinator-see'],
      ].sort(),
    );
    expect(cancelledEvents.every((e) => Number(e.id) < Number(withdrawn.id))).toBe(true);
    // The countries' consultations stopped with the plan.
    for (const country of ['AL', 'HR']) {
      const child = await h.client.workflow.getHandle(byCountry[country].workflowId).describe();
      expect(child.status.name).not.toBe('RUNNING');
    }
    // A cancelled task cannot be answered any more.
    await expect(decide(h, byCountry.AL, 'consultee-al-foreign', { decision: 'support' })).rejects.toThrow(
      /already completed/,
    );
    expect((await tasksOf(h, plan.id, 'consultation')).find((t) => t.id === byCountry.AL.id)?.status).toBe('cancelled');
  });

  it('a withdrawal sent right after submission finds its handler', async () => {
    const plan = await insertSubmittedPlan(h, regionalContent(), 'coordinator-see');
    const handle = await startReview(h, plan, 'coordinator-see', fastSettings());
    // No waiting: the Update arrives with the workflow's first task.
    expect(await withdraw(h, plan.id, 'coordinator-see', 'Submitted by mistake.')).toEqual({
      status: 'WITHDRAWN',
      version: plan.version,
    });
    expect(await handle.result()).toEqual({ status: 'WITHDRAWN', version: plan.version });
    await waitForStatus(h, plan.id, 'WITHDRAWN');
    expect(await openTasks(h, plan.id)).toHaveLength(0);
    // Under the 0.3 patch the first workflow task may already have entered the consultation
    // (its writes are local): the withdrawal then follows the stage's entry and tasks.
    const types = (await eventsOf(h, plan.id)).map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['PLAN_SUBMITTED', 'VERSION_CREATED']);
    expect(types.at(-1)).toBe('PLAN_WITHDRAWN');
    for (const type of types.slice(2, -1)) expect(['STAGE_ENTERED', 'TASK_CREATED', 'TASK_CANCELLED']).toContain(type);
    // Every task it had opened is cancelled, each with its own event.
    const created = (await eventsOf(h, plan.id, 'TASK_CREATED')).map((e) => e.payload.taskId).sort();
    expect((await eventsOf(h, plan.id, 'TASK_CANCELLED')).map((e) => e.payload.taskId).sort()).toEqual(created);
  });

  it('cancellation by an admin during endorsement: CANCELLED, every seat task cancelled, PLAN_CANCELLED', async () => {
    const { plan, handle, tasks } = await reachEndorsement(h, fastSettings({ CIVIL_SOCIETY_COMMENT: 1_000 }));
    const es = tasks.find((t) => t.candidateSeat === 'ES')!;
    await decide(h, es, 'gof-es', { decision: 'endorse' });

    const result = await cancel(h, plan.id, 'admin-ops', 'Duplicate submission.');
    expect(result).toEqual({ status: 'CANCELLED', version: plan.version });
    expect(await handle.result()).toEqual({ status: 'CANCELLED', version: plan.version });
    await waitForStatus(h, plan.id, 'CANCELLED');

    expect(await openTasks(h, plan.id)).toHaveLength(0);
    const rows = await tasksOf(h, plan.id, 'endorsement');
    expect(rows.filter((t) => t.status === 'completed').map((t) => t.id)).toEqual([es.id]);
    const cancelledTasks = rows.filter((t) => t.status === 'cancelled');
    expect(cancelledTasks).toHaveLength(tasks.length - 1);
    const cancellations = await eventsOf(h, plan.id, 'TASK_CANCELLED');
    expect(cancellations.map((e) => [e.payload.taskId, e.actor]).sort()).toEqual(
      cancelledTasks.map((t) => [t.id, 'admin-ops']).sort(),
    );
    const [cancelled] = await eventsOf(h, plan.id, 'PLAN_CANCELLED');
    expect(cancelled.actor).toBe('admin-ops');
    expect(cancelled.payload).toEqual({ reason: 'Duplicate submission.' });
    expect(await eventsOf(h, plan.id, 'PLAN_ENDORSED')).toHaveLength(0);
    expect(await eventsOf(h, plan.id, 'PLAN_WITHDRAWN')).toHaveLength(0);
  });
});
