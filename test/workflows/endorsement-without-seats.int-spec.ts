/**
 * With no Group of Friends seat, endorsement must not pass (DOMAIN §4.4): the plan waits in
 * GOF_ENDORSEMENT, an ESCALATED event tells the admins, and a seat added resumes the procedure.
 * Seats are shared by every test file, so this worker's seat list is what is emptied here.
 */
import type { PlanActivities } from '@aoc/workflows/activities.contract';
import { TestHarness, fastSettings } from '../support/harness';
import { planWorkflowId, seatsChangedSignal } from '../support/workflow-contracts';
import {
  decide,
  decideAs,
  ensureDemoSeats,
  eventsOf,
  reachSecretariatReview,
  seatHolderOf,
  snapshot,
  tasksOf,
  waitForEvents,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';

describe('endorsement without seats', () => {
  let seatsExist = false;
  const h = new TestHarness({
    wrapActivities: (real): PlanActivities => ({
      ...real,
      readGofSeats: async () => (seatsExist ? real.readGofSeats() : []),
    }),
  });
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeAll(() => ensureDemoSeats(h));

  it('waits, escalated, until a seat is added; then the silence procedure runs', async () => {
    const { plan, handle, task } = await reachSecretariatReview(h, fastSettings({ CIVIL_SOCIETY_COMMENT: 1_000 }));
    await decide(h, task, 'secretariat-anna', { decision: 'approve' });

    const [escalated] = await waitForEvents(h, plan.id, 'ESCALATED');
    expect(escalated.payload).toMatchObject({
      stage: 'GOF_ENDORSEMENT',
      reason: expect.stringMatching(/no Group of Friends seats/),
    });
    await waitForStatus(h, plan.id, 'GOF_ENDORSEMENT');
    expect((await snapshot(h, plan.id)).status).toBe('GOF_ENDORSEMENT');
    expect(await tasksOf(h, plan.id, 'endorsement')).toHaveLength(0);
    expect(await eventsOf(h, plan.id, 'PLAN_ENDORSED')).toHaveLength(0);

    // An admin adds a seat: the API signals the waiting plans.
    seatsExist = true;
    await h.client.workflow.getHandle(planWorkflowId(plan.id)).signal(seatsChangedSignal);
    const tasks = await waitForOpenTasks(h, plan.id, 'endorsement', 3);
    for (const t of tasks) await decideAs(h, t, seatHolderOf(t), { decision: 'endorse' });
    expect(await handle.result()).toMatchObject({ status: 'ENDORSED' });
  });
});
