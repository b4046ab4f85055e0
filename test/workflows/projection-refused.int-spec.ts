/**
 * Text that PostgreSQL cannot store never stops a plan. The workflow's validators refuse a NUL
 * byte or an unpaired surrogate in any Update, as the API does; and a projection that PostgreSQL
 * still refuses for its data (here an identity longer than the columns that record who acted)
 * fails at once instead of retrying forever, the review goes on, and an ESCALATED event tells the
 * admins what was not written.
 */
import { TestHarness, fastSettings } from '../support/harness';
import { ErrorCode } from '@aoc/domain/domain-error';
import {
  actor,
  consulteeOf,
  decide,
  decideAs,
  expectRefused,
  ensureDemoSeats,
  eventsOf,
  insertSubmittedPlan,
  nationalContent,
  startReview,
  waitForEvents,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';

describe('a projection refused by PostgreSQL', () => {
  const h = new TestHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeAll(() => ensureDemoSeats(h));

  it('is refused by the validators, or fails once, is escalated to the admins and does not stop the plan', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    await startReview(h, plan, 'submitter-pt', fastSettings({ CIVIL_SOCIETY_COMMENT: 1_000 }));
    const [first, second] = await waitForOpenTasks(h, plan.id, 'consultation', 2);

    for (const comment of ['bad \u0000 text', 'bad \uD83D text']) {
      await expectRefused(
        decide(h, first, consulteeOf(first), { decision: 'support_with_comments', comment }),
        ErrorCode.ValidationFailed,
        /^input\.comment: must not contain/,
      );
    }

    const longIdentity = { ...actor(consulteeOf(first)), sub: `user-${'x'.repeat(250)}` };
    await decideAs(h, first, longIdentity, { decision: 'support' });
    const [escalation] = await waitForEvents(h, plan.id, 'ESCALATED');
    expect(escalation.payload).toMatchObject({
      reason: 'PostgreSQL refused a review record',
      sqlState: '22001',
      unwritten: { completedTasks: [first.id] },
    });
    expect((escalation.payload.unwritten as { events: { type: string }[] }).events).toEqual([
      expect.objectContaining({ type: 'TASK_COMPLETED' }),
    ]);

    // The refused write ran once: no retry loop. Under the 0.3 patch it is a local activity, recorded
    // as a marker that carries its failure and its attempt.
    const child = h.client.workflow.getHandle(first.workflowId);
    const history = await child.fetchHistory();
    const failed = history.events!.filter((e) => e.markerRecordedEventAttributes?.failure);
    expect(failed).toHaveLength(1);
    const data = failed[0].markerRecordedEventAttributes!.details!.data.payloads![0].data!;
    expect(JSON.parse(Buffer.from(data).toString('utf8'))).toMatchObject({
      activity_type: 'writeReviewRecords',
      attempt: 1,
    });
    expect(history.events!.filter((e) => e.activityTaskFailedEventAttributes)).toHaveLength(0);

    // The plan goes on.
    await decide(h, second, consulteeOf(second), { decision: 'support' });
    await waitForStatus(h, plan.id, 'SECRETARIAT_REVIEW');
    expect(await eventsOf(h, plan.id, 'ESCALATED')).toHaveLength(1);
  });
});
