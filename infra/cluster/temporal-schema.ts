import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { databaseUrl, withClient } from '@aoc/persistence/database-admin';
import type { ClusterBinaries } from './cluster-binaries';

const execFileAsync = promisify(execFile);

/** Where Temporal keeps its state: two databases on one PostgreSQL server. */
export interface TemporalDatabases {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Workflow state: "temporal" by default. */
  database: string;
  /** Visibility (list and search of workflows): "temporal_visibility" by default. */
  visibilityDatabase: string;
}

/**
 * Temporal's databases on the server of `serverUrl` (any database URL on it, with a role that
 * may create databases).
 */
export function temporalDatabasesOn(
  serverUrl: string,
  names: { database?: string; visibilityDatabase?: string } = {},
): TemporalDatabases {
  const url = new URL(serverUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: names.database ?? 'temporal',
    visibilityDatabase: names.visibilityDatabase ?? 'temporal_visibility',
  };
}

export interface SchemaVersions {
  temporal: string;
  visibility: string;
}

/**
 * Creates Temporal's two databases if missing and migrates their schemas to this server
 * release, all with Temporal's own SQL tool: `create-database`, then `setup-schema -v 0.0` on
 * a database that has no version table yet, then `update-schema` with the release's versioned
 * schema folder. Each step is a no-op when already done, so running it again changes nothing.
 */
export async function setupTemporalSchemas(
  binaries: ClusterBinaries,
  databases: TemporalDatabases,
): Promise<SchemaVersions> {
  const temporal = await setupOne(binaries, databases, databases.database, 'temporal');
  const visibility = await setupOne(binaries, databases, databases.visibilityDatabase, 'visibility');
  return { temporal, visibility };
}

async function setupOne(
  binaries: ClusterBinaries,
  databases: TemporalDatabases,
  database: string,
  schema: 'temporal' | 'visibility',
): Promise<string> {
  const run = (...args: string[]) => sqlTool(binaries, databases, database, args);
  await run('create-database');
  if ((await schemaVersion(databases, database)) === undefined) await run('setup-schema', '-v', '0.0');
  await run('update-schema', '-d', path.join(binaries.schemaDir, schema, 'versioned'));
  const version = await schemaVersion(databases, database);
  if (version === undefined) throw new Error(`${database} has no schema version after update-schema`);
  return version;
}

/** The schema version the SQL tool recorded, or undefined before `setup-schema`. */
async function schemaVersion(databases: TemporalDatabases, database: string): Promise<string | undefined> {
  return withClient(databaseUrl(serverUrlOf(databases), database), async (client) => {
    const table = await client.query(`SELECT to_regclass('schema_version') AS name`);
    if (table.rows[0]?.name === null) return undefined;
    const row = await client.query<{ curr_version: string }>(`SELECT curr_version FROM schema_version LIMIT 1`);
    return row.rows[0]?.curr_version;
  });
}

function serverUrlOf(databases: TemporalDatabases): string {
  const user = encodeURIComponent(databases.user);
  const password = databases.password ? `:${encodeURIComponent(databases.password)}` : '';
  return `postgres://${user}${password}@${databases.host}:${databases.port}/postgres`;
}

/** One SQL tool command; the password goes through the environment, not the command line. */
async function sqlTool(
  binaries: ClusterBinaries,
  databases: TemporalDatabases,
  database: string,
  args: string[],
): Promise<void> {
  const env = {
    ...process.env,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: databases.host,
    SQL_PORT: String(databases.port),
    SQL_USER: databases.user,
    SQL_PASSWORD: databases.password,
    SQL_DATABASE: database,
  };
  try {
    await execFileAsync(binaries.sqlTool, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const lastLines = `${stdout}${stderr}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed:\n${lastLines}`);
  }
}
