import { fastSettings, useHarness } from '../support/harness';
import {
  decide,
  decideAs,
  eventsOf,
  expectRefused,
  openTasks,
  reachEndorsement,
  seatHolderOf,
  tasksOf,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';

describe('Group of Friends endorsement (silence procedure)', () => {
  const h = useHarness({ demoSeats: true });

  const TEN_MINUTES = 10 * 60_000;
  const settings = (GOF_ENDORSEMENT: number) => fastSettings({ CIVIL_SOCIETY_COMMENT: 1_000, GOF_ENDORSEMENT });

  it('silence holds: nobody acts, and the plan is ENDORSED at the deadline', async () => {
    const { plan, handle, tasks } = await reachEndorsement(h, settings(3_000));
    expect(tasks.map((t) => t.candidateSeat)).toEqual(expect.arrayContaining(['ES', 'TR', 'UNESCO']));
    const dueAt = tasks[0].dueAt.getTime();
    expect(tasks.every((t) => t.dueAt.getTime() === dueAt)).toBe(true);

    expect(await handle.result()).toEqual({ status: 'ENDORSED', version: plan.version });
    await waitForStatus(h, plan.id, 'ENDORSED');
    const [endorsed] = await eventsOf(h, plan.id, 'PLAN_ENDORSED');
    expect(endorsed.at.getTime()).toBeGreaterThanOrEqual(dueAt);
    expect(endorsed).toMatchObject({ actor: 'system', payload: { outcome: 'silence' } });

    const closed = await tasksOf(h, plan.id, 'endorsement');
    expect(closed).toHaveLength(tasks.length);
    for (const task of closed) {
      expect(task).toMatchObject({ status: 'completed', decision: 'silent', completedBy: 'system' });
    }
    const silent = (await eventsOf(h, plan.id, 'TASK_COMPLETED')).filter((e) => e.payload.decision === 'silent');
    expect(silent).toHaveLength(tasks.length);
    expect(await eventsOf(h, plan.id, 'SILENCE_BROKEN')).toHaveLength(0);
  });

  it('every seat endorses: ENDORSED at once, well before the deadline', async () => {
    const { plan, handle, tasks } = await reachEndorsement(h, settings(TEN_MINUTES));
    const dueAt = tasks[0].dueAt.getTime();
    for (const task of tasks) await decideAs(h, task, seatHolderOf(task), { decision: 'endorse' });

    expect(await handle.result()).toEqual({ status: 'ENDORSED', version: plan.version });
    await waitForStatus(h, plan.id, 'ENDORSED');
    const [endorsed] = await eventsOf(h, plan.id, 'PLAN_ENDORSED');
    expect(endorsed.at.getTime()).toBeLessThan(dueAt - TEN_MINUTES / 2);
    // The last seat to endorse decided it.
    expect(endorsed).toMatchObject({ actor: seatHolderOf(tasks.at(-1)!).sub, payload: { outcome: 'endorsed' } });
    const closed = await tasksOf(h, plan.id, 'endorsement');
    expect(closed.map((t) => [t.candidateSeat, t.decision, t.completedBy])).toEqual(
      expect.arrayContaining([
        ['ES', 'endorse', 'gof-es'],
        ['TR', 'endorse', 'gof-tr'],
        ['UNESCO', 'endorse', 'gof-unesco'],
      ]),
    );
    expect(closed.every((t) => t.status === 'completed' && t.decision === 'endorse')).toBe(true);
  });

  it('silence broken: back to secretariat review with the objection; the other seats are cancelled', async () => {
    const { plan, tasks } = await reachEndorsement(h, settings(TEN_MINUTES));
    const bySeat = Object.fromEntries(tasks.map((t) => [t.candidateSeat, t]));
    await decide(h, bySeat.ES, 'gof-es', { decision: 'endorse' });
    await expectRefused(decide(h, bySeat.TR, 'gof-tr', { decision: 'break_silence' }), 'VALIDATION_FAILED');
    await expectRefused(
      decide(h, bySeat.TR, 'gof-es', { decision: 'break_silence', reason: 'Not my seat.' }),
      'FORBIDDEN',
    );
    await decide(h, bySeat.TR, 'gof-tr', { decision: 'break_silence', reason: 'The migration section is too thin.' });

    await waitForStatus(h, plan.id, 'SECRETARIAT_REVIEW');
    const [broken] = await eventsOf(h, plan.id, 'SILENCE_BROKEN');
    expect(broken.payload).toEqual({ seat: 'TR', reason: 'The migration section is too thin.' });
    expect(broken.actor).toBe('gof-tr');

    const reviewEntries = (await eventsOf(h, plan.id, 'STAGE_ENTERED')).filter(
      (e) => e.payload.stage === 'SECRETARIAT_REVIEW',
    );
    expect(reviewEntries).toHaveLength(2);
    expect(reviewEntries[0].payload.objections).toEqual([]);
    expect(reviewEntries[1].payload.objections).toEqual([
      { seat: 'TR', reason: 'The migration section is too thin.', actor: 'gof-tr', version: plan.version },
    ]);

    const endorsementRows = await tasksOf(h, plan.id, 'endorsement');
    const rows = Object.fromEntries(endorsementRows.map((t) => [t.candidateSeat!, t]));
    expect(rows.ES).toMatchObject({ status: 'completed', decision: 'endorse' });
    expect(rows.TR).toMatchObject({ status: 'completed', decision: 'break_silence' });
    const others = endorsementRows.filter((t) => t.candidateSeat !== 'ES' && t.candidateSeat !== 'TR');
    expect(others.length).toBeGreaterThanOrEqual(1);
    expect(others.every((t) => t.status === 'cancelled' && t.decision === null)).toBe(true);
    const cancelled = (await eventsOf(h, plan.id, 'TASK_CANCELLED')).map((e) => e.payload.taskId);
    expect(cancelled.sort()).toEqual(others.map((t) => t.id).sort());
    // A cancelled task cannot be answered any more.
    await expectRefused(decide(h, rows.UNESCO, 'gof-unesco', { decision: 'endorse' }), 'TASK_CLOSED');

    expect(await openTasks(h, plan.id, 'endorsement')).toHaveLength(0);
    const [review] = await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
    expect(review.versionNumber).toBe(1);
    expect(await eventsOf(h, plan.id, 'PLAN_ENDORSED')).toHaveLength(0);

    // A seat answers once per version: the same version cannot go back to the Group of Friends.
    await expectRefused(
      decide(h, review, 'secretariat-anna', { decision: 'approve' }),
      'INVALID_STATE',
      /request a revision/,
    );
    await decide(h, review, 'secretariat-anna', { decision: 'request_revision', reason: 'Answer the objection.' });
    await waitForStatus(h, plan.id, 'REVISION');
  });
});
