import { withClient } from './database-admin';

/**
 * The two database roles (DOMAIN §6): the owner of the tables, which the migrations run as
 * (DATABASE_MIGRATION_URL), and the role the API and the worker run as (DATABASE_URL), which owns
 * nothing. The runtime role may read and write the working tables, but only read and append to
 * the event log and the frozen versions: no UPDATE, DELETE or TRUNCATE there, and, owning no
 * table, it can neither alter a table nor disable its triggers.
 *
 * `grantRuntimeRole` is the provisioning step, run by the migrations CLI after every migration
 * run (and by the tests' setup): idempotent, it creates the role if it is missing (when the owner
 * may create roles), grants on every table and sequence there is now, and sets the owner's default
 * privileges so that the tables later migrations create are granted too.
 */

/**
 * The tables the services may only read and append to (DOMAIN §6): those the migrations guard with
 * the append-only trigger (events, plan_versions, the adoption records, and any later one).
 */
const APPEND_ONLY_TABLES_SQL = `
  SELECT DISTINCT c.relname AS name
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_proc p ON p.oid = t.tgfoid
  WHERE p.proname = 'refuse_change_of_append_only_row' AND n.nspname = current_schema()
  ORDER BY 1`;
/** The migrations' own bookkeeping: read-only to the services. */
const MIGRATIONS_TABLE = 'schema_migrations';

/** The user name of a PostgreSQL URL (`postgres` when it names none, as libpq's default is the OS user). */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

/** Whether the services (runtimeUrl) run as a role of their own, not as the owner (ownerUrl). */
export function hasSeparateRuntimeRole(runtimeUrl: string, ownerUrl: string): boolean {
  return roleOfUrl(runtimeUrl) !== roleOfUrl(ownerUrl);
}

export interface RuntimeGrant {
  role: string;
  created: boolean;
}

/**
 * Connected as the owner (ownerUrl, on the product's database), makes DATABASE_URL's role
 * (runtimeUrl) a runtime role: see above. Throws with a message that says what to do when the
 * role is missing and the owner may not create it, or when the role is a superuser or owns a table.
 */
export async function grantRuntimeRole(ownerUrl: string, runtimeUrl: string): Promise<RuntimeGrant> {
  const role = roleOfUrl(runtimeUrl);
  const password = decodeURIComponent(new URL(runtimeUrl).password);
  return withClient(ownerUrl, async (client) => {
    const id = client.escapeIdentifier(role);
    let created = false;
    const found = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [role]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE ROLE ${id} LOGIN${password ? ` PASSWORD ${client.escapeLiteral(password)}` : ''}`);
        created = true;
      } catch (error) {
        const code = (error as { code?: string }).code;
        // Created meanwhile by another run (42710 duplicate_object, 23505 on pg_authid's index): fine.
        if (code !== '42710' && code !== '23505') {
          throw new Error(
            `cannot create the services' database role "${role}" (DATABASE_URL) as "${roleOfUrl(ownerUrl)}" ` +
              `(DATABASE_MIGRATION_URL): ${(error as Error).message}. Create it first (CREATE ROLE ${id} LOGIN PASSWORD '…'), ` +
              'or give the owner CREATEROLE (docs/operations.md, "Database roles")',
          );
        }
      }
    } else if (found.rows[0].rolsuper) {
      throw new Error(
        `the services' database role "${role}" (DATABASE_URL) is a superuser: it could change the event log. ` +
          'Give the services a role of their own that owns nothing (docs/operations.md, "Database roles")',
      );
    }
    const owned = await client.query<{ tablename: string }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tableowner = $1',
      [role],
    );
    if ((owned.rowCount ?? 0) > 0) {
      throw new Error(
        `the services' database role "${role}" (DATABASE_URL) owns tables (${owned.rows.map((r) => r.tablename).join(', ')}): ` +
          'the owner must be the migrations\' role (DATABASE_MIGRATION_URL); ALTER TABLE … OWNER TO it (docs/operations.md, "Database roles")',
      );
    }
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    const schema = client.escapeIdentifier(
      (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0].schema,
    );
    const appendOnly = (await client.query<{ name: string }>(APPEND_ONLY_TABLES_SQL)).rows.map((r) =>
      client.escapeIdentifier(r.name),
    );
    await client.query('BEGIN');
    try {
      for (const statement of [
        `GRANT CONNECT, TEMPORARY ON DATABASE ${client.escapeIdentifier(database)} TO ${id}`,
        `GRANT USAGE ON SCHEMA ${schema} TO ${id}`,
        `REVOKE CREATE ON SCHEMA ${schema} FROM ${id}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${id}`,
        `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${schema} FROM ${id}`,
        ...(appendOnly.length > 0 ? [`REVOKE UPDATE, DELETE ON ${appendOnly.join(', ')} FROM ${id}`] : []),
        `REVOKE INSERT, UPDATE, DELETE ON ${client.escapeIdentifier(MIGRATIONS_TABLE)} FROM ${id}`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${id}`,
        // The tables and sequences the owner creates later (the next migrations): granted as they are made.
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${id}`,
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${id}`,
      ]) {
        await client.query(statement);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(
        `cannot grant the services' database role "${role}" its privileges as "${roleOfUrl(ownerUrl)}": ${(error as Error).message}. ` +
          'DATABASE_MIGRATION_URL must be the owner of the tables (docs/operations.md, "Database roles")',
      );
    }
    return { role, created };
  });
}
