/**
 * Who hears that the comment window moved (DOMAIN §8): the plan's submitter and the civil society
 * organizations, who are the ones the window is for; not the plan's consultees. From the users
 * directory, as the worker's notification activity reads it.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { eventAudience } from '@aoc/notifications/recipients';
import { appendEvents } from '@aoc/persistence/repositories/event-log';
import { insertSubmittedPlan, nationalContent } from '../support/fixtures';
import { openTestDatabase } from '../support/test-database';

describe('the audience of a moved comment window', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 2 });
  });
  afterAll(() => db.destroy());

  it('is the submitter and every civil society organization, never the admin who moved it', async () => {
    const run = randomUUID().slice(0, 8);
    const user = (id: string, roles: string[], extra: Record<string, string> = {}) =>
      db.query(
        `INSERT INTO users (id, name, email, roles, country, org, first_seen_at, last_seen_at)
         VALUES ($1, $1, $2, $3, $4, $5, now(), now())`,
        [id, `${id}@example.test`, roles, extra.country ?? null, extra.org ?? null],
      );
    const submitter = `submitter-${run}`;
    await user(submitter, ['submitter'], { country: 'PT' });
    await user(`cso-a-${run}`, ['cso'], { org: 'a' });
    await user(`cso-b-${run}`, ['cso'], { org: 'b' });
    await user(`consultee-${run}`, ['consultee'], { country: 'PT' });
    await user(`admin-${run}`, ['admin']);
    const plan = await insertSubmittedPlan({ db }, nationalContent(), submitter);
    const key = `test/${run}#window`;
    await appendEvents(db.manager, [
      {
        key,
        planId: plan.id,
        type: 'DEADLINE_EXTENDED',
        actor: `admin-${run}`,
        version: plan.version,
        at: Date.now(),
        payload: { stage: 'CIVIL_SOCIETY_COMMENT', commentWindowClosesAt: new Date(Date.now() + 60_000).toISOString() },
      },
    ]);

    const audience = await eventAudience(db.manager, key);
    expect(audience?.kind).toBe('deadline_moved');
    const ours = audience!.users.map((u) => u.userId).filter((id) => id.endsWith(run));
    expect(ours.sort()).toEqual([`cso-a-${run}`, `cso-b-${run}`, submitter].sort());
  });
});
