import type { DataSource } from 'typeorm';
import { createDataSource } from '@aoc/persistence/data-source';

/** The URL of this run's database, which jest's global setup created (test/setup/global-setup.ts). */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set: run the test through jest, whose global setup creates the database');
  return url;
}

/** A DataSource on this run's database, initialized; the caller destroys it. */
export function openTestDatabase(options: { poolSize?: number } = {}): Promise<DataSource> {
  return createDataSource(testDatabaseUrl(), { poolSize: options.poolSize ?? 2 }).initialize();
}
