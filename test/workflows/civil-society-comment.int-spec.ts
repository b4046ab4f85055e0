import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { eventually, fastSettings, useHarness } from '../support/harness';
import { planWorkflowId, postCommentUpdate, reassignTaskUpdate } from '../support/workflow-contracts';
import {
  actor,
  commentsOf,
  consulteeOf,
  decide,
  eventsOf,
  expectRefused,
  hideComment,
  insertNextVersion,
  insertSubmittedPlan,
  nationalContent,
  openTasks,
  planStatus,
  postComment,
  snapshot,
  startReview,
  supportConsultation,
  tasksOf,
  supportNewYouthBody,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';

describe('civil society comment', () => {
  const h = useHarness({ demoSeats: true });

  const toCommentStage = async (CIVIL_SOCIETY_COMMENT: number) => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const handle = await startReview(h, plan, 'submitter-pt', fastSettings({ CIVIL_SOCIETY_COMMENT }));
    await supportConsultation(h, plan.id, 2);
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    return { plan, handle };
  };

  it('with no comments, passes straight on to secretariat review when the window closes', async () => {
    const { plan } = await toCommentStage(4_000);
    const { commentWindowClosesAt } = await snapshot(h, plan.id);
    expect(commentWindowClosesAt).toEqual(expect.any(Number));

    await waitForStatus(h, plan.id, 'SECRETARIAT_REVIEW');
    expect(await tasksOf(h, plan.id, 'disposition')).toHaveLength(0);
    const entered = await eventsOf(h, plan.id, 'STAGE_ENTERED');
    const commentEntered = entered.find((e) => e.payload.stage === 'CIVIL_SOCIETY_COMMENT')!;
    const reviewEntered = entered.find((e) => e.payload.stage === 'SECRETARIAT_REVIEW')!;
    // The stage waited for the whole window, not a moment less.
    expect(reviewEntered.at.getTime()).toBeGreaterThanOrEqual(commentEntered.at.getTime() + 4_000);
    expect(reviewEntered.at.getTime()).toBeGreaterThanOrEqual(commentWindowClosesAt!);
    const [completed] = (await eventsOf(h, plan.id, 'STAGE_COMPLETED')).filter(
      (e) => e.payload.stage === 'CIVIL_SOCIETY_COMMENT',
    );
    expect(completed.payload.visibleComments).toBe(0);
    await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
  });

  it('opens the comment window before the stage is announced', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    await startReview(h, plan, 'submitter-pt', fastSettings({ CIVIL_SOCIETY_COMMENT: 5_000 }));
    const [first, second] = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    await decide(h, first, consulteeOf(first), { decision: 'support' });
    // Hold the plan row, so that the workflow's write of the new status waits (a slow database).
    const lock = h.db.createQueryRunner();
    await lock.connect();
    try {
      await lock.startTransaction();
      await lock.query('SELECT id FROM plans WHERE id = $1 FOR NO KEY UPDATE', [plan.id]);
      await decide(h, second, consulteeOf(second), { decision: 'support' });
      await eventually(
        'the comment window to open',
        async () => (await snapshot(h, plan.id)).commentWindowClosesAt,
        10_000,
      );
      // A CSO that sees the plan in CIVIL_SOCIETY_COMMENT can therefore always comment: the
      // comment is accepted now, and written (in order, after the status) once the row is free.
      const accepted = await h.client.workflow.getHandle(planWorkflowId(plan.id)).startUpdate(postCommentUpdate, {
        args: [{ commentId: randomUUID(), actor: actor('cso-youth-network'), text: 'Right away.' }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      expect(await planStatus(h, plan.id)).toBe('NATIONAL_CONSULTATION');
      await lock.rollbackTransaction();
      const posted = await accepted.result();
      expect(posted.version.number).toBe(1);
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
    }
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    const { commentWindowClosesAt } = await snapshot(h, plan.id);
    const entered = (await eventsOf(h, plan.id, 'STAGE_ENTERED')).find(
      (e) => e.payload.stage === 'CIVIL_SOCIETY_COMMENT',
    )!;
    expect(entered.payload.commentWindowClosesAt).toBe(new Date(commentWindowClosesAt!).toISOString());
    expect(commentWindowClosesAt! - 5_000).toBeLessThanOrEqual(entered.at.getTime());
    expect((await commentsOf(h, plan.id)).map((c) => c.text)).toEqual(['Right away.']);
  });

  it('has the submitter dispose of every visible comment; hidden comments stay, out of the disposition', async () => {
    const { plan } = await toCommentStage(12_000);
    const c1 = await postComment(h, plan.id, 'cso-youth-network', 'Involve youth councils.', 'youth');
    const c2 = await postComment(h, plan.id, 'cso-media-watch', 'Name the press council budget.', 'media');
    const abusive = await postComment(h, plan.id, 'cso-youth-network', 'An abusive remark.');
    expect(c1.version).toEqual(plan.version);
    await hideComment(h, plan.id, abusive.id, 'abusive language', 'secretariat-anna');
    await expectRefused(hideComment(h, plan.id, abusive.id, 'again', 'secretariat-omar'), 'COMMENT_ALREADY_HIDDEN');
    // The log keeps each comment's text, the hidden one's too (DOMAIN §6).
    const posted = await eventsOf(h, plan.id, 'COMMENT_POSTED');
    expect(Object.fromEntries(posted.map((e) => [e.payload.commentId, e.payload.text]))).toEqual({
      [c1.id]: 'Involve youth councils.',
      [c2.id]: 'Name the press council budget.',
      [abusive.id]: 'An abusive remark.',
    });

    const [task] = await waitForOpenTasks(h, plan.id, 'disposition', 1);
    expect(task.assignee).toBe('submitter-pt');
    expect(task.candidateRole).toBe('submitter');
    // The disposition stays with the plan's country (DOMAIN §5): never a submitter of another one.
    await expectRefused(
      h.client.workflow.getHandle(task.workflowId).executeUpdate(reassignTaskUpdate, {
        args: [
          {
            taskId: task.id,
            assignee: 'submitter-es',
            actor: 'admin-ops',
            assigneeProfile: { sub: 'submitter-es', roles: ['submitter'], country: 'ES' },
          },
        ],
      }),
      'ASSIGNEE_NOT_ELIGIBLE',
      /only to a submitter of the plan's country \(PT\)/,
    );
    expect(await planStatus(h, plan.id)).toBe('CIVIL_SOCIETY_COMMENT');

    // Missing a visible comment: refused by the validator.
    await expectRefused(
      decide(h, task, 'submitter-pt', {
        decision: 'dispose',
        dispositions: [{ commentId: c1.id, disposition: 'accepted', response: 'Added to the youth section.' }],
      }),
      'VALIDATION_FAILED',
      new RegExp(`missing: ${c2.id}`),
    );
    // The hidden comment is no longer part of what must be disposed of.
    await expectRefused(
      decide(h, task, 'submitter-pt', {
        decision: 'dispose',
        dispositions: [
          { commentId: c1.id, disposition: 'accepted', response: 'Added.' },
          { commentId: c2.id, disposition: 'not_accepted', response: 'Out of scope.' },
          { commentId: abusive.id, disposition: 'not_accepted', response: 'No.' },
        ],
      }),
      'VALIDATION_FAILED',
      /not a visible comment/,
    );
    // Only the submitter disposes.
    await expectRefused(
      decide(h, task, 'cso-media-watch', {
        decision: 'dispose',
        dispositions: [
          { commentId: c1.id, disposition: 'accepted', response: 'Added.' },
          { commentId: c2.id, disposition: 'accepted', response: 'Added.' },
        ],
      }),
      'FORBIDDEN',
    );
    expect(await openTasks(h, plan.id, 'disposition')).toHaveLength(1);

    await decide(h, task, 'submitter-pt', {
      decision: 'dispose',
      dispositions: [
        { commentId: c1.id, disposition: 'accepted', response: 'Added to the youth section.' },
        { commentId: c2.id, disposition: 'partially_accepted', response: 'Budget shown in the annex.' },
      ],
    });
    await waitForStatus(h, plan.id, 'SECRETARIAT_REVIEW');

    const disposed = await eventsOf(h, plan.id, 'COMMENT_DISPOSED');
    expect(
      disposed.map((e) => e.payload).sort((a, b) => String(a.disposition).localeCompare(String(b.disposition))),
    ).toEqual([
      { commentId: c1.id, disposition: 'accepted', response: 'Added to the youth section.' },
      { commentId: c2.id, disposition: 'partially_accepted', response: 'Budget shown in the annex.' },
    ]);
    expect(disposed.every((e) => e.actor === 'submitter-pt' && e.versionNumber === 1)).toBe(true);
    expect(await eventsOf(h, plan.id, 'COMMENT_POSTED')).toHaveLength(3);
    const [hiddenEvent] = await eventsOf(h, plan.id, 'COMMENT_HIDDEN');
    expect(hiddenEvent.payload).toEqual({ commentId: abusive.id, reason: 'abusive language' });
    expect(hiddenEvent.actor).toBe('secretariat-anna');

    const rows = Object.fromEntries((await commentsOf(h, plan.id)).map((c) => [c.id, c]));
    expect(Object.keys(rows)).toHaveLength(3);
    expect(rows[c1.id]).toMatchObject({
      org: 'youth-network',
      field: 'youth',
      disposition: 'accepted',
      response: 'Added to the youth section.',
      disposedBy: 'submitter-pt',
      hidden: false,
    });
    expect(rows[c2.id]).toMatchObject({
      org: 'media-watch',
      disposition: 'partially_accepted',
      response: 'Budget shown in the annex.',
    });
    expect(rows[abusive.id]).toMatchObject({
      hidden: true,
      hiddenReason: 'abusive language',
      hiddenBy: 'secretariat-anna',
      disposition: null,
      response: null,
    });
    const [completed] = (await eventsOf(h, plan.id, 'STAGE_COMPLETED')).filter(
      (e) => e.payload.stage === 'CIVIL_SOCIETY_COMMENT',
    );
    expect(completed.payload.visibleComments).toBe(2);
  });

  it('refuses a comment posted after the window has closed', async () => {
    const { plan } = await toCommentStage(8_000);
    const early = await postComment(h, plan.id, 'cso-media-watch', 'In time.');
    // The window has closed once the disposition task exists; the plan is still in the comment stage.
    await waitForOpenTasks(h, plan.id, 'disposition', 1);
    expect(await planStatus(h, plan.id)).toBe('CIVIL_SOCIETY_COMMENT');

    await expectRefused(
      postComment(h, plan.id, 'cso-youth-network', 'Too late.'),
      'COMMENT_WINDOW_CLOSED',
      /closed at .*late comments are refused/,
    );
    const comments = await commentsOf(h, plan.id);
    expect(comments.map((c) => c.id)).toEqual([early.id]);
    expect(await eventsOf(h, plan.id, 'COMMENT_POSTED')).toHaveLength(1);

    // Once the stage is over, still refused with the same error type.
    const [task] = await openTasks(h, plan.id, 'disposition');
    await decide(h, task, 'submitter-pt', {
      decision: 'dispose',
      dispositions: [{ commentId: early.id, disposition: 'not_accepted', response: 'Already covered.' }],
    });
    await waitForStatus(h, plan.id, 'SECRETARIAT_REVIEW');
    await expectRefused(postComment(h, plan.id, 'cso-youth-network', 'Later still.'), 'COMMENT_WINDOW_CLOSED');
  });

  it("consults the body a disposition's version adds before the secretariat reviews it (DOMAIN §4.1)", async () => {
    const { plan } = await toCommentStage(1_000);
    const comment = await postComment(h, plan.id, 'cso-youth-network', 'Consult the youth ministry.', 'youth');
    const [disposition] = await waitForOpenTasks(h, plan.id, 'disposition', 1);
    const v2 = await insertNextVersion(h, plan.id, (c) => ({
      ...c,
      consultees: { PT: [...(c.consultees.PT ?? []), 'ministry-youth'] },
    }));
    await decide(h, disposition, 'submitter-pt', {
      decision: 'dispose',
      dispositions: [{ commentId: comment.id, disposition: 'accepted', response: 'Added in version 2.' }],
      revisedVersion: v2,
    });

    // Only the new body is consulted, on version 2; then the secretariat reviews version 2.
    await supportNewYouthBody(h, plan.id, 'secretariat_review');
    const entered = (await eventsOf(h, plan.id, 'STAGE_ENTERED')).map((e) => [
      e.payload.stage,
      e.versionNumber,
      e.payload.resumes ?? null,
    ]);
    expect(entered).toEqual([
      ['NATIONAL_CONSULTATION', 1, null],
      ['CIVIL_SOCIETY_COMMENT', 1, null],
      ['NATIONAL_CONSULTATION', 2, 'SECRETARIAT_REVIEW'],
      ['SECRETARIAT_REVIEW', 2, null],
    ]);
  });
});
