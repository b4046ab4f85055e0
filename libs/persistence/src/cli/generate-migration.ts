import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '@aoc/config/config.schema';
import { createDataSource } from '../data-source';
import { pendingSchemaChanges } from '../schema-drift';
import { cliLog, runCli } from './cli-support';
import { withTemporaryDatabase } from '../database-admin';

/**
 * `npm run migration:generate -- <name>`: writes a timestamped migration with the SQL that
 * takes a freshly migrated database to the entities' schema, and registers it.
 */
const MIGRATIONS_DIR = resolve(__dirname, '../../../../../libs/persistence/src/migrations');

const quote = (sql: string) => `\`${sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;

runCli(async () => {
  const name = (process.argv[2] ?? '').replace(/[^A-Za-z0-9]/g, '');
  if (!name) throw new Error('give the migration a name: npm run migration:generate -- AddSomething');
  const { databaseMigrationUrl: databaseUrl } = loadConfig();
  const diff = await withTemporaryDatabase(databaseUrl, 'aoc_generate', async (url) => {
    const dataSource = await createDataSource(url, { poolSize: 1 }).initialize();
    try {
      return await pendingSchemaChanges(dataSource);
    } finally {
      await dataSource.destroy();
    }
  });
  if (diff.up.length === 0) {
    cliLog('no changes: entities and migrations agree');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${diff.down.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }
}
`;
  const file = `${timestamp}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.migration.ts`;
  writeFileSync(join(MIGRATIONS_DIR, file), body);
  const migrations = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.migration.ts'))
    .sort();
  const classOf = (f: string) => {
    const [ts, ...rest] = f.replace('.migration.ts', '').split('-');
    return `${rest.map((w) => w[0].toUpperCase() + w.slice(1)).join('')}${ts}`;
  };
  writeFileSync(
    join(MIGRATIONS_DIR, 'index.ts'),
    `${migrations.map((f) => `import { ${classOf(f)} } from './${f.replace('.ts', '')}';`).join('\n')}

/** Every migration, oldest first. Maintained by \`npm run migration:generate\`. */
export const MIGRATIONS = [${migrations.map(classOf).join(', ')}];
`,
  );
  cliLog('migration written', { file, statements: diff.up.length });
});
