import type { DataSource } from 'typeorm';
import { type Actor, SYSTEM_ACTOR } from '@aoc/domain/actor';
import { addEntry } from '@aoc/persistence/repositories/registry';
import { registerUser } from '@aoc/persistence/repositories/users';
import { DEMO_BODIES, DEMO_ORGANIZATIONS, DEMO_PREREGISTERED, DEMO_REGIONS } from './demo-registry';
import { DEMO_SEATS, DEMO_USERS } from './demo-users';

// Apart from demo-registry.ts, which the browser specs import: Playwright's TypeScript transform
// emits no decorator metadata, and the entities this writer loads need it (eslint.config.mjs keeps
// it, and every other TypeORM import, out of the specs; test/browser/stack.ts is compiled by tsc).
/**
 * The same demo registry written straight through the registry's repositories, as `system`: for
 * `npm start` (after its migrations, with `users`) and the tests (without: they sign users in as
 * they need). Idempotent: what is present already is left as it is.
 */
export async function writeDemoRegistry(db: DataSource, options: { users: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    for (const r of DEMO_REGIONS) await addEntry(tx, SYSTEM_ACTOR, 'regions', r);
    for (const b of DEMO_BODIES) await addEntry(tx, SYSTEM_ACTOR, 'bodies', b);
    for (const o of DEMO_ORGANIZATIONS) await addEntry(tx, SYSTEM_ACTOR, 'organizations', o);
    for (const s of DEMO_SEATS) await addEntry(tx, SYSTEM_ACTOR, 'seats', s);
    if (!options.users) return;
    for (const [id, actor] of Object.entries(DEMO_USERS)) {
      const { sub: _sub, ...scope } = actor as Actor;
      await registerUser(tx, SYSTEM_ACTOR, { id, name: id, email: `${id}@example.org`, ...scope });
    }
    await registerUser(tx, SYSTEM_ACTOR, DEMO_PREREGISTERED);
  });
}
