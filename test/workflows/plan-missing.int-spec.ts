/**
 * PostgreSQL and Temporal disagree: a plan's rows are gone from PostgreSQL (restored from a backup
 * older than the plan) while its review runs on in Temporal. A write of its records then violates
 * a foreign key (`Key (plan_id)=… is not present in table "plans"`, SQLSTATE 23503). It must not
 * retry forever: it fails once, the workflow escalates (the escalation cannot be written either,
 * events have a foreign key to plans: the worker logs it and counts it), and the review waits for
 * an admin, who cancels its workflow.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { eventually, fastSettings, useHarness } from '../support/harness';
import {
  consulteeOf,
  decide,
  insertSubmittedPlan,
  nationalContent,
  startReview,
  waitForOpenTasks,
} from '../support/fixtures';

describe('a review whose plan is gone from PostgreSQL', () => {
  const h = useHarness({ demoSeats: true });

  it('fails its write once, escalates, and waits for an admin, who cancels it', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const review = await startReview(h, plan, 'submitter-pt', fastSettings({ NATIONAL_CONSULTATION: 600_000 }));
    const [first] = await waitForOpenTasks(h, plan.id, 'consultation', 2);

    // PostgreSQL restored from a backup taken before the plan was created: its rows are gone (the
    // event log's append-only trigger is off for this, as for a restore).
    await h.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      for (const table of ['events', 'comments', 'tasks', 'plan_versions']) {
        await tx.query(`DELETE FROM ${table} WHERE plan_id = $1`, [plan.id]);
      }
      await tx.query('DELETE FROM plans WHERE id = $1', [plan.id]);
    });

    // The decision is taken by the workflow; its write fails, and the Update still answers.
    await decide(h, first, consulteeOf(first), { decision: 'support' });

    // One failed attempt, not retryable: no retry loop. The escalation's write then ended. (From
    // 0.5 the Update answers before its write is attempted: wait for both in the history.)
    const historyOf = async () => (await h.client.workflow.getHandle(first.workflowId).fetchHistory()).events!;
    const events = await eventually('the failed write and the escalation after it', async () => {
      const all = await historyOf();
      const at = all.findIndex((e) => e.activityTaskFailedEventAttributes);
      return at >= 0 && all.slice(at).some((e) => e.activityTaskCompletedEventAttributes) ? all : undefined;
    });
    const failed = events.filter((e) => e.activityTaskFailedEventAttributes);
    expect(failed).toHaveLength(1);
    const failure = failed[0].activityTaskFailedEventAttributes!.failure!;
    expect(failure.message).toMatch(new RegExp(`^plan ${plan.id} is not in PostgreSQL .*SQLSTATE 23503`));
    expect(failure.applicationFailureInfo).toMatchObject({ type: 'RecordsRefused', nonRetryable: true });
    const scheduledId = String(failed[0].activityTaskFailedEventAttributes!.scheduledEventId);
    const started = events.find((e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === scheduledId);
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(1);
    const after = events.filter((e) => Number(e.eventId) > Number(failed[0].eventId));
    expect(after.filter((e) => e.activityTaskCompletedEventAttributes)).toHaveLength(1);

    // The review waits; an admin cancels it (the API knows no such plan: through Temporal).
    expect((await review.describe()).status.name).toBe('RUNNING');
    await review.cancel();
    const ended = await review.result().catch((error: unknown) => error);
    expect(ended).toBeInstanceOf(WorkflowFailedError);
    expect((ended as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect((await review.describe()).status.name).toBe('CANCELLED');
  });
});
