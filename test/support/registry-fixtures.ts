import type { DataSource } from 'typeorm';
import { writeDemoRegistry } from '@aoc/demo/write-demo-registry';

/**
 * The registry the tests use (DOMAIN §12): the demo's regions, bodies, organizations and seats,
 * written through the registry's repository once per test run (after the migrations, which
 * bring the countries). The demo users are not registered: a test signs them in as it needs.
 */
export function registerDemoRegistry(db: DataSource): Promise<void> {
  return writeDemoRegistry(db, { users: false });
}
