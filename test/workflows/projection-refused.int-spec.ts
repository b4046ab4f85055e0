/**
 * Text that PostgreSQL cannot store never stops a plan. The workflow's validators refuse a NUL
 * byte or an unpaired surrogate in any Update, as the API does; and a projection that PostgreSQL
 * still refuses for its data (here an identity longer than the columns that record who acted)
 * fails at once instead of retrying forever, the review goes on, and an ESCALATED event tells the
 * admins what was not written.
 */
import { fastSettings, useHarness } from '../support/harness';
import { ErrorCode } from '@aoc/domain/domain-error';
import { completeTaskUpdate } from '../support/workflow-contracts';
import {
  actor,
  consulteeOf,
  decide,
  expectRefused,
  eventsOf,
  insertSubmittedPlan,
  nationalContent,
  startReview,
  waitForEvents,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';

describe('a projection refused by PostgreSQL', () => {
  const h = useHarness({ demoSeats: true });

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
    // Not through decideAs: it waits for the task's row to close, and that write is the one refused.
    await h.client.workflow.getHandle(first.workflowId).executeUpdate(completeTaskUpdate, {
      args: [
        { taskId: first.id, idempotencyKey: 'long-identity', actor: longIdentity, input: { decision: 'support' } },
      ],
      updateId: `complete:${first.id}:long-identity`,
    });
    const [escalation] = await waitForEvents(h, plan.id, 'ESCALATED');
    expect(escalation.payload).toMatchObject({
      reason: 'PostgreSQL refused a review record',
      sqlState: '22001',
      unwritten: { completedTasks: [first.id] },
    });
    expect((escalation.payload.unwritten as { events: { type: string }[] }).events).toEqual([
      expect.objectContaining({ type: 'TASK_COMPLETED' }),
    ]);

    // The refused write ran once: no retry loop. It is an activity (an Update's write starts only
    // once the Update is accepted), failed at its first attempt; no write runs as a local activity.
    const child = h.client.workflow.getHandle(first.workflowId);
    const events = (await child.fetchHistory()).events!;
    const failed = events.filter((e) => e.activityTaskFailedEventAttributes);
    expect(failed).toHaveLength(1);
    const scheduledId = String(failed[0].activityTaskFailedEventAttributes!.scheduledEventId);
    const scheduled = events.find((e) => String(e.eventId) === scheduledId);
    // NAMED_STEPS: the write is named for the step it records.
    expect(scheduled?.activityTaskScheduledEventAttributes?.activityType?.name).toBe('recordDecision');
    const started = events.find((e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === scheduledId);
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(1);
    expect(events.filter((e) => e.markerRecordedEventAttributes?.failure)).toHaveLength(0);

    // The plan goes on.
    await decide(h, second, consulteeOf(second), { decision: 'support' });
    await waitForStatus(h, plan.id, 'SECRETARIAT_REVIEW');
    expect(await eventsOf(h, plan.id, 'ESCALATED')).toHaveLength(1);
  });
});
