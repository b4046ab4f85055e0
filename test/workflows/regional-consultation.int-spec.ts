import { fastSettings, useHarness } from '../support/harness';
import {
  decide,
  eventsOf,
  insertNextVersion,
  insertSubmittedPlan,
  openTasks,
  regionalContent,
  startReview,
  submitRevision,
  tasksOf,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';
import { planWorkflowId } from '../support/workflow-contracts';

describe('regional strategy consultation', () => {
  const h = useHarness({ demoSeats: true });

  it('runs one consultation per country; after an objection only the objecting country is consulted again', async () => {
    const plan = await insertSubmittedPlan(h, regionalContent(), 'coordinator-see');
    await startReview(h, plan, 'coordinator-see', fastSettings());
    const first = await waitForOpenTasks(h, plan.id, 'consultation', 3);
    const byCountry = Object.fromEntries(first.map((t) => [t.candidateCountry, t]));
    expect(Object.keys(byCountry).sort()).toEqual(['AL', 'BA', 'HR']);
    expect(byCountry.AL.candidateBody).toBe('ministry-foreign-affairs');
    // A child workflow per country, none of them the plan's own workflow.
    expect(new Set(first.map((t) => t.workflowId)).size).toBe(3);
    for (const task of first) {
      expect(task.workflowId).not.toBe(planWorkflowId(plan.id));
      expect(task.workflowId).toContain(task.candidateCountry!);
    }

    await decide(h, byCountry.BA, 'consultee-ba-civil', { decision: 'support' });
    await decide(h, byCountry.HR, 'consultee-hr-culture', {
      decision: 'support_with_comments',
      comment: 'Mention the Dubrovnik summer school.',
    });
    // Two of three countries have answered: the stage waits for the third.
    expect(await openTasks(h, plan.id, 'consultation')).toHaveLength(1);
    await decide(h, byCountry.AL, 'consultee-al-foreign', { decision: 'object', reason: 'Albanian is missing.' });

    await waitForStatus(h, plan.id, 'REVISION');
    const [round1] = await eventsOf(h, plan.id, 'STAGE_COMPLETED');
    expect(round1.payload.outcome).toBe('revision');
    expect(
      (round1.payload.answers as { country: string; decision: string }[]).map((a) => [a.country, a.decision]),
    ).toEqual(
      expect.arrayContaining([
        ['AL', 'object'],
        ['BA', 'support'],
        ['HR', 'support_with_comments'],
      ]),
    );

    const v2 = await insertNextVersion(h, plan.id);
    await submitRevision(h, plan.id, v2, 'coordinator-see');
    const [again] = await waitForOpenTasks(h, plan.id, 'consultation', 1);
    expect(again).toMatchObject({
      candidateCountry: 'AL',
      candidateBody: 'ministry-foreign-affairs',
      versionNumber: 2,
      versionHash: v2.hash,
    });
    expect(again.workflowId).not.toBe(byCountry.AL.workflowId);
    expect(again.workflowId).toContain('AL');

    // Only AL was asked again; BA and HR keep their (now stale) answers on version 1.
    const all = await tasksOf(h, plan.id, 'consultation');
    expect(all).toHaveLength(4);
    expect(all.filter((t) => t.versionNumber === 2).map((t) => t.candidateCountry)).toEqual(['AL']);
    expect(
      all
        .filter((t) => t.candidateCountry !== 'AL')
        .map((t) => [t.candidateCountry, t.versionNumber, t.status, t.decision])
        .sort(),
    ).toEqual([
      ['BA', 1, 'completed', 'support'],
      ['HR', 1, 'completed', 'support_with_comments'],
    ]);

    await decide(h, again, 'consultee-al-foreign', { decision: 'support' });
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    const round2 = (await eventsOf(h, plan.id, 'STAGE_COMPLETED'))[1];
    expect(round2.versionNumber).toBe(2);
    expect(round2.payload.outcome).toBe('enter');
    expect(
      (round2.payload.answers as { country: string; decision: string; version: { number: number } }[]).map((a) => [
        a.country,
        a.decision,
        a.version.number,
      ]),
    ).toEqual([['AL', 'support', 2]]);
    const standing = round2.payload.standing as { country: string; version: { number: number }; stale: boolean }[];
    expect(standing.map((a) => [a.country, a.version.number, a.stale]).sort()).toEqual([
      ['AL', 2, false],
      ['BA', 1, true],
      ['HR', 1, true],
    ]);
  });
});
