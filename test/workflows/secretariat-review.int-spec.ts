import { fastSettings, useHarness } from '../support/harness';
import {
  decide,
  eventsOf,
  expectRefused,
  insertNextVersion,
  openTasks,
  reachSecretariatReview,
  snapshot,
  submitRevision,
  taskRow,
  supportNewYouthBody,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';

describe('secretariat review', () => {
  const h = useHarness({ demoSeats: true });

  const settings = (maxRevisionRounds = 3) => fastSettings({ CIVIL_SOCIETY_COMMENT: 1_000 }, maxRevisionRounds);

  it('request_revision sends the plan to REVISION; the new version comes back to review and is approved', async () => {
    const { plan, task } = await reachSecretariatReview(h, settings());
    expect(task.versionNumber).toBe(1);
    expect(task.candidateRole).toBe('secretariat');

    await expectRefused(decide(h, task, 'secretariat-anna', { decision: 'request_revision' }), 'VALIDATION_FAILED');
    await decide(h, task, 'secretariat-anna', { decision: 'request_revision', reason: 'Indicators are missing.' });
    await waitForStatus(h, plan.id, 'REVISION');
    const inRevision = await snapshot(h, plan.id);
    expect(inRevision).toMatchObject({
      status: 'REVISION',
      returnTo: 'SECRETARIAT_REVIEW',
      secretariatRevisionRounds: 1,
    });
    const [requested] = await eventsOf(h, plan.id, 'REVISION_REQUESTED');
    expect(requested.actor).toBe('secretariat-anna');
    expect(requested.payload).toEqual({ returnTo: 'SECRETARIAT_REVIEW', reason: 'Indicators are missing.' });
    // The stage completed by the reviewer's decision names the reviewer (DOMAIN §6), not the system.
    const completed = (await eventsOf(h, plan.id, 'STAGE_COMPLETED')).filter(
      (e) => e.payload.stage === 'SECRETARIAT_REVIEW',
    );
    expect(completed.map((e) => [e.actor, e.payload.decision])).toEqual([['secretariat-anna', 'request_revision']]);
    expect(await openTasks(h, plan.id)).toHaveLength(0);

    const v2 = await insertNextVersion(h, plan.id);
    const resumed = await submitRevision(h, plan.id, v2, 'submitter-pt');
    expect(resumed).toMatchObject({ status: 'SECRETARIAT_REVIEW', version: v2 });
    // A new version is accepted only in REVISION.
    await expectRefused(submitRevision(h, plan.id, { number: 3, hash: 'x' }, 'submitter-pt'), 'REVISION_NOT_EXPECTED');

    const [again] = await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
    expect(again.id).not.toBe(task.id);
    expect(again.versionNumber).toBe(2);
    expect(again.versionHash).toBe(v2.hash);
    // Straight back to secretariat review: no second consultation, no second comment window.
    const entered = (await eventsOf(h, plan.id, 'STAGE_ENTERED')).map((e) => [e.payload.stage, e.versionNumber]);
    expect(entered).toEqual([
      ['NATIONAL_CONSULTATION', 1],
      ['CIVIL_SOCIETY_COMMENT', 1],
      ['SECRETARIAT_REVIEW', 1],
      ['SECRETARIAT_REVIEW', 2],
    ]);

    await decide(h, again, 'secretariat-omar', { decision: 'approve' });
    await waitForStatus(h, plan.id, 'GOF_ENDORSEMENT');
    expect((await taskRow(h, again.id)).completedBy).toBe('secretariat-omar');
    expect(await eventsOf(h, plan.id, 'ESCALATED')).toHaveLength(0);
  });

  it('reject ends the review: REJECTED, PLAN_REJECTED, the workflow completes', async () => {
    const { plan, handle, task } = await reachSecretariatReview(h, settings());
    await expectRefused(decide(h, task, 'secretariat-anna', { decision: 'reject', reason: ' ' }), 'VALIDATION_FAILED');
    await decide(h, task, 'secretariat-anna', { decision: 'reject', reason: 'Not a plan for intercultural dialogue.' });

    const result = await handle.result();
    expect(result).toEqual({ status: 'REJECTED', version: plan.version });
    expect(await waitForStatus(h, plan.id, 'REJECTED')).toBe('REJECTED');
    const [rejected] = await eventsOf(h, plan.id, 'PLAN_REJECTED');
    expect(rejected.versionNumber).toBe(1);
    expect(rejected.actor).toBe('secretariat-anna');
    expect(rejected.payload).toEqual({ reason: 'Not a plan for intercultural dialogue.' });
    expect(await taskRow(h, task.id)).toMatchObject({
      status: 'completed',
      decision: 'reject',
      reason: 'Not a plan for intercultural dialogue.',
      completedBy: 'secretariat-anna',
    });
    expect(await eventsOf(h, plan.id, 'PLAN_ENDORSED')).toHaveLength(0);
  });

  it('escalates to the admins after more than maxRevisionRounds revision rounds', async () => {
    const { plan, task } = await reachSecretariatReview(h, settings(1));
    await decide(h, task, 'secretariat-anna', { decision: 'request_revision', reason: 'Round one.' });
    await waitForStatus(h, plan.id, 'REVISION');
    expect(await eventsOf(h, plan.id, 'ESCALATED')).toHaveLength(0);

    const v2 = await insertNextVersion(h, plan.id);
    await submitRevision(h, plan.id, v2, 'submitter-pt');
    const [second] = await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
    expect(second.versionNumber).toBe(2);
    await decide(h, second, 'secretariat-omar', { decision: 'request_revision', reason: 'Round two.' });
    await waitForStatus(h, plan.id, 'REVISION');

    const escalated = await eventsOf(h, plan.id, 'ESCALATED');
    expect(escalated).toHaveLength(1);
    expect(escalated[0].payload).toMatchObject({ rounds: 2 });
    expect(escalated[0].versionNumber).toBe(2);
    expect(await eventsOf(h, plan.id, 'REVISION_REQUESTED')).toHaveLength(2);
    expect((await snapshot(h, plan.id)).secretariatRevisionRounds).toBe(2);
  });

  it('consults the body a revision adds before the secretariat resumes (DOMAIN §4.1)', async () => {
    const { plan, task } = await reachSecretariatReview(h, settings());
    await decide(h, task, 'secretariat-anna', { decision: 'request_revision', reason: 'Consult youth too.' });
    await waitForStatus(h, plan.id, 'REVISION');
    const v2 = await insertNextVersion(h, plan.id, (c) => ({
      ...c,
      consultees: { PT: [...(c.consultees.PT ?? []), 'ministry-youth'] },
    }));
    await submitRevision(h, plan.id, v2, 'submitter-pt');

    // Only the new body is consulted, on the new version; then the secretariat's review resumes.
    await supportNewYouthBody(h, plan.id, 'secretariat_review');
    const entered = (await eventsOf(h, plan.id, 'STAGE_ENTERED')).map((e) => [e.payload.stage, e.versionNumber]);
    expect(entered).toEqual([
      ['NATIONAL_CONSULTATION', 1],
      ['CIVIL_SOCIETY_COMMENT', 1],
      ['SECRETARIAT_REVIEW', 1],
      ['NATIONAL_CONSULTATION', 2],
      ['SECRETARIAT_REVIEW', 2],
    ]);
  });
});
