/**
 * The database role the API and the worker run as owns nothing (DOMAIN §6, docs/operations.md
 * "Database roles"): it may append to the event log and the frozen versions, never change, delete
 * or truncate them, nor disable their triggers. The e2e processes run as it, as deployed.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { withClient } from '@aoc/persistence/database-admin';
import { grantRuntimeRole, roleOfUrl } from '@aoc/persistence/database-roles';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { ApiHarness } from '../support/api-harness';

const ownerUrl = () => process.env.DATABASE_URL!;
const runtimeUrl = () => process.env.TEST_RUNTIME_DATABASE_URL!;

/** Runs `sql` as the runtime role; the error's code and message, or undefined when it passed. */
async function asRuntime(sql: string, params: unknown[] = []): Promise<{ code?: string; message: string } | undefined> {
  return withClient(runtimeUrl(), async (client: Client) => {
    try {
      await client.query(sql, params);
      return undefined;
    } catch (error) {
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    }
  });
}

describe('the runtime database role', () => {
  const h = new ApiHarness();
  let planId: string;
  beforeAll(async () => {
    await h.start();
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    planId = plan.id;
  });
  afterAll(() => h.stop());

  it('is what the API and the worker connect as, a role of its own that owns nothing and is no superuser', async () => {
    expect(roleOfUrl(runtimeUrl())).not.toBe(roleOfUrl(ownerUrl()));
    expect(h.environment.DATABASE_URL).toBe(runtimeUrl());
    await withClient(ownerUrl(), async (client) => {
      const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
      const role = roleOfUrl(runtimeUrl());
      const sessions = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND usename = $2',
        [database, role],
      );
      expect(Number(sessions.rows[0].n)).toBeGreaterThan(0);
      const attributes = await client.query<{ rolsuper: boolean; rolcreaterole: boolean; rolbypassrls: boolean }>(
        'SELECT rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = $1',
        [role],
      );
      expect(attributes.rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolbypassrls: false }]);
      const owned = await client.query(
        `SELECT relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
        [role],
      );
      expect(owned.rows).toEqual([]);
    });
    // The plan created through the API was written by that role.
    const events = await withClient(runtimeUrl(), (client) =>
      client.query<{ type: string }>('SELECT type FROM events WHERE plan_id = $1', [planId]),
    );
    expect(events.rows.map((e) => e.type)).toContain('PLAN_CREATED');
  });

  it('may append to the event log, and is refused UPDATE, DELETE, TRUNCATE and DISABLE TRIGGER on it', async () => {
    const appended = await asRuntime(
      `INSERT INTO events (key, plan_id, type, actor, at, payload) VALUES ($1, $2, 'COMMENT_POSTED', 'runtime-role-test', now(), '{}')`,
      [`runtime-role/${randomUUID()}`, planId],
    );
    expect(appended).toBeUndefined();
    const refused: [string, RegExp][] = [
      [`UPDATE events SET actor = 'mallory' WHERE plan_id = '${planId}'`, /permission denied for table events/],
      [`DELETE FROM events WHERE plan_id = '${planId}'`, /permission denied for table events/],
      ['TRUNCATE events CASCADE', /permission denied for table events/],
      ['ALTER TABLE events DISABLE TRIGGER events_append_only', /must be owner of table events/],
      ['ALTER TABLE events DISABLE TRIGGER ALL', /must be owner of table events/],
      [
        `UPDATE plan_versions SET hash = 'forged' WHERE plan_id = '${planId}'`,
        /permission denied for table plan_versions/,
      ],
      [`DELETE FROM plan_versions WHERE plan_id = '${planId}'`, /permission denied for table plan_versions/],
      ['TRUNCATE plan_versions CASCADE', /permission denied for table plan_versions/],
      ['ALTER TABLE plan_versions DISABLE TRIGGER plan_versions_append_only', /must be owner of table plan_versions/],
      ['DROP TRIGGER events_append_only ON events', /must be owner of (table|relation) events/],
      ['CREATE TABLE runtime_role_was_here (id int)', /permission denied for schema public/],
      [`DELETE FROM schema_migrations`, /permission denied for table schema_migrations/],
    ];
    for (const [sql, message] of refused) {
      const error = await asRuntime(sql);
      expect({ sql, code: error?.code }).toEqual({ sql, code: '42501' });
      expect(error!.message).toMatch(message);
    }
    const count = await withClient(ownerUrl(), (client) =>
      client.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE plan_id = $1', [planId]),
    );
    expect(Number(count.rows[0].n)).toBeGreaterThanOrEqual(2);
  });

  it('is granted the tables a later migration creates, and granting again changes nothing', async () => {
    const table = `later_table_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    await withClient(ownerUrl(), (client) => client.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, note text)`));
    try {
      // The owner's default privileges: a table made after the grant is the services' to use…
      expect(await asRuntime(`INSERT INTO ${table} (note) VALUES ('x')`)).toBeUndefined();
      expect(await asRuntime(`UPDATE ${table} SET note = 'y'`)).toBeUndefined();
      expect((await asRuntime(`TRUNCATE ${table}`))?.code).toBe('42501');
      // …and the provisioning step, run again as after every migration, is idempotent.
      await expect(grantRuntimeRole(ownerUrl(), runtimeUrl())).resolves.toEqual({
        role: roleOfUrl(runtimeUrl()),
        created: false,
      });
      expect((await asRuntime(`UPDATE events SET actor = 'x' WHERE false`))?.message).toMatch(/permission denied/);
      expect(await asRuntime(`DELETE FROM ${table}`)).toBeUndefined();
    } finally {
      await withClient(ownerUrl(), (client) => client.query(`DROP TABLE ${table}`));
    }
  });
});
