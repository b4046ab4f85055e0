import { loadConfig } from '@aoc/config/config.schema';
import { createDataSource } from '../data-source';
import { cliLog, runCli } from './cli-support';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL, then exits. */
runCli(async () => {
  const { databaseUrl } = loadConfig();
  const dataSource = await createDataSource(databaseUrl, { poolSize: 1 }).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    cliLog('migrations applied', { count: applied.length, names: applied.map((m) => m.name) });
  } finally {
    await dataSource.destroy();
  }
});
