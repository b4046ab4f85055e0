import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createDataSource } from '../libs/persistence/src/data-source';
import provision from './setup/global-setup';
import { joinTestInfrastructure } from './setup/test-infrastructure';

const ROOT = join(__dirname, '..');

/**
 * Builds `dist/` (the e2e tests run the real API and worker processes), provisions Temporal
 * and a fresh database, and migrates it once for every test file.
 */
export default async function globalSetup(): Promise<void> {
  // Every project on the real servers names this setup; the first one provisions for all.
  if (joinTestInfrastructure()) return;
  process.stdout.write('\n[test-setup] building dist/ for the e2e processes…\n');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  await provision();
  const dataSource = await createDataSource(process.env.DATABASE_URL!, { poolSize: 1 }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
