/** The event log and the frozen versions are append-only, enforced by PostgreSQL itself (DOMAIN §6). */
import { DataSource } from 'typeorm';
import { createDataSource } from '@aoc/persistence/data-source';
import { EventEntity } from '@aoc/persistence';
import type { TestHarness } from '../support/harness';
import { insertSubmittedPlan, nationalContent } from '../support/fixtures';

describe('the append-only tables', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await createDataSource(process.env.DATABASE_URL!, { poolSize: 1 }).initialize();
  });
  afterAll(() => db.destroy());

  it('take new rows, and refuse to change or delete one', async () => {
    const plan = await insertSubmittedPlan({ db } as TestHarness, nationalContent(), 'submitter-pt');
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
