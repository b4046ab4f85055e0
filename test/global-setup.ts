import { createDataSource } from '../libs/persistence/src/data-source';
import provision from './setup/global-setup';

/** Provisions Temporal and a fresh database, then migrates it once for every test file. */
export default async function globalSetup(): Promise<void> {
  await provision();
  const dataSource = await createDataSource(process.env.DATABASE_URL!, { poolSize: 1 }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
