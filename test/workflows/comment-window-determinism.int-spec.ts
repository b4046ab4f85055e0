/**
 * Regression test for the plans stuck after a worker restart (TMPRL1100, "No command scheduled
 * for event TimerCanceled"): a comment that the validator refuses right at the comment window's
 * close must change nothing in the workflow. A refused Update leaves no event in the history, so
 * anything its workflow task decides (cancelling the window's timer, say) cannot be replayed.
 *
 * The moment is made deterministic: right after the stage is announced, the worker's main
 * thread is blocked for STALL_MS, so the workflow task that starts the window's timer completes
 * late. The timer then fires about STALL_MS after the window's closing time; the comment is sent
 * inside that gap, when the workflow's clock is past the close but the timer has not fired.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { ErrorCode } from '@aoc/domain/domain-error';
import type { PlanActivities, ReviewRecords } from '@aoc/workflows/activities.contract';
import { fastSettings, TestHarness, useHarness } from '../support/harness';
import { planWorkflowId, postCommentUpdate } from '../support/workflow-contracts';
import {
  actor,
  expectRefused,
  insertSubmittedPlan,
  nationalContent,
  snapshot,
  startReview,
  supportConsultation,
  waitForStatus,
} from '../support/fixtures';

const WINDOW_MS = 1_000;
const STALL_MS = 2_000;

const announcesCommentStage = (batch: ReviewRecords) =>
  batch.events?.some((e) => e.type === 'STAGE_ENTERED' && e.payload.stage === 'CIVIL_SOCIETY_COMMENT') ?? false;

/** Blocks this thread (and so the in-process worker's workflow tasks) for `ms`. */
const blockThread = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('a comment refused at the comment window close', () => {
  /** Plans whose comment stage gets the stall, and the late comment sent after it. */
  const stallFor = new Set<string>();
  const lateComments = new Map<string, { sentAt: number; result: Promise<unknown> }>();

  const h = useHarness({
    demoSeats: true,
    wrapActivities: (real): PlanActivities => ({
      ...real,
      async writeReviewRecords(batch) {
        await real.writeReviewRecords(batch);
        if (!announcesCommentStage(batch) || !stallFor.delete(batch.planId)) return;
        // After this activity's completion has gone to Temporal, before the next workflow task runs.
        setImmediate(() => {
          blockThread(STALL_MS);
          const result = h.client.workflow.getHandle(planWorkflowId(batch.planId)).executeUpdate(postCommentUpdate, {
            args: [{ commentId: randomUUID(), actor: actor('cso-youth-network'), text: 'just too late' }],
          });
          result.catch(() => undefined);
          lateComments.set(batch.planId, { sentAt: Date.now(), result });
        });
      },
    }),
  });

  it('is refused, leaves the window to its timer, and the history replays', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const handle = await startReview(h, plan, 'submitter-pt', fastSettings({ CIVIL_SOCIETY_COMMENT: WINDOW_MS }));
    stallFor.add(plan.id);
    await supportConsultation(h, plan.id, 2);
    await waitForStatus(h, plan.id, 'SECRETARIAT_REVIEW');

    const late = lateComments.get(plan.id);
    expect(late).toBeDefined();
    await expectRefused(late!.result, ErrorCode.CommentWindowClosed);

    // A worker that lost the workflow from its cache (a restart, a deploy) replays its history.
    const history = await handle.fetchHistory();
    await expect(
      Worker.runReplayHistory({ workflowBundle: await TestHarness.bundle! }, history, handle.workflowId),
    ).resolves.toBeUndefined();

    // The test reproduced the dangerous moment: the comment came after the window's close and
    // before its timer fired, and the window was closed by that timer.
    const closesAt = (await snapshot(h, plan.id)).commentWindowClosesAt;
    const fired = history.events?.find((e) => e.timerFiredEventAttributes);
    expect(fired).toBeDefined();
    const firedAt = Number(fired!.eventTime!.seconds) * 1000 + Math.floor(fired!.eventTime!.nanos! / 1e6);
    expect(late!.sentAt).toBeGreaterThan(closesAt!);
    expect(late!.sentAt).toBeLessThan(firedAt);
    expect(history.events?.some((e) => e.timerCanceledEventAttributes)).toBe(false);
  });
});
