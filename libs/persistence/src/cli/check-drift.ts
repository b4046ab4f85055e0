import { loadConfig } from '@aoc/config/config.schema';
import { createDataSource } from '../data-source';
import { pendingSchemaChanges } from '../schema-drift';
import { cliLog, runCli } from './cli-support';
import { withTemporaryDatabase } from '../database-admin';

/** `npm run migration:check`: fails when the entities and the migrations disagree. */
runCli(async () => {
  const { databaseMigrationUrl: databaseUrl } = loadConfig();
  const diff = await withTemporaryDatabase(databaseUrl, 'aoc_drift', async (url) => {
    const dataSource = await createDataSource(url, { poolSize: 1 }).initialize();
    try {
      return await pendingSchemaChanges(dataSource);
    } finally {
      await dataSource.destroy();
    }
  });
  if (diff.up.length > 0) {
    throw new Error(
      `entities and migrations have drifted apart; run \`npm run migration:generate -- <name>\`. Missing SQL:\n${diff.up.join(';\n')}`,
    );
  }
  cliLog('entities and migrations agree');
});
