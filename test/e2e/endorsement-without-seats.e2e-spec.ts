/**
 * With no Group of Friends seat, endorsement must not pass (DOMAIN §4.4): the plan waits in
 * GOF_ENDORSEMENT, an ESCALATED event tells the admins, and a seat an admin adds through
 * `POST /api/gof-seats` resumes the procedure (the API tells the waiting plans). Every other test
 * file counts the run's seats, so this one runs its API and worker on a database of its own,
 * whose seats are all retired.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '@aoc/domain/actor';
import { createDataSource } from '@aoc/persistence/data-source';
import { createDatabase, databaseUrl, dropDatabase } from '@aoc/persistence/database-admin';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { ApiHarness } from '../support/api-harness';
import { registerDemoRegistry } from '../support/registry-fixtures';
import { testDatabaseUrl } from '../support/test-database';

interface TaskItem {
  id: string;
  stage: string;
  candidate: { seat?: string };
}

describe('an endorsement without seats, over HTTP', () => {
  const server = (() => {
    const url = new URL(testDatabaseUrl());
    url.pathname = '/postgres';
    return url.toString();
  })();
  const name = `aoc_test_seatless_${randomBytes(4).toString('hex')}`;
  let h: ApiHarness;

  beforeAll(async () => {
    await createDatabase(server, name);
    const url = databaseUrl(server, name);
    const db = await createDataSource(url, { poolSize: 1 }).initialize();
    try {
      await db.runMigrations({ transaction: 'each' });
      await registerDemoRegistry(db);
      await db.query(`UPDATE gof_seats SET retired_at = now()`);
    } finally {
      await db.destroy();
    }
    // The owner for both: this database has no runtime role (the run's own database tests that).
    h = await new ApiHarness({ DATABASE_URL: url, DATABASE_MIGRATION_URL: url }).start();
  });
  afterAll(async () => {
    await h?.stop();
    await dropDatabase(server, name);
  });

  it('waits, escalated, until an admin adds a seat; then the seat is asked to endorse', async () => {
    const key = () => ({ 'Idempotency-Key': randomUUID() });
    const seats = await h.api.expect<unknown[]>(200, 'admin-ops', 'GET', '/gof-seats');
    expect(seats).toEqual([]);

    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    await h.api.supportConsultation(plan.id, ['consultee-pt-education', 'consultee-pt-culture']);
    // No comment: the stage ends when its window (8 s) closes.
    const [review] = await h.api.waitForTasks('secretariat-anna', plan.id, 1, 'SECRETARIAT_REVIEW', 60_000);
    await h.api.expect(200, 'secretariat-anna', 'POST', `/tasks/${review.id}/claim`);
    await h.api.expect(200, 'secretariat-anna', 'POST', `/tasks/${review.id}/complete`, { decision: 'approve' }, key());

    await h.api.waitForStatus('admin-ops', plan.id, 'GOF_ENDORSEMENT');
    const escalated = await h.api.waitFor('the escalation', async () => {
      const timeline = await h.api.timeline<{ type: string; payload: { stage?: string; reason?: string } }>(
        'admin-ops',
        plan.id,
      );
      return timeline.find((e) => e.type === 'ESCALATED' && e.payload.stage === 'GOF_ENDORSEMENT');
    });
    expect(escalated.payload.reason).toMatch(/no Group of Friends seats/);
    const none = await h.api.expect<{ items: TaskItem[] }>(
      200,
      'admin-ops',
      'GET',
      `/tasks?planId=${plan.id}&status=open`,
    );
    expect(none.items).toEqual([]);

    // The admin adds a seat through the API: the plan moves on, and the seat is asked.
    await h.api.expect(201, 'admin-ops', 'POST', '/gof-seats', { seat: 'MT', name: 'Malta' });
    const malta: Actor = { sub: 'gof-mt', roles: ['gof_member'], seat: 'MT' };
    const task = await h.api.waitFor(
      "the new seat's endorsement task",
      async () => {
        const page = await h.api.expect<{ items: TaskItem[] }>(
          200,
          malta,
          'GET',
          `/tasks?planId=${plan.id}&status=open`,
        );
        return page.items.find((t) => t.stage === 'GOF_ENDORSEMENT');
      },
      30_000,
    );
    expect(task.candidate.seat).toBe('MT');
    await h.api.expect(200, malta, 'POST', `/tasks/${task.id}/complete`, { decision: 'endorse' }, key());
    await h.api.waitForStatus('admin-ops', plan.id, 'ENDORSED');
  });
});
