import { DataSource } from 'typeorm';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * The SQL that would bring the database (after all migrations) in line with the entities.
 * Empty when migrations and entities agree.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<SchemaDiff> {
  await dataSource.runMigrations({ transaction: 'each' });
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((q) => q.query),
    down: sql.downQueries.map((q) => q.query).reverse(),
  };
}
