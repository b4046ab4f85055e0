/**
 * The registry of organisations over HTTP (DOMAIN §12): lists for everyone, writes for admins,
 * CSV all-or-nothing, plans refused for what the registry doesn't know (naming the field and the
 * nearest known values), bodies nobody holds escalated, users registered before their first
 * sign-in given tasks, and a scope the registry doesn't know holding nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@aoc/domain/actor';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { ApiHarness } from '../support/api-harness';

interface ErrorBody {
  code: string;
  message: string;
  errors?: { field: string; message: string; line?: number; nearest?: string[] }[];
}
interface TaskItem {
  id: string;
  stage: string;
  candidate: { country?: string; body?: string };
}

describe('the registry (DOMAIN §12)', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
  const addBody = (id: string, country = 'PT') =>
    h.api.expect(201, 'admin-ops', 'POST', '/registry/bodies', { country, id, name: `Body ${id}` });
  /** The plan's open consultation task for `body`, once it is there. */
  const openTaskOf = (planId: string, body: string) =>
    h.api.waitFor(`the consultation task of ${body}`, async () => {
      const page = await h.api.expect<{ items: TaskItem[] }>(
        200,
        'admin-ops',
        'GET',
        `/tasks?planId=${planId}&status=open`,
      );
      return page.items.find((t) => t.candidate.body === body);
    });
  /** A PT plan consulting only `body`, submitted: the plan and the body's open consultation task. */
  const submitConsulting = async (body: string) => {
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', {
      ...nationalPlan(),
      consultees: { PT: [body] },
    });
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    return { plan, task: await openTaskOf(plan.id, body) };
  };

  it('lists the ISO 3166-1 countries with their names in the six UN languages, to every signed-in user', async () => {
    const page = await h.api.expect<{ items: { code: string; names: Record<string, string> }[]; total: number }>(
      200,
      'cso-youth-network',
      'GET',
      '/registry/countries?search=portug',
    );
    expect(page.items.map((c) => c.code)).toEqual(['PT']);
    expect(page.items[0].names).toMatchObject({ en: 'Portugal', fr: 'Portugal', es: 'Portugal' });
    expect(Object.keys(page.items[0].names).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    const all = await h.api.expect<{ total: number }>(200, 'submitter-pt', 'GET', '/registry/countries?pageSize=1');
    expect(all.total).toBeGreaterThanOrEqual(249);
  });

  it('lets only admins write: 403 for anyone else, and the list unchanged', async () => {
    const id = unique('body');
    for (const [method, path, body] of [
      ['POST', '/registry/bodies', { country: 'PT', id, name: 'X' }],
      ['PATCH', '/registry/bodies/PT/ministry-education', { name: 'X' }],
      ['POST', '/registry/bodies/PT/ministry-education/retire', undefined],
      ['POST', '/registry/csv/bodies', { csv: `country,id,name\nPT,${id},X\n` }],
      ['POST', '/registry/seats', { seat: 'FR', name: 'France' }],
      ['POST', '/registry/users', { name: 'X', email: 'x@example.org', roles: ['consultee'] }],
    ] as const) {
      const answer = await h.api.request(
        method === 'POST' ? 'submitter-pt' : 'consultee-pt-education',
        method,
        path,
        body,
      );
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 });
    }
    const bodies = await h.api.expect<{ items: unknown[] }>(
      200,
      'submitter-pt',
      'GET',
      `/registry/bodies?search=${id}`,
    );
    expect(bodies.items).toEqual([]);
  });

  it('refuses a plan naming an unknown body, country or partner: 400 with the field and the nearest known values', async () => {
    const typo = await h.api.request<ErrorBody>('submitter-pt', 'POST', '/plans', {
      ...nationalPlan(),
      consultees: { PT: ['ministry-educaton'] },
    });
    expect(typo.status).toBe(400);
    expect(typo.body.errors).toEqual([
      expect.objectContaining({ field: 'consultees.PT[0]', nearest: expect.arrayContaining(['ministry-education']) }),
    ]);
    expect(typo.body.errors![0].nearest!.length).toBeLessThanOrEqual(3);
    expect(typo.body.errors![0].nearest![0]).toBe('ministry-education');
    expect(typo.body.message).toContain('consultees.PT[0]');

    const partner = await h.api.request<ErrorBody>('submitter-pt', 'POST', '/plans', {
      ...nationalPlan(),
      partners: ['portugese-youth-council'],
    });
    expect(partner.status).toBe(400);
    expect(partner.body.errors).toEqual([
      expect.objectContaining({ field: 'partners[0]', nearest: expect.arrayContaining(['portuguese-youth-council']) }),
    ]);

    // Editing a draft is refused the same way.
    const draft = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    const edit = await h.api.request<ErrorBody>('submitter-pt', 'PATCH', `/plans/${draft.id}`, {
      consultees: { PT: ['ministry-education', 'ministry-cultur'] },
    });
    expect(edit.status).toBe(400);
    expect(edit.body.errors).toEqual([
      expect.objectContaining({ field: 'consultees.PT[1]', nearest: expect.arrayContaining(['ministry-culture']) }),
    ]);
  });

  it('imports CSV all or nothing: a bad row is reported by line and field, and nothing of the file is applied', async () => {
    const good = unique('csv-good');
    const bad = await h.api.request<ErrorBody>('admin-ops', 'POST', '/registry/csv/bodies', {
      csv: `country,id,name,retired\nPT,${good},A good body,false\nPX,${unique('csv')},A body of no country,false\n`,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ line: 3, field: 'country' })]);
    expect(bad.body.message).toMatch(/line 3, country/);
    const none = await h.api.expect<{ items: unknown[] }>(200, 'admin-ops', 'GET', `/registry/bodies?search=${good}`);
    expect(none.items).toEqual([]);

    const outcome = await h.api.expect<{ added: number }>(200, 'admin-ops', 'POST', '/registry/csv/bodies', {
      csv: `country,id,name,retired\nPT,${good},A good body,false\n`,
    });
    expect(outcome).toMatchObject({ added: 1 });
    const exported = await h.api.request<string>('submitter-pt', 'GET', '/registry/csv/bodies');
    expect(exported.status).toBe(200);
    expect(exported.body.split('\n')[0]).toBe('country,id,name,retired');
    expect(exported.body).toContain(`PT,${good},A good body,false`);
  });

  it('retires, never deletes: a retired body is refused to new plans, listed with includeRetired, and logged', async () => {
    const id = unique('retired');
    await addBody(id);
    await h.api.expect(200, 'admin-ops', 'PATCH', `/registry/bodies/PT/${id}`, { name: 'Renamed body' });
    await h.api.expect(200, 'admin-ops', 'POST', `/registry/bodies/PT/${id}/retire`);
    const refused = await h.api.request<ErrorBody>('submitter-pt', 'POST', '/plans', {
      ...nationalPlan(),
      consultees: { PT: [id] },
    });
    expect(refused.status).toBe(400);
    const listed = await h.api.expect<{ items: { id: string; name: string; retired: boolean }[] }>(
      200,
      'submitter-pt',
      'GET',
      `/registry/bodies?search=${id}&includeRetired=true`,
    );
    expect(listed.items).toEqual([expect.objectContaining({ id, name: 'Renamed body', retired: true })]);
    const log = await h.api.expect<{ items: { action: string; actor: string }[] }>(
      200,
      'admin-ops',
      'GET',
      `/registry/changes?kind=bodies&key=PT/${id}`,
    );
    expect(log.items.map((c) => c.action)).toEqual(['retired', 'renamed', 'added']);
    expect(log.items.every((c) => c.actor === 'admin-ops')).toBe(true);
  });

  it('warns when a plan consults a body nobody holds, escalates it, shows the task held by nobody; a user registered before sign-in can take it', async () => {
    const body = unique('unheld');
    await addBody(body);
    const bodies = await h.api.expect<{ items: { holders: number }[] }>(
      200,
      'admin-ops',
      'GET',
      `/registry/bodies?search=${body}`,
    );
    expect(bodies.items[0].holders).toBe(0);
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', {
      ...nationalPlan(),
      consultees: { PT: ['ministry-education', body] },
    });
    const submitted = await h.api.expect<{ warnings: { field: string; message: string }[] }>(
      202,
      'submitter-pt',
      'POST',
      `/plans/${plan.id}/submit`,
    );
    expect(submitted.warnings).toEqual([
      expect.objectContaining({ field: 'consultees.PT', message: expect.stringContaining(body) }),
    ]);
    const escalated = (
      await h.api.timeline<{ type: string; payload: { missing?: unknown } }>('admin-ops', plan.id)
    ).filter((e) => e.type === 'ESCALATED');
    expect(escalated).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ missing: [{ country: 'PT', body }] }) }),
    ]);

    const task = await openTaskOf(plan.id, body);
    const waitingOn = async () => {
      const page = await h.api.expect<{
        items: { planId: string; blockers: { taskId?: string; heldByNobody: boolean }[] }[];
      }>(200, 'admin-ops', 'GET', '/admin/waiting-on?stage=NATIONAL_CONSULTATION&limit=100');
      return page.items.find((p) => p.planId === plan.id)?.blockers.find((b) => b.taskId === task.id);
    };
    expect(await waitingOn()).toMatchObject({ heldByNobody: true });

    // An admin registers its official before their first sign-in: the body has a holder, and the task can be theirs.
    const official = unique('official');
    await h.api.expect(201, 'admin-ops', 'POST', '/registry/users', {
      id: official,
      name: 'Ana Registered',
      email: `${official}@example.org`,
      roles: ['consultee'],
      country: 'PT',
      body,
    });
    const held = await h.api.expect<{ items: { holders: number }[] }>(
      200,
      'admin-ops',
      'GET',
      `/registry/bodies?search=${body}`,
    );
    expect(held.items[0].holders).toBe(1);
    expect(await waitingOn()).toMatchObject({ heldByNobody: false });
    const listed = await h.api.expect<{ id: string; firstSeenAt: string | null }[]>(
      200,
      'admin-ops',
      'GET',
      '/users?role=consultee',
    );
    expect(listed.find((u) => u.id === official)).toMatchObject({ firstSeenAt: null });
    await h.api.expect(200, 'admin-ops', 'POST', `/tasks/${task.id}/reassign`, { assignee: official });

    // Their first sign-in joins the registered row, and the task is theirs.
    const actor: Actor = { sub: official, roles: ['consultee'], country: 'PT', body };
    const mine = await h.api.expect<{ items: TaskItem[] }>(200, actor, 'GET', `/tasks?planId=${plan.id}&status=open`);
    expect(mine.items.map((t) => t.id)).toEqual([task.id]);
    const users = await h.api.expect<{
      items: { id: string; firstSeenAt: string | null; registeredAt: string | null }[];
    }>(200, 'admin-ops', 'GET', `/registry/users?search=${official}`);
    expect(users.items).toEqual([
      expect.objectContaining({ id: official, firstSeenAt: expect.any(String), registeredAt: expect.any(String) }),
    ]);
  });

  it('a user whose claimed scope the registry does not know holds no task until an admin resolves it; the admins are told', async () => {
    const body = unique('later-retired');
    await addBody(body);
    const { plan } = await submitConsulting(body);
    // The body is retired while its task is open: a token claiming it names a scope the registry doesn't know.
    await h.api.expect(200, 'admin-ops', 'POST', `/registry/bodies/PT/${body}/retire`);
    const claimant: Actor = { sub: unique('claimant'), roles: ['consultee'], country: 'PT', body };
    const none = await h.api.expect<{ items: TaskItem[] }>(
      200,
      claimant,
      'GET',
      `/tasks?planId=${plan.id}&status=open`,
    );
    expect(none.items).toEqual([]);
    const waiting = await h.api.expect<{ items: { id: string; scopeUnknown: boolean }[] }>(
      200,
      'admin-ops',
      'GET',
      `/registry/users?scopeUnknown=true&search=${claimant.sub}`,
    );
    expect(waiting.items).toEqual([expect.objectContaining({ id: claimant.sub, scopeUnknown: true })]);
    const told = await h.api.expect<{ items: { action: string }[] }>(
      200,
      'admin-ops',
      'GET',
      `/registry/changes?kind=users&key=${claimant.sub}`,
    );
    expect(told.items.map((c) => c.action)).toContain('scope_unknown');
    // The dashboard's overview counts them (with a link to the list above).
    const overview = () => h.api.expect<{ usersWithUnknownScope: number }>(200, 'admin-ops', 'GET', '/admin/overview');
    const before = (await overview()).usersWithUnknownScope;
    expect(before).toBeGreaterThanOrEqual(1);

    // The admin resolves it (restores the body): the task is theirs to answer, and they no longer wait on an admin.
    await h.api.expect(200, 'admin-ops', 'POST', `/registry/bodies/PT/${body}/restore`);
    const now = await h.api.expect<{ items: TaskItem[] }>(200, claimant, 'GET', `/tasks?planId=${plan.id}&status=open`);
    expect(now.items).toHaveLength(1);
    const resolved = await h.api.expect<{ items: { id: string; scopeUnknown: boolean }[] }>(
      200,
      'admin-ops',
      'GET',
      `/registry/users?search=${claimant.sub}`,
    );
    expect(resolved.items).toEqual([expect.objectContaining({ id: claimant.sub, scopeUnknown: false })]);
    expect((await overview()).usersWithUnknownScope).toBe(before - 1);
    const logged = await h.api.expect<{ items: { action: string }[] }>(
      200,
      'admin-ops',
      'GET',
      `/registry/changes?kind=users&key=${claimant.sub}`,
    );
    expect(logged.items.map((c) => c.action)).toContain('scope_known');
  });

  it('a first sign-in that joins a registered user by verified e-mail takes over the tasks reassigned to them', async () => {
    const body = unique('by-email');
    await addBody(body);
    const registered = unique('registered');
    const email = `${registered}@example.org`;
    await h.api.expect(201, 'admin-ops', 'POST', '/registry/users', {
      id: registered,
      name: 'Rui Registered',
      email,
      roles: ['consultee'],
      country: 'PT',
      body,
    });
    const { plan, task } = await submitConsulting(body);
    await h.api.expect(200, 'admin-ops', 'POST', `/tasks/${task.id}/reassign`, { assignee: registered });

    // They sign in with the provider's own id; the provider vouches for the e-mail.
    const sub = unique('provider-sub');
    const signedIn = { sub, roles: ['consultee'], country: 'PT', body, email, email_verified: true } as Actor;
    await h.api.expect(200, signedIn, 'GET', '/me');
    const theirs = await h.api.waitFor('the task handed over', async () => {
      const page = await h.api.expect<{ items: (TaskItem & { assignee?: string | null })[] }>(
        200,
        signedIn,
        'GET',
        `/tasks?planId=${plan.id}&status=open`,
      );
      return page.items.find((t) => t.id === task.id && t.assignee === sub);
    });
    expect(theirs).toBeDefined();
    const users = await h.api.expect<{ items: { id: string }[] }>(
      200,
      'admin-ops',
      'GET',
      `/registry/users?search=${email}`,
    );
    expect(users.items.map((u) => u.id)).toEqual([sub]);
  });
});
