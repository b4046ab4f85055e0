import { eventually, fastSettings, useHarness } from '../support/harness';
import {
  decide,
  decideAs,
  eventsOf,
  insertNextVersion,
  insertSubmittedPlan,
  nationalContent,
  openTasks,
  startReview,
  submitRevision,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';

describe('national consultation', () => {
  const h = useHarness({ demoSeats: true });

  it('moves on to civil society comment when every body supports', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    await startReview(h, plan, 'submitter-pt', fastSettings());
    const tasks = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    expect(tasks.map((t) => t.candidateBody).sort()).toEqual(['ministry-culture', 'ministry-education']);

    const byBody = Object.fromEntries(tasks.map((t) => [t.candidateBody, t]));
    await decide(h, byBody['ministry-education'], 'consultee-pt-education', { decision: 'support' });
    await decide(h, byBody['ministry-culture'], 'consultee-pt-culture', {
      decision: 'support_with_comments',
      comment: 'Add museums.',
    });

    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    const completed = await eventsOf(h, plan.id, 'TASK_COMPLETED');
    expect(completed.map((e) => e.payload.decision).sort()).toEqual(['support', 'support_with_comments']);
  });

  it('after an objection, consults only the objector on the new version; the others stay, stale', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    await startReview(h, plan, 'submitter-pt', fastSettings());
    const tasks = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    const byBody = Object.fromEntries(tasks.map((t) => [t.candidateBody, t]));
    await decide(h, byBody['ministry-education'], 'consultee-pt-education', { decision: 'support' });
    await decide(h, byBody['ministry-culture'], 'consultee-pt-culture', {
      decision: 'object',
      reason: 'No budget line.',
    });

    await waitForStatus(h, plan.id, 'REVISION');
    // The revision request names the objecting body, its reason and who answered for it (DOMAIN §6).
    const [requested] = await eventsOf(h, plan.id, 'REVISION_REQUESTED');
    expect(requested.actor).toBe('consultee-pt-culture');
    expect(requested.payload).toEqual({
      returnTo: 'NATIONAL_CONSULTATION',
      objections: [
        { country: 'PT', body: 'ministry-culture', reason: 'No budget line.', actor: 'consultee-pt-culture' },
      ],
    });
    const v2 = await insertNextVersion(h, plan.id);
    await submitRevision(h, plan.id, v2, 'submitter-pt');

    const [again] = await waitForOpenTasks(h, plan.id, 'consultation', 1);
    expect(again.candidateBody).toBe('ministry-culture');
    expect(again.versionNumber).toBe(2);
    expect(await openTasks(h, plan.id, 'consultation')).toHaveLength(1);

    await decide(h, again, 'consultee-pt-culture', { decision: 'support' });
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
  });

  it('re-consults the objectors still in the revised plan and the bodies new in it, not those it dropped', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    await startReview(h, plan, 'submitter-pt', fastSettings());
    const tasks = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    const byBody = Object.fromEntries(tasks.map((t) => [t.candidateBody, t]));
    await decide(h, byBody['ministry-education'], 'consultee-pt-education', {
      decision: 'object',
      reason: 'Too vague.',
    });
    await decide(h, byBody['ministry-culture'], 'consultee-pt-culture', { decision: 'object', reason: 'No budget.' });

    await waitForStatus(h, plan.id, 'REVISION');
    // The revision drops the culture ministry and brings in the youth ministry.
    const v2 = await insertNextVersion(h, plan.id, (c) => ({
      ...c,
      consultees: { PT: ['ministry-education', 'ministry-youth'] },
    }));
    await submitRevision(h, plan.id, v2, 'submitter-pt');

    const again = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    expect(again.map((t) => [t.candidateBody, t.versionNumber]).sort()).toEqual([
      ['ministry-education', 2],
      ['ministry-youth', 2],
    ]);
    const byBodyV2 = Object.fromEntries(again.map((t) => [t.candidateBody, t]));
    await decide(h, byBodyV2['ministry-education'], 'consultee-pt-education', { decision: 'support' });
    await decideAs(
      h,
      byBodyV2['ministry-youth'],
      { sub: 'consultee-pt-youth', roles: ['consultee'], country: 'PT', body: 'ministry-youth' },
      { decision: 'support' },
    );

    // The stage's own record of version 2's consultation, written once every body it consulted has
    // answered: exactly education and youth. A task for culture would hold the stage open until its
    // deadline answered for it (no_response) and be named here, and in the tasks the stage opened.
    const secondRound = await eventually('the consultation of version 2 to complete', async () =>
      (await eventsOf(h, plan.id, 'STAGE_COMPLETED')).find(
        (e) => e.versionNumber === 2 && e.payload.stage === 'NATIONAL_CONSULTATION',
      ),
    );
    expect(
      (secondRound.payload.answers as { body: string; decision: string; version: { number: number } }[])
        .map((a) => [a.body, a.decision, a.version.number])
        .sort(),
    ).toEqual([
      ['ministry-education', 'support', 2],
      ['ministry-youth', 'support', 2],
    ]);
    const opened = (await eventsOf(h, plan.id, 'TASK_CREATED')).filter((e) => e.versionNumber === 2);
    expect(opened.map((e) => (e.payload.candidate as { body: string }).body).sort()).toEqual([
      'ministry-education',
      'ministry-youth',
    ]);
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
  });
});
