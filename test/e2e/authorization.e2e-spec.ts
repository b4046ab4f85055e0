import { randomUUID } from 'node:crypto';
import { nationalPlan } from '../../apps/cli/src/demo-plans';
import { DemoUser } from '../../apps/cli/src/demo-users';
import { seedSeats } from '../../apps/cli/src/seed';
import type { Actor } from '../../libs/domain/src/actor';
import { ApiHarness } from '../support/api-harness';

const EVERYONE: DemoUser[] = [
  'submitter-pt',
  'coordinator-see',
  'consultee-pt-education',
  'consultee-pt-culture',
  'consultee-al-foreign',
  'cso-youth-network',
  'secretariat-anna',
  'gof-es',
  'admin-ops',
];

/**
 * Every role against every action. For each action, every user not listed as allowed must
 * get 403 (and change nothing); then one allowed user performs it.
 */
describe('authorization matrix', () => {
  const h = new ApiHarness();
  beforeAll(async () => {
    await h.start();
    await seedSeats(h.api, () => undefined);
  });
  afterAll(() => h.stop());

  const key = () => ({ 'Idempotency-Key': randomUUID() });

  async function expectOnly(
    allowed: DemoUser[],
    method: string,
    path: string,
    body?: unknown,
    headers: () => Record<string, string> = () => ({}),
  ): Promise<void> {
    const refused = EVERYONE.filter((u) => !allowed.includes(u));
    const results = await Promise.all(
      refused.map(async (user) => ({
        user,
        status: (await h.api.request(user, method, path, body, headers())).status,
      })),
    );
    expect(results).toEqual(refused.map((user) => ({ user, status: 403 })));
  }

  it('401 without a token, with a bad token, or with a token signed by another secret', async () => {
    expect((await h.api.request(null, 'GET', '/plans')).status).toBe(401);
    const bad = await fetch(`${h.api.baseUrl}/api/plans`, { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(bad.status).toBe(401);
    const forged = (await import('../../libs/auth/src/jwt')).signToken(
      { sub: 'mallory', roles: ['admin'] },
      'another-secret-of-enough-length',
    );
    const forgedResponse = await fetch(`${h.api.baseUrl}/api/plans`, {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(forgedResponse.status).toBe(401);
  });

  it('guards every action of a plan’s life by role, scope and segregation of duties', async () => {
    await expectOnly(['submitter-pt', 'coordinator-see'], 'POST', '/plans', nationalPlan());
    const coordinatorForPt = await h.api.request('coordinator-see', 'POST', '/plans', nationalPlan());
    expect(coordinatorForPt.status).toBe(403);

    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    const id = plan.id;
    await expectOnly(['submitter-pt', 'admin-ops'], 'GET', `/plans/${id}`);
    await expectOnly(['submitter-pt'], 'PATCH', `/plans/${id}`, { summary: 'Edited.' });
    await expectOnly(['submitter-pt'], 'POST', `/plans/${id}/submit`);
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${id}/submit`);
    await h.api.waitForStatus('submitter-pt', id, 'NATIONAL_CONSULTATION');

    // Under review, the plan is visible to the participating country and to the wide roles.
    for (const user of [
      'submitter-pt',
      'consultee-pt-education',
      'cso-youth-network',
      'secretariat-anna',
      'gof-es',
      'admin-ops',
    ] as const) {
      expect({ user, status: (await h.api.request(user, 'GET', `/plans/${id}`)).status }).toEqual({
        user,
        status: 200,
      });
    }
    // Listing follows the same rule as reading.
    const listed = async (user: DemoUser) =>
      (await h.api.expect<{ items: { id: string }[] }>(200, user, 'GET', '/plans?pageSize=100')).items.map((p) => p.id);
    expect(await listed('consultee-pt-education')).toContain(id);
    expect(await listed('cso-youth-network')).toContain(id);
    expect(await listed('coordinator-see')).not.toContain(id);
    expect(await listed('consultee-al-foreign')).not.toContain(id);
    for (const user of ['coordinator-see', 'consultee-al-foreign'] as const) {
      expect({ user, status: (await h.api.request(user, 'GET', `/plans/${id}`)).status }).toEqual({
        user,
        status: 403,
      });
    }

    const [education] = await h.api.waitForTasks('consultee-pt-education', id, 1);
    await expectOnly(['consultee-pt-education'], 'POST', `/tasks/${education.id}/claim`);
    await expectOnly(
      ['consultee-pt-education'],
      'POST',
      `/tasks/${education.id}/complete`,
      { decision: 'support' },
      key,
    );
    await h.api.expect(
      200,
      'consultee-pt-education',
      'POST',
      `/tasks/${education.id}/complete`,
      { decision: 'support' },
      key(),
    );
    const [culture] = await h.api.waitForTasks('consultee-pt-culture', id, 1);
    await expectOnly(['admin-ops'], 'POST', `/tasks/${culture.id}/deadline`, {
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await expectOnly(['admin-ops'], 'POST', `/tasks/${culture.id}/reassign`, { assignee: 'culture-delegate' });
    // Reassigned: the delegate decides, and the body's own consultee no longer may.
    const delegate: Actor = { sub: 'culture-delegate', roles: ['consultee'], country: 'PT', body: 'ministry-culture' };
    await h.api.expect(200, 'admin-ops', 'POST', `/tasks/${culture.id}/reassign`, { assignee: delegate.sub });
    const refused = await h.api.request(
      'consultee-pt-culture',
      'POST',
      `/tasks/${culture.id}/complete`,
      {
        decision: 'support',
      },
      key(),
    );
    expect(refused.status).toBe(403);
    const inbox = await h.api.expect<{ items: { id: string }[] }>(200, delegate, 'GET', `/tasks?planId=${id}`);
    expect(inbox.items.map((t) => t.id)).toEqual([culture.id]);
    await h.api.expect(200, delegate, 'POST', `/tasks/${culture.id}/complete`, { decision: 'support' }, key());

    await h.api.waitForStatus('submitter-pt', id, 'CIVIL_SOCIETY_COMMENT');
    await expectOnly(['cso-youth-network'], 'POST', `/plans/${id}/comments`, { text: 'A comment.' });
    const comment = await h.api.expect<{ id: string }>(201, 'cso-youth-network', 'POST', `/plans/${id}/comments`, {
      text: 'An abusive comment.',
    });
    await expectOnly(['secretariat-anna'], 'POST', `/comments/${comment.id}/hide`, { reason: 'Abusive.' });
    const hidden = await h.api.expect<{ hidden: boolean }>(
      200,
      'secretariat-anna',
      'POST',
      `/comments/${comment.id}/hide`,
      {
        reason: 'Abusive.',
      },
    );
    expect(hidden.hidden).toBe(true);
    // The hidden text stays for moderators and the audit trail only.
    const seenByCso = await h.api.expect<{ id: string; text: string | null }[]>(
      200,
      'cso-youth-network',
      'GET',
      `/plans/${id}/comments`,
    );
    expect(seenByCso.find((c) => c.id === comment.id)!.text).toBeNull();
    const seenByModerator = await h.api.expect<{ id: string; text: string | null }[]>(
      200,
      'secretariat-anna',
      'GET',
      `/plans/${id}/comments`,
    );
    expect(seenByModerator.find((c) => c.id === comment.id)!.text).toBe('An abusive comment.');

    const [review] = await h.api.waitForTasks('secretariat-anna', id, 1, 'SECRETARIAT_REVIEW');
    await expectOnly(['secretariat-anna'], 'POST', `/tasks/${review.id}/complete`, { decision: 'approve' }, key);

    // Segregation of duties: a secretariat reviewer who submitted the plan may not decide it.
    const both: Actor = { sub: 'submitter-pt', roles: ['submitter', 'secretariat'], country: 'PT' };
    const own = await h.api.request<{ message: string }>(
      both,
      'POST',
      `/tasks/${review.id}/complete`,
      { decision: 'approve' },
      key(),
    );
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/segregation of duties/);

    // Two reviewers claiming at once: exactly one holds the task.
    const omar: Actor = { sub: 'secretariat-omar', roles: ['secretariat'] };
    const [anna, other] = await Promise.all([
      h.api.request('secretariat-anna', 'POST', `/tasks/${review.id}/claim`),
      h.api.request(omar, 'POST', `/tasks/${review.id}/claim`),
    ]);
    expect([anna.status, other.status].sort()).toEqual([200, 409]);
    if (other.status === 200) {
      await h.api.expect(409, 'secretariat-anna', 'POST', `/tasks/${review.id}/unclaim`);
      await h.api.expect(200, omar, 'POST', `/tasks/${review.id}/unclaim`);
      await h.api.expect(200, 'secretariat-anna', 'POST', `/tasks/${review.id}/claim`);
    }
    await h.api.expect(409, omar, 'POST', `/tasks/${review.id}/claim`);
    const claimedByOther = await h.api.request(
      omar,
      'POST',
      `/tasks/${review.id}/complete`,
      { decision: 'approve' },
      key(),
    );
    expect(claimedByOther.status).toBe(409);
    await h.api.expect(200, 'secretariat-anna', 'POST', `/tasks/${review.id}/complete`, { decision: 'approve' }, key());

    await h.api.waitForStatus('submitter-pt', id, 'GOF_ENDORSEMENT');
    await expectOnly(['admin-ops'], 'POST', `/plans/${id}/cancel`, {});
    await expectOnly(['submitter-pt'], 'POST', `/plans/${id}/withdraw`, {});
    await expectOnly(['admin-ops'], 'POST', '/gof-seats', { seat: 'XX', name: 'Nowhere' });
    const cancelled = await h.api.expect<{ status: string }>(200, 'admin-ops', 'POST', `/plans/${id}/cancel`, {
      reason: 'Test.',
    });
    expect(cancelled.status).toBe('CANCELLED');
  });
});
