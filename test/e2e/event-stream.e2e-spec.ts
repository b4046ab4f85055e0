import { randomUUID } from 'node:crypto';
import type { ApiClient } from '@aoc/demo/api-client';
import { nationalPlan } from '@aoc/demo/demo-plans';
import type { DemoUser } from '@aoc/demo/demo-users';
import { ApiHarness } from '../support/api-harness';
import { SseConnection } from '../support/sse-client';
import { openTestDatabase } from '../support/test-database';

/** The `application_name` of the API's LISTEN connections (LISTENER_NAME in event-stream.hub.ts, an ES module jest cannot load). */
const LISTENER_NAME = 'aoc-event-stream';

/**
 * The live event stream (GET /api/events/stream) through two API instances on one database:
 * events written through one reach the streams of the other (PostgreSQL LISTEN/NOTIFY); a
 * stream resumed with Last-Event-ID gets exactly the events it missed; each caller sees only
 * the events of the plans it may see.
 */
describe('the live event stream', () => {
  const h = new ApiHarness({ EVENT_STREAM_HEARTBEAT: '1s' });
  let other: ApiClient;
  const open: SseConnection[] = [];

  beforeAll(async () => {
    await h.start();
    other = await h.startExtraApi({ EVENT_STREAM_HEARTBEAT: '1s' });
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await h.stop();
  });

  async function stream(api: ApiClient, user: DemoUser, query = '', headers: Record<string, string> = {}) {
    const token = await api.token(user);
    const connection = await SseConnection.open(`${api.baseUrl}/api/events/stream${query}`, {
      authorization: `Bearer ${token}`,
      ...headers,
    });
    open.push(connection);
    return connection;
  }

  const draft = async () => {
    // A body of this test alone, registered (DOMAIN §12) before the plan consults it.
    const body = `body-${randomUUID().slice(0, 8)}`;
    await h.api.expect(201, 'admin-ops', 'POST', '/registry/bodies', { country: 'PT', id: body, name: `Body ${body}` });
    return h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', {
      ...nationalPlan(),
      consultees: { PT: [body] },
    });
  };

  it('sends an event written through one instance to a stream on another, with a heartbeat', async () => {
    const admin = await stream(other, 'admin-ops');
    expect(admin.status).toBe(200);
    const plan = await draft();
    const [created] = await h.api.waitFor('the PLAN_CREATED event on the other instance’s stream', async () => {
      const got = admin.events().filter((e) => e.planId === plan.id);
      return got.length ? got : undefined;
    });
    expect(created).toMatchObject({ type: 'PLAN_CREATED', planId: plan.id, actor: 'submitter-pt' });
    const [timeline] = await h.api.timeline<{ id: number }>('submitter-pt', plan.id);
    expect(created.id).toBe(timeline.id);
    expect(admin.messages.find((m) => JSON.parse(m.data).planId === plan.id)?.id).toBe(String(timeline.id));
    await h.api.waitFor('a heartbeat', async () => (admin.comments.includes('heartbeat') ? true : undefined), 10_000);
  });

  it('resumes after a disconnect with Last-Event-ID: exactly the missed events, in order, none twice', async () => {
    const plan = await draft();
    const first = await stream(other, 'submitter-pt', `?planId=${plan.id}`);
    // A stream without Last-Event-ID starts live: the draft's creation came before it.
    await h.api.expect(200, 'submitter-pt', 'PATCH', `/plans/${plan.id}`, { title: 'Portugal: stream test' });
    const before = (await h.api.timeline<{ id: number }>('submitter-pt', plan.id)).map((e) => e.id);
    await first.close();
    const lastId = before[before.length - 1];

    // Missed while disconnected: the submission and what the review records at once.
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    await h.api.waitForTasks('admin-ops', plan.id, 1);
    const missed = (await h.api.timeline<{ id: number }>('submitter-pt', plan.id))
      .map((e) => e.id)
      .filter((id) => id > lastId);
    expect(missed.length).toBeGreaterThanOrEqual(4);

    const resumed = await stream(h.api, 'submitter-pt', `?planId=${plan.id}`, { 'Last-Event-ID': String(lastId) });
    await h.api.waitFor('the missed events', async () => (resumed.events().length >= missed.length ? true : undefined));
    const ids = resumed.events().map((e) => e.id);
    expect(ids.slice(0, missed.length)).toEqual(missed);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(resumed.events().every((e) => e.planId === plan.id)).toBe(true);

    // Then it goes on live: a later event arrives once.
    await h.api.expect(200, 'submitter-pt', 'POST', `/plans/${plan.id}/withdraw`, { reason: 'stream test' });
    const withdrawn = await h.api.waitFor('the withdrawal, live', async () =>
      resumed.events().find((e) => e.type === 'PLAN_WITHDRAWN'),
    );
    const all = resumed.events().map((e) => e.id);
    expect(all.filter((id) => id === withdrawn.id)).toHaveLength(1);
    expect(new Set(all).size).toBe(all.length);
  });

  it('loses no event when its LISTEN connection is cut: it reconnects and reads what was written meanwhile', async () => {
    const admin = await stream(other, 'admin-ops');
    const warmUp = await draft();
    await h.api.waitFor('a first event', async () =>
      admin.events().some((e) => e.planId === warmUp.id) ? true : undefined,
    );
    const db = await openTestDatabase({ poolSize: 1 });
    try {
      const [{ cut }] = (await db.query(
        `SELECT count(pg_terminate_backend(pid))::int AS cut FROM pg_stat_activity
         WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_NAME],
      )) as { cut: number }[];
      expect(cut).toBeGreaterThanOrEqual(2);
    } finally {
      await db.destroy();
    }
    // Written while the instances are reconnecting (they wait at least half a second).
    const during = await draft();
    const got = await h.api.waitFor('the event written during the cut', async () =>
      admin.events().find((e) => e.planId === during.id),
    );
    expect(got.type).toBe('PLAN_CREATED');
    const ids = admin.events().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows each caller only the events of plans it may see', async () => {
    const outsider = await stream(other, 'coordinator-see');
    const admin = await stream(other, 'admin-ops');
    const plan = await draft();
    await h.api.waitFor('the draft’s creation on the admin’s stream', async () =>
      admin.events().some((e) => e.planId === plan.id) ? true : undefined,
    );
    // Both streams hang off the same feed: once the admin has it, the outsider would have had it too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(outsider.events().some((e) => e.planId === plan.id)).toBe(false);
    const refused = await stream(other, 'coordinator-see', `?planId=${plan.id}`);
    expect(refused.status).toBe(403);
  });

  it('refuses a bad Last-Event-ID or planId with a 400, and no token with a 401', async () => {
    expect((await stream(h.api, 'admin-ops', '', { 'Last-Event-ID': 'abc' })).status).toBe(400);
    expect((await stream(h.api, 'admin-ops', '?planId=not-a-uuid')).status).toBe(400);
    expect((await stream(h.api, 'admin-ops', '?other=1')).status).toBe(400);
    const anonymous = await SseConnection.open(`${h.api.baseUrl}/api/events/stream`, {});
    expect(anonymous.status).toBe(401);
  });
});
