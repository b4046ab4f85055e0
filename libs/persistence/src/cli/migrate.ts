import { loadConfig } from '@aoc/config/config.schema';
import { createDataSource } from '../data-source';
import { grantRuntimeRole, hasSeparateRuntimeRole, roleOfUrl } from '../database-roles';
import { cliLog, runCli } from './cli-support';

/**
 * `npm run migration:run`: applies pending migrations as the owner of the tables
 * (DATABASE_MIGRATION_URL), then grants the services' role (DATABASE_URL) what it may do, again
 * each time (idempotent, and so covering the tables the new migrations made); then exits.
 */
runCli(async () => {
  const { databaseUrl, databaseMigrationUrl } = loadConfig();
  const dataSource = await createDataSource(databaseMigrationUrl, { poolSize: 1 }).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    cliLog('migrations applied', {
      count: applied.length,
      names: applied.map((m) => m.name),
      owner: roleOfUrl(databaseMigrationUrl),
    });
  } finally {
    await dataSource.destroy();
  }
  if (hasSeparateRuntimeRole(databaseUrl, databaseMigrationUrl)) {
    const grant = await grantRuntimeRole(databaseMigrationUrl, databaseUrl);
    cliLog('runtime role granted', { role: grant.role, created: grant.created });
  } else {
    cliLog(
      'the services run as the owner of the tables: set DATABASE_MIGRATION_URL to the owner and DATABASE_URL to a role of their own (docs/operations.md, "Database roles")',
      { role: roleOfUrl(databaseUrl) },
    );
  }
});
