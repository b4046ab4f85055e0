/**
 * A plan that waits in GOF_ENDORSEMENT for want of a seat (DOMAIN §4.4) is waited on (DOMAIN §7):
 * waiting-on shows it, waiting on the admins to add a seat, until the silence procedure runs.
 * Seats are shared by every test file, so this worker's seat list is what is emptied here.
 */
import type { PlanActivities } from '@aoc/workflows/activities.contract';
import { readWaitingOn } from '@aoc/persistence/repositories/waiting-on';
import { fastSettings, useHarness } from '../support/harness';
import { planWorkflowId, seatsChangedSignal } from '../support/workflow-contracts';
import { decide, reachSecretariatReview, waitForEvents, waitForOpenTasks } from '../support/fixtures';

describe('waiting-on, an endorsement without seats', () => {
  let seatsExist = false;
  const h = useHarness({
    demoSeats: true,
    wrapActivities: (real): PlanActivities => ({
      ...real,
      readGofSeats: async () => (seatsExist ? real.readGofSeats() : []),
    }),
  });

  const blockersOf = async (planId: string, stage?: 'GOF_ENDORSEMENT' | 'SECRETARIAT_REVIEW') => {
    const rows = await readWaitingOn(h.db.manager, { planId, stage, limit: 1 });
    return rows.filter((r) => r.plan_id !== null).map((r) => [r.blocker, r.stage, r.candidate_role, r.due_at]);
  };

  it('shows the plan waiting on the admins to add a seat, then on the seats', async () => {
    const { plan, task } = await reachSecretariatReview(h, fastSettings({ CIVIL_SOCIETY_COMMENT: 1_000 }));
    await decide(h, task, 'secretariat-anna', { decision: 'approve' });
    await waitForEvents(h, plan.id, 'ESCALATED');

    expect(await blockersOf(plan.id)).toEqual([['no_seats', 'GOF_ENDORSEMENT', 'admin', null]]);
    expect(await blockersOf(plan.id, 'GOF_ENDORSEMENT')).toEqual([['no_seats', 'GOF_ENDORSEMENT', 'admin', null]]);
    expect(await blockersOf(plan.id, 'SECRETARIAT_REVIEW')).toEqual([]);

    seatsExist = true;
    await h.client.workflow.getHandle(planWorkflowId(plan.id)).signal(seatsChangedSignal);
    const tasks = await waitForOpenTasks(h, plan.id, 'endorsement', 3);
    expect((await blockersOf(plan.id)).map(([kind]) => kind)).toEqual(tasks.map(() => 'task'));
  });
});
