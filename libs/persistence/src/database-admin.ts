import { Client } from 'pg';

/**
 * Creating and dropping whole databases on a PostgreSQL server, given a URL
 * of any database on it (the server URL) with a role allowed to do so.
 */

/** `serverUrl` with its database part replaced by `database`. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** The URL without its password, for printing. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

export async function databaseExists(serverUrl: string, database: string): Promise<boolean> {
  return withClient(serverUrl, async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    return result.rowCount === 1;
  });
}

export async function createDatabase(serverUrl: string, database: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`));
}

/** Creates the database unless it is there; answers whether it was created. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<boolean> {
  if (await databaseExists(serverUrl, database)) return false;
  await createDatabase(serverUrl, database);
  return true;
}

/** Drops the database, disconnecting whoever is still connected to it. */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withClient(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`),
  );
}

/** Connects, runs `work`, and always disconnects. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  // A connection lost mid-query also fails that query; without a listener it would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a throw-away database on the server of `serverUrl`, runs `work` against it, and drops it. */
export async function withTemporaryDatabase<T>(
  serverUrl: string,
  prefix: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const name = `${prefix}_${Date.now()}_${Math.random().toString(16).slice(2, 8)}`;
  await createDatabase(serverUrl, name);
  try {
    return await work(databaseUrl(serverUrl, name));
  } finally {
    await dropDatabase(serverUrl, name);
  }
}
