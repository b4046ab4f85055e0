import { eventually, fastSettings, useHarness } from '../support/harness';
import { moveStageDeadlineUpdate, planWorkflowId } from '../support/workflow-contracts';
import {
  decide,
  eventsOf,
  expectRefused,
  extendDeadline,
  insertSubmittedPlan,
  nationalContent,
  planStatus,
  postComment,
  reachSecretariatReview,
  snapshot,
  startReview,
  supportConsultation,
  taskRow,
  waitForEvents,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';

describe('deadlines', () => {
  const h = useHarness({ demoSeats: true });

  type Answer = { body: string; decision: string; actor: string };
  const answersOf = async (planId: string) => {
    const [completed] = (await eventsOf(h, planId, 'STAGE_COMPLETED')).filter(
      (e) => e.payload.stage === 'NATIONAL_CONSULTATION',
    );
    return (completed.payload.answers as Answer[]).map((a) => [a.body, a.decision, a.actor]).sort();
  };

  it('consultation silence: a body that does not answer is no_response, and the plan moves on', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    await startReview(h, plan, 'submitter-pt', fastSettings({ NATIONAL_CONSULTATION: 6_000 }));
    const tasks = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    const byBody = Object.fromEntries(tasks.map((t) => [t.candidateBody, t]));
    await decide(h, byBody['ministry-education'], 'consultee-pt-education', { decision: 'support' });

    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    const silent = await taskRow(h, byBody['ministry-culture'].id);
    expect(silent).toMatchObject({ status: 'completed', decision: 'no_response', completedBy: 'system' });
    expect(silent.completedAt!.getTime()).toBeGreaterThanOrEqual(silent.dueAt.getTime());
    expect(await answersOf(plan.id)).toEqual([
      ['ministry-culture', 'no_response', 'system'],
      ['ministry-education', 'support', 'consultee-pt-education'],
    ]);
    // Its due date closed the task (DOMAIN §5): the body is silent, not overdue, and nobody is told it is late.
    expect(await eventsOf(h, plan.id, 'TASK_OVERDUE')).toEqual([]);
    expect(await eventsOf(h, plan.id, 'ESCALATED')).toEqual([]);
    // Silence is not an objection: no revision.
    expect(await eventsOf(h, plan.id, 'REVISION_REQUESTED')).toHaveLength(0);
  });

  it('an extended deadline moves the running timer; the stage waits for the extended task', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    await startReview(h, plan, 'submitter-pt', fastSettings({ NATIONAL_CONSULTATION: 8_000 }));
    const tasks = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    const byBody = Object.fromEntries(tasks.map((t) => [t.candidateBody, t]));
    const extended = byBody['ministry-education'];
    const expiring = byBody['ministry-culture'];

    await expectRefused(extendDeadline(h, extended, Date.now() - 1_000, 'admin-ops'), 'VALIDATION_FAILED');
    const newDueAt = extended.dueAt.getTime() + 15_000;
    // Sent to the workflow that owns the task: the country's consultation child.
    expect(await extendDeadline(h, extended, newDueAt, 'admin-ops')).toEqual({ taskId: extended.id, dueAt: newDueAt });
    await expectRefused(
      extendDeadline(h, extended, newDueAt - 1_000, 'admin-ops'),
      'VALIDATION_FAILED',
      /only be moved later/,
    );

    const [moved] = await eventsOf(h, plan.id, 'DEADLINE_EXTENDED');
    expect(moved.payload).toEqual({ taskId: extended.id, dueAt: new Date(newDueAt).toISOString() });
    expect(moved.actor).toBe('admin-ops');
    expect((await taskRow(h, extended.id)).dueAt.getTime()).toBe(newDueAt);

    // The other body's deadline passes as before.
    const expired = await eventually('the unextended task to expire', async () => {
      const row = await taskRow(h, expiring.id);
      return row.status === 'completed' ? row : undefined;
    });
    expect(expired.decision).toBe('no_response');
    expect(expired.completedAt!.getTime()).toBeLessThan(newDueAt);
    // The stage does not end while the extended task is open: the child still runs and takes Updates.
    await expectRefused(extendDeadline(h, expiring, newDueAt, 'admin-ops'), 'TASK_CLOSED', /already completed/);
    expect((await h.client.workflow.getHandle(extended.workflowId).describe()).status.name).toBe('RUNNING');
    expect(await planStatus(h, plan.id)).toBe('NATIONAL_CONSULTATION');
    expect((await taskRow(h, extended.id)).status).toBe('open');
    expect(await eventsOf(h, plan.id, 'TASK_OVERDUE')).toEqual([]);
    expect(await eventsOf(h, plan.id, 'STAGE_COMPLETED')).toHaveLength(0);

    await decide(h, extended, 'consultee-pt-education', { decision: 'support' });
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    expect(await answersOf(plan.id)).toEqual([
      ['ministry-culture', 'no_response', 'system'],
      ['ministry-education', 'support', 'consultee-pt-education'],
    ]);
  });

  it('an overdue secretariat task: reminder at 75%, overdue and escalation at the due date; the task stays open', async () => {
    const { plan, task } = await reachSecretariatReview(
      h,
      fastSettings({ CIVIL_SOCIETY_COMMENT: 1_000, SECRETARIAT_REVIEW: 2_000 }),
    );
    const created = task.createdAt.getTime();
    const due = task.dueAt.getTime();
    expect(due - created).toBe(2_000);

    const [escalated] = await waitForEvents(h, plan.id, 'ESCALATED', 1);
    expect(escalated.payload).toEqual({ reason: 'task overdue', taskId: task.id, taskType: 'secretariat_review' });
    expect(escalated.at.getTime()).toBeGreaterThanOrEqual(due);

    const [reminder] = await eventsOf(h, plan.id, 'TASK_REMINDER');
    expect(reminder.payload).toMatchObject({ taskId: task.id, taskType: 'secretariat_review' });
    expect(reminder.at.getTime()).toBeGreaterThanOrEqual(created + 1_500);
    expect(reminder.at.getTime()).toBeLessThan(due);
    const overdue = await eventsOf(h, plan.id, 'TASK_OVERDUE');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].payload).toMatchObject({ taskId: task.id, dueAt: new Date(due).toISOString() });
    expect(overdue[0].at.getTime()).toBeGreaterThanOrEqual(due);

    // Overdue is a notice, not a decision: the task is open and can still be decided.
    expect((await taskRow(h, task.id)).status).toBe('open');
    expect(await planStatus(h, plan.id)).toBe('SECRETARIAT_REVIEW');
    expect((await snapshot(h, plan.id)).openTaskIds).toEqual([task.id]);
    await decide(h, task, 'secretariat-anna', { decision: 'approve' });
    await waitForStatus(h, plan.id, 'GOF_ENDORSEMENT');
    expect(await eventsOf(h, plan.id, 'TASK_REMINDER')).toHaveLength(1);
    expect(await eventsOf(h, plan.id, 'TASK_OVERDUE')).toHaveLength(1);
  });

  const moveStageDeadline = (planId: string, dueAt: number) =>
    h.client.workflow
      .getHandle(planWorkflowId(planId))
      .executeUpdate(moveStageDeadlineUpdate, { args: [{ dueAt, actor: 'admin-ops' }] });

  it('an admin moves the comment window later: the window stays open, and closes at the new time', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    await startReview(h, plan, 'submitter-pt', fastSettings({ CIVIL_SOCIETY_COMMENT: 3_000 }));
    await supportConsultation(h, plan.id, 2);
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    const closesAt = (await snapshot(h, plan.id)).commentWindowClosesAt!;
    await expectRefused(moveStageDeadline(plan.id, closesAt - 1_000), 'VALIDATION_FAILED', /only be moved later/);

    const later = closesAt + 4_000;
    expect(await moveStageDeadline(plan.id, later)).toEqual({ stage: 'CIVIL_SOCIETY_COMMENT', dueAt: later });
    expect((await snapshot(h, plan.id)).commentWindowClosesAt).toBe(later);
    const [moved] = await eventsOf(h, plan.id, 'DEADLINE_EXTENDED');
    expect(moved).toMatchObject({ actor: 'admin-ops', payload: { stage: 'CIVIL_SOCIETY_COMMENT' } });

    // Past the first close, a comment is still taken.
    await eventually('the first close to pass', async () => (Date.now() > closesAt + 500 ? true : undefined));
    await postComment(h, plan.id, 'cso-youth-network', 'Taken in the extended window.');
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    // The window closed at the new time, not before: then the disposition of the comment began.
    const [disposition] = await waitForOpenTasks(h, plan.id, 'disposition', 1, 20_000);
    expect(disposition.createdAt.getTime()).toBeGreaterThanOrEqual(later);
  });

  it("an admin moves the silence procedure's end later: every seat's deadline moves", async () => {
    const { plan, task } = await reachSecretariatReview(
      h,
      fastSettings({ CIVIL_SOCIETY_COMMENT: 1_000, GOF_ENDORSEMENT: 3_000 }),
    );
    await expectRefused(moveStageDeadline(plan.id, Date.now() + 60_000), 'NO_DEADLINE_RUNNING');
    await decide(h, task, 'secretariat-anna', { decision: 'approve' });
    const seats = await waitForOpenTasks(h, plan.id, 'endorsement', 3);
    const later = seats[0].dueAt.getTime() + 60_000;
    await moveStageDeadline(plan.id, later);
    for (const seat of seats) expect((await taskRow(h, seat.id)).dueAt.getTime()).toBe(later);
    // The first deadline passes in silence, and the plan is still in the procedure.
    await eventually('the first deadline to pass', async () =>
      Date.now() > seats[0].dueAt.getTime() + 1_500 ? true : undefined,
    );
    expect(await planStatus(h, plan.id)).toBe('GOF_ENDORSEMENT');
    expect(await waitForOpenTasks(h, plan.id, 'endorsement', 3)).toHaveLength(3);
  });
});
