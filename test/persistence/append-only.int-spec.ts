/** The event log and the frozen versions are append-only, enforced by PostgreSQL itself (DOMAIN §6). */
import { DataSource } from 'typeorm';
import { EventEntity } from '@aoc/persistence';
import { insertSubmittedPlan, nationalContent } from '../support/fixtures';
import { openTestDatabase } from '../support/test-database';

describe('the append-only tables', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 1 });
  });
  afterAll(() => db.destroy());

  it('take new rows, and refuse to change or delete one', async () => {
    const plan = await insertSubmittedPlan({ db }, nationalContent(), 'submitter-pt');
    await db.getRepository(EventEntity).insert({
      key: `append-only-test/${plan.id}`,
      planId: plan.id,
      type: 'PLAN_SUBMITTED',
      actor: 'submitter-pt',
      versionNumber: 1,
      versionHash: plan.version.hash,
      at: new Date(),
      payload: {},
    });
    const refusals = [
      db.query(`UPDATE events SET actor = 'mallory' WHERE plan_id = $1`, [plan.id]),
      db.query(`DELETE FROM events WHERE plan_id = $1`, [plan.id]),
      db.query(`UPDATE plan_versions SET hash = 'forged' WHERE plan_id = $1`, [plan.id]),
      db.query(`DELETE FROM plan_versions WHERE plan_id = $1`, [plan.id]),
      db.query(`TRUNCATE events CASCADE`),
    ];
    for (const refusal of refusals)
      await expect(refusal).rejects.toThrow(/is append-only: (UPDATE|DELETE|TRUNCATE) is refused/);
    const [{ count }] = await db.query(`SELECT count(*) FROM events WHERE plan_id = $1`, [plan.id]);
    expect(count).toBe('1');
  });
});
