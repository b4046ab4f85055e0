import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { withTemporaryDatabase } from '@aoc/persistence/database-admin';
import { ENTITIES, createDataSource } from '@aoc/persistence/data-source';
import { MIGRATIONS } from '@aoc/persistence/migrations';
import { pendingSchemaChanges } from '@aoc/persistence/schema-drift';
import { testDatabaseUrl } from '../support/test-database';

@Entity('drift_probe')
class DriftProbeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') note: string;
}

async function changesFor(dataSource: DataSource) {
  await dataSource.initialize();
  try {
    return await pendingSchemaChanges(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('schema drift check', () => {
  const server = testDatabaseUrl();

  it('finds no difference between the entities and the migrations', async () => {
    const diff = await withTemporaryDatabase(server, 'aoc_drift', (url) =>
      changesFor(createDataSource(url, { poolSize: 1 })),
    );
    expect(diff.up).toEqual([]);
  });

  it('would notice an entity that no migration creates', async () => {
    const diff = await withTemporaryDatabase(server, 'aoc_drift', (url) =>
      changesFor(
        new DataSource({ type: 'postgres', url, entities: [...ENTITIES, DriftProbeEntity], migrations: MIGRATIONS }),
      ),
    );
    expect(diff.up.join('\n')).toMatch(/CREATE TABLE "drift_probe"/);
  });

  it('migrates down and up again cleanly', async () => {
    await withTemporaryDatabase(server, 'aoc_drift', async (url) => {
      const dataSource = await createDataSource(url, { poolSize: 1 }).initialize();
      try {
        await dataSource.runMigrations();
        for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
        const tables: { count: string }[] = await dataSource.query(
          `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'plans'`,
        );
        expect(tables[0].count).toBe('0');
        await expect(dataSource.runMigrations()).resolves.toHaveLength(MIGRATIONS.length);
      } finally {
        await dataSource.destroy();
      }
    });
  });
});
