import { randomUUID } from 'node:crypto';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { ApiHarness } from '../support/api-harness';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; message: string }[];
}

describe('bad input gets a 4xx that says what is wrong, never a 500', () => {
  const h = new ApiHarness();
  let draftId: string;
  beforeAll(async () => {
    await h.start();
    draftId = (await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan())).id;
  });
  afterAll(() => h.stop());

  const post = (path: string, body: unknown, headers?: Record<string, string>) =>
    h.api.request<ErrorBody>('submitter-pt', 'POST', path, body, headers);

  it('refuses malformed JSON', async () => {
    const response = await post('/plans', '{"kind": "national_plan",', {});
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/JSON/);
  });

  it('refuses unknown fields, naming them', async () => {
    const response = await post('/plans', { ...nationalPlan(), colour: 'blue' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'colour' })]);
  });

  it('refuses unknown nested fields', async () => {
    const plan = nationalPlan();
    const response = await post('/plans', {
      ...plan,
      fields: { ...plan.fields, media: { ...plan.fields.media, budget: 1 } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'fields.media.budget' })]);
  });

  it('lists every missing field', async () => {
    const response = await post('/plans', { kind: 'national_plan' });
    expect(response.status).toBe(400);
    const fields = new Set(response.body.errors!.map((e) => e.field));
    expect([...fields]).toEqual(
      expect.arrayContaining(['title', 'summary', 'partners', 'consultees', 'fields', 'priorityTopics']),
    );
  });

  it('refuses a wrong enum value', async () => {
    const response = await post('/plans', { ...nationalPlan(), kind: 'city_plan' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'kind', message: expect.stringMatching(/national_plan/) }),
    ]);
  });

  it('refuses oversized text', async () => {
    const response = await post('/plans', { ...nationalPlan(), title: 'x'.repeat(301) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'title' })]);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await post('/plans', { ...nationalPlan(), summary: 'x'.repeat(1_100_000) });
    expect(response.status).toBe(413);
  });

  it('refuses malformed ids', async () => {
    for (const path of [
      '/plans/not-a-uuid',
      '/tasks/123',
      '/plans/00000000-0000-0000-0000-000000000000/versions/x/diff/1',
    ]) {
      const response = await h.api.request<ErrorBody>('submitter-pt', 'GET', path);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
    }
  });

  it('answers 404 for an id that does not exist', async () => {
    const response = await h.api.request<ErrorBody>('submitter-pt', 'GET', `/plans/${randomUUID()}`);
    expect(response.status).toBe(404);
  });

  it('refuses inconsistent plans and bad query parameters', async () => {
    const regionalWithCountry = await post('/plans', {
      ...nationalPlan(),
      kind: 'regional_strategy',
      countries: ['PT', 'ES'],
    });
    expect(regionalWithCountry.status).toBe(400);
    expect(regionalWithCountry.body.message).toMatch(/country/);
    const badPage = await h.api.request<ErrorBody>('submitter-pt', 'GET', '/plans?pageSize=1000');
    expect(badPage.status).toBe(400);
    const badStatus = await h.api.request<ErrorBody>('submitter-pt', 'GET', '/tasks?status=done');
    expect(badStatus.status).toBe(400);
  });

  it('refuses to submit a plan without the minimum structure, with an error for each field', async () => {
    const plan = nationalPlan();
    const thin = {
      ...plan,
      consultees: { PT: [] },
      fields: { ...plan.fields, youth: { objectives: [], actions: [] }, migration: { objectives: [], actions: [] } },
    };
    const draft = await h.api.expect<{ id: string; status: string }>(201, 'submitter-pt', 'POST', '/plans', thin);
    expect(draft.status).toBe('DRAFT');
    const response = await post(`/plans/${draft.id}/submit`, undefined);
    expect(response.status).toBe(400);
    expect(response.body.errors!.map((e) => e.field).sort()).toEqual([
      'consultees.PT',
      'fields.migration.objectives',
      'fields.youth.objectives',
    ]);
    const after = await h.api.expect<{ status: string; latestVersion: number }>(
      200,
      'submitter-pt',
      'GET',
      `/plans/${draft.id}`,
    );
    expect(after).toMatchObject({ status: 'DRAFT', latestVersion: 0 });
  });

  it('requires a well-formed Idempotency-Key to complete a task', async () => {
    const response = await h.api.request<ErrorBody>('secretariat-anna', 'POST', `/tasks/${randomUUID()}/complete`, {
      decision: 'approve',
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/Idempotency-Key/);
  });

  it('refuses null for a field instead of storing it', async () => {
    for (const field of ['title', 'consultees', 'fields', 'summary']) {
      const response = await h.api.request<ErrorBody>('submitter-pt', 'PATCH', `/plans/${draftId}`, { [field]: null });
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors!.map((e) => e.field)).toContain(field);
    }
  });

  it('refuses out-of-range numbers in paths and queries', async () => {
    for (const path of [
      `/plans/${draftId}/versions/99999999999/diff/1`,
      `/plans/${draftId}/versions/0/diff/1`,
      '/plans?page=1e20',
    ]) {
      const response = await h.api.request<ErrorBody>('submitter-pt', 'GET', path);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
    }
  });

  it('keeps the draft intact after refused edits', async () => {
    const refused = await h.api.request<ErrorBody>('submitter-pt', 'PATCH', `/plans/${draftId}`, {
      kind: 'regional_strategy',
    });
    expect(refused.status).toBe(400);
    const plan = await h.api.expect<{ draft: { kind: string; title: string } }>(
      200,
      'submitter-pt',
      'GET',
      `/plans/${draftId}`,
    );
    expect(plan.draft).toMatchObject({ kind: 'national_plan', title: nationalPlan().title });
  });

  describe('text PostgreSQL cannot store, nesting and prototype keys', () => {
    const fieldsOf = (body: ErrorBody) => (body.errors ?? []).map((e) => e.field);

    it('refuses a NUL in a completion comment, naming the field; the task can still be answered', async () => {
      const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
      await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
      try {
        const [task] = await h.api.waitForTasks('consultee-pt-education', plan.id, 1, 'NATIONAL_CONSULTATION');
        const refused = await h.api.request<ErrorBody>(
          'consultee-pt-education',
          'POST',
          `/tasks/${task.id}/complete`,
          { decision: 'support_with_comments', comment: 'bad \u0000 text' },
          { 'Idempotency-Key': randomUUID() },
        );
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/comment/) });
        expect(fieldsOf(refused.body)).toEqual(['comment']);
        const answered = await h.api.request<{ outcome: { comment: string } }>(
          'consultee-pt-education',
          'POST',
          `/tasks/${task.id}/complete`,
          { decision: 'support_with_comments', comment: 'good text' },
          { 'Idempotency-Key': randomUUID() },
        );
        expect(answered.status).toBe(200);
        expect(answered.body.outcome.comment).toBe('good text');
      } finally {
        await h.api.expect(200, 'admin-ops', 'POST', `/plans/${plan.id}/cancel`, { reason: 'test over' });
      }
    });

    it('refuses a NUL in a title, a summary or a seat name, naming the field', async () => {
      for (const field of ['title', 'summary'] as const) {
        const created = await post('/plans', { ...nationalPlan(), [field]: 'a \u0000 b' });
        expect({ field, status: created.status, fields: fieldsOf(created.body) }).toEqual({
          field,
          status: 400,
          fields: [field],
        });
        const edited = await h.api.request<ErrorBody>('submitter-pt', 'PATCH', `/plans/${draftId}`, {
          [field]: 'a \u0000 b',
        });
        expect({ field, status: edited.status, fields: fieldsOf(edited.body) }).toEqual({
          field,
          status: 400,
          fields: [field],
        });
      }
      const seat = await h.api.request<ErrorBody>('admin-ops', 'POST', '/gof-seats', {
        seat: `nul-${randomUUID()}`,
        name: 'Spain\u0000',
      });
      expect(seat.status).toBe(400);
      expect(seat.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(fieldsOf(seat.body)).toEqual(['name']);
    });

    it('refuses unpaired UTF-16 surrogates, naming the field, however deep', async () => {
      const plan = nationalPlan();
      const lone = await post('/plans', { ...plan, title: 'half a pair: \ud83d' });
      expect(lone.status).toBe(400);
      expect(fieldsOf(lone.body)).toEqual(['title']);
      const nested = await post('/plans', {
        ...plan,
        fields: {
          ...plan.fields,
          media: { ...plan.fields.media, actions: [{ ...plan.fields.media.actions[0], lead: '\udc00 low alone' }] },
        },
      });
      expect(nested.status).toBe(400);
      expect(fieldsOf(nested.body)).toEqual(['fields.media.actions.0.lead']);
      const pair = await post('/plans', { ...plan, title: 'a whole pair is fine: \ud83d\ude00' });
      expect(pair.status).toBe(201);
    });

    it('refuses a NUL in a query string, naming the parameter', async () => {
      const response = await h.api.request<ErrorBody>('submitter-pt', 'GET', '/tasks?stage=%00');
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain('stage');
      expect(response.body.errors).toContainEqual({ field: 'stage', message: expect.stringMatching(/NUL/) });
    });

    it('refuses deeply nested JSON with a 400 on every kind of body', async () => {
      const deep = (n: number) => `{"kind":"national_plan","title":${'['.repeat(n)}${']'.repeat(n)}}`;
      for (const [user, method, path] of [
        ['submitter-pt', 'POST', '/plans'],
        ['submitter-pt', 'PATCH', `/plans/${draftId}`],
        ['consultee-pt-education', 'POST', `/tasks/${randomUUID()}/complete`],
        ['admin-ops', 'POST', '/gof-seats'],
      ] as const) {
        for (const depth of [100, 50_000]) {
          const response = await h.api.request<ErrorBody>(user, method, path, deep(depth), {
            'Idempotency-Key': randomUUID(),
          });
          expect({ path, depth, status: response.status }).toEqual({ path, depth, status: 400 });
          expect(response.body.message).toMatch(/nested/);
        }
      }
      const health = await h.api.request(null, 'GET', '/health');
      expect(health.status).toBe(200);
    });

    it('refuses prototype keys anywhere in a body, and pollutes nothing', async () => {
      const plan = nationalPlan();
      for (const [body, field] of [
        [`{"__proto__":{"isAdmin":true},"title":"x"}`, '__proto__'],
        [`{"constructor":{"prototype":{"isAdmin":true}}}`, 'constructor'],
        [`{"fields":{"media":{"__proto__":{"objectives":["x"]}}}}`, 'fields.media.__proto__'],
        [`{"partners":[{"prototype":1}]}`, 'partners.0.prototype'],
      ]) {
        const response = await h.api.request<ErrorBody>('submitter-pt', 'PATCH', `/plans/${draftId}`, body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(fieldsOf(response.body)).toContain(field);
      }
      const created = await post('/plans', JSON.stringify({ ...plan }).replace('{', '{"__proto__":{"kind":"x"},'));
      expect(created.status).toBe(400);
      const after = await h.api.expect<Record<string, unknown>>(200, 'submitter-pt', 'GET', `/plans/${draftId}`);
      expect(JSON.stringify(after)).not.toMatch(/isAdmin/);
    });
  });
});
