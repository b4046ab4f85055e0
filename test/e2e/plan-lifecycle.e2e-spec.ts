import { randomUUID } from 'node:crypto';
import { nationalPlan, regionalStrategy } from '@aoc/demo/demo-plans';
import { walkToEndorsed } from '@aoc/demo/demo-walk';
import { seedSeats } from '@aoc/demo/demo-registry';
import { ApiHarness } from '../support/api-harness';

const key = () => ({ 'Idempotency-Key': randomUUID() });
const seats = ['gof-es', 'gof-tr', 'gof-unesco'] as const;

describe('plans through HTTP', () => {
  const h = new ApiHarness();
  beforeAll(async () => {
    await h.start();
    await seedSeats(h.api, () => undefined);
  });
  afterAll(() => h.stop());

  it('reports health, with PostgreSQL and Temporal up, and serves the OpenAPI document', async () => {
    const health = await h.api.expect<{ checks: Record<string, { status: string }> }>(
      200,
      'admin-ops',
      'GET',
      '/health',
    );
    expect(health.checks.postgres.status).toBe('up');
    expect(health.checks.temporal.status).toBe('up');
    expect(health.checks.worker.status).toBe('up');
    const docs = await h.api.request<string>(null, 'GET', '/docs');
    expect(docs.status).toBe(200);
    const spec = await h.api.expect<{ paths: Record<string, unknown> }>(200, null, 'GET', '/docs-json');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/plans', '/api/tasks/{id}/complete']));
  });

  it('walks a national plan and a regional strategy to ENDORSED', async () => {
    const [national, regional] = await Promise.all([
      walkToEndorsed(h.api, nationalPlan(), {
        submitter: 'submitter-pt',
        consultees: ['consultee-pt-education', 'consultee-pt-culture'],
        cso: 'cso-youth-network',
        secretariat: 'secretariat-anna',
        seats: [...seats],
      }),
      walkToEndorsed(h.api, regionalStrategy(), {
        submitter: 'coordinator-see',
        consultees: ['consultee-al-foreign', 'consultee-ba-civil', 'consultee-hr-culture'],
        cso: 'cso-media-watch',
        secretariat: 'secretariat-omar',
        seats: [...seats],
      }),
    ]);

    // Pages of three events, the cursor followed: the same events as one page of them all.
    const timeline = await h.api.timeline<{
      id: number;
      type: string;
      actor: string;
      version: { number: number } | null;
    }>('submitter-pt', national, 3);
    const whole = await h.api.request<{ id: number }[]>(
      'submitter-pt',
      'GET',
      `/plans/${national}/timeline?limit=1000`,
    );
    expect(whole.headers?.get('x-next-after')).toBeNull();
    expect(timeline.map((e) => e.id)).toEqual(whole.body.map((e) => e.id));
    const first = await h.api.request<{ id: number }[]>('submitter-pt', 'GET', `/plans/${national}/timeline?limit=2`);
    expect(first.body).toHaveLength(2);
    expect(first.headers?.get('x-next-after')).toBe(String(first.body[1].id));
    expect(first.headers?.get('link')).toBe(
      `</api/plans/${national}/timeline?limit=2&after=${first.body[1].id}>; rel="next"`,
    );
    for (const bad of ['after=abc', 'after=-1', 'after=1e3', 'limit=0', 'limit=1001']) {
      const answer = await h.api.request('submitter-pt', 'GET', `/plans/${national}/timeline?${bad}`);
      expect({ bad, status: answer.status }).toEqual({ bad, status: 400 });
    }
    const types = timeline.map((e) => e.type);
    expect(types[0]).toBe('PLAN_CREATED');
    expect(types).toEqual(
      expect.arrayContaining([
        'PLAN_SUBMITTED',
        'STAGE_ENTERED',
        'TASK_COMPLETED',
        'COMMENT_POSTED',
        'COMMENT_DISPOSED',
        'PLAN_ENDORSED',
      ]),
    );
    // The endorsement ends the review; only its adoption record may follow (DOMAIN §10).
    expect(types.filter((t) => t !== 'RECORD_ISSUED').at(-1)).toBe('PLAN_ENDORSED');

    const tasks = await h.api.expect<{ items: { candidate: { country: string } }[] }>(
      200,
      'admin-ops',
      'GET',
      `/tasks?planId=${regional}&status=completed&stage=NATIONAL_CONSULTATION`,
    );
    expect(tasks.items.map((t) => t.candidate.country).sort()).toEqual(['AL', 'BA', 'HR']);
  });

  it('revises on request: a new version, a field-by-field diff, stale decisions, and back to the secretariat', async () => {
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    const first = await h.api.expect<{ version: unknown }>(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    // A repeat is idempotent, whether the workflow has announced the stage yet or not.
    const again = await h.api.expect<{ version: unknown }>(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    expect(again.version).toEqual(first.version);
    await h.api.waitForStatus('submitter-pt', plan.id, 'NATIONAL_CONSULTATION');
    const later = await h.api.expect<{ version: unknown }>(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    expect(later.version).toEqual(first.version);

    for (const consultee of ['consultee-pt-education', 'consultee-pt-culture'] as const) {
      const [task] = await h.api.waitForTasks(consultee, plan.id, 1, 'NATIONAL_CONSULTATION');
      await h.api.expect(200, consultee, 'POST', `/tasks/${task.id}/complete`, { decision: 'support' }, key());
    }
    const [review] = await h.api.waitForTasks('secretariat-anna', plan.id, 1, 'SECRETARIAT_REVIEW');
    await h.api.expect(
      200,
      'secretariat-anna',
      'POST',
      `/tasks/${review.id}/complete`,
      { decision: 'request_revision', reason: 'Add a budget.' },
      key(),
    );
    await h.api.waitForStatus('submitter-pt', plan.id, 'REVISION');

    await h.api.expect(200, 'submitter-pt', 'PATCH', `/plans/${plan.id}`, {
      summary: 'Now with a budget of 2 million euros.',
    });
    // The unsubmitted revision is the author's: others read the frozen versions only.
    const seenByReviewer = await h.api.expect<{ draft?: unknown }>(200, 'secretariat-anna', 'GET', `/plans/${plan.id}`);
    expect(seenByReviewer.draft).toBeUndefined();
    const seenByAuthor = await h.api.expect<{ draft: { summary: string } }>(
      200,
      'submitter-pt',
      'GET',
      `/plans/${plan.id}`,
    );
    expect(seenByAuthor.draft.summary).toBe('Now with a budget of 2 million euros.');
    const resubmitted = await h.api.expect<{ version: { number: number } }>(
      202,
      'submitter-pt',
      'POST',
      `/plans/${plan.id}/submit`,
    );
    expect(resubmitted.version.number).toBe(2);
    const [second] = await h.api.waitForTasks('secretariat-omar', plan.id, 1, 'SECRETARIAT_REVIEW');
    expect(second.id).not.toBe(review.id);

    const diff = await h.api.expect<{ changes: { path: string; after: unknown }[] }>(
      200,
      'secretariat-omar',
      'GET',
      `/plans/${plan.id}/versions/1/diff/2`,
    );
    expect(diff.changes).toEqual([
      expect.objectContaining({ path: 'summary', after: 'Now with a budget of 2 million euros.' }),
    ]);
    const versions = await h.api.expect<{ number: number; hash: string }[]>(
      200,
      'submitter-pt',
      'GET',
      `/plans/${plan.id}/versions`,
    );
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[0].hash).not.toBe(versions[1].hash);

    const old = await h.api.expect<{ stale: boolean; version: { number: number } }>(
      200,
      'admin-ops',
      'GET',
      `/tasks/${review.id}`,
    );
    expect(old).toMatchObject({ stale: true, version: { number: 1 } });

    const withdrawn = await h.api.expect<{ status: string }>(
      200,
      'submitter-pt',
      'POST',
      `/plans/${plan.id}/withdraw`,
      {
        reason: 'Superseded.',
      },
    );
    expect(withdrawn.status).toBe('WITHDRAWN');
    const open = await h.api.expect<{ items: unknown[] }>(
      200,
      'admin-ops',
      'GET',
      `/tasks?planId=${plan.id}&status=open`,
    );
    expect(open.items).toHaveLength(0);
    // A retried withdrawal answers as the first did; cancelling the withdrawn plan is a conflict.
    const retried = await h.api.expect<{ status: string }>(
      200,
      'submitter-pt',
      'POST',
      `/plans/${plan.id}/withdraw`,
      {},
    );
    expect(retried.status).toBe('WITHDRAWN');
    expect(await h.api.request('admin-ops', 'POST', `/plans/${plan.id}/cancel`, {})).toMatchObject({
      status: 409,
      body: { code: 'REVIEW_ENDED' },
    });
    expect(
      (await h.api.timeline<{ type: string }>('admin-ops', plan.id)).filter((e) => e.type === 'PLAN_WITHDRAWN'),
    ).toHaveLength(1);
  });

  it('attaches a revised version to the disposition of comments; later stages review it', async () => {
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    const consultation = [];
    for (const consultee of ['consultee-pt-education', 'consultee-pt-culture'] as const) {
      const [task] = await h.api.waitForTasks(consultee, plan.id, 1, 'NATIONAL_CONSULTATION');
      consultation.push(task);
      await h.api.expect(200, consultee, 'POST', `/tasks/${task.id}/complete`, { decision: 'support' }, key());
    }
    await h.api.waitForStatus('submitter-pt', plan.id, 'CIVIL_SOCIETY_COMMENT');
    const tooEarly = await h.api.request('submitter-pt', 'PATCH', `/plans/${plan.id}`, { summary: 'Too early.' });
    expect(tooEarly).toMatchObject({ status: 409, body: { code: 'PLAN_NOT_EDITABLE' } });
    const comment = await h.api.expect<{ id: string }>(201, 'cso-youth-network', 'POST', `/plans/${plan.id}/comments`, {
      text: 'Name the youth council as a partner.',
      field: 'youth',
    });
    const [disposition] = await h.api.waitForTasks('submitter-pt', plan.id, 1, 'CIVIL_SOCIETY_COMMENT');

    await h.api.expect(200, 'submitter-pt', 'PATCH', `/plans/${plan.id}`, {
      partners: ['portuguese-youth-council', 'youth-network'],
    });
    const done = await h.api.expect<{ outcome: { decision: string } }>(
      200,
      'submitter-pt',
      'POST',
      `/tasks/${disposition.id}/complete`,
      {
        decision: 'dispose',
        attachRevision: true,
        dispositions: [{ commentId: comment.id, disposition: 'accepted', response: 'Added as a partner.' }],
      },
      key(),
    );
    expect(done.outcome.decision).toBe('dispose');

    const [review] = await h.api.waitForTasks('secretariat-anna', plan.id, 1, 'SECRETARIAT_REVIEW');
    expect((review as unknown as { version: { number: number } }).version.number).toBe(2);
    const diff = await h.api.expect<{ changes: { path: string }[] }>(
      200,
      'secretariat-anna',
      'GET',
      `/plans/${plan.id}/versions/1/diff/2`,
    );
    expect(diff.changes.map((c) => c.path)).toEqual(['partners']);
    const stale = await h.api.expect<{ stale: boolean }>(200, 'admin-ops', 'GET', `/tasks/${consultation[0].id}`);
    expect(stale.stale).toBe(true);
    const comments = await h.api.expect<{ stale: boolean; disposition: { disposition: string } }[]>(
      200,
      'submitter-pt',
      'GET',
      `/plans/${plan.id}/comments`,
    );
    expect(comments).toEqual([
      expect.objectContaining({ stale: true, disposition: expect.objectContaining({ disposition: 'accepted' }) }),
    ]);
  });
});
