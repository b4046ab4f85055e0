import { randomUUID } from 'node:crypto';
import { nationalPlan } from '../../apps/cli/src/demo-plans';
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
});
