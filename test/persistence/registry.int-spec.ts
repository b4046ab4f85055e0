/**
 * The registry's repositories on PostgreSQL (DOMAIN §12): the countries seeded by the migration,
 * retire-not-delete, the append-only log, an import applied whole or not at all, and a first
 * sign-in joining a user registered beforehand.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NationalBodyEntity } from '@aoc/persistence';
import {
  addEntry,
  changeEntry,
  findEntry,
  importEntries,
  listChanges,
  retireEntry,
  seedCountries,
} from '@aoc/persistence/repositories/registry';
import { findUser, recordSignIn, registerUser } from '@aoc/persistence/repositories/users';
import { openTestDatabase } from '../support/test-database';

describe('the registry repositories', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 2 });
  });
  afterAll(() => db.destroy());
  const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

  it('holds every ISO 3166-1 country with its names in the six UN languages; seeding again adds nothing', async () => {
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM countries`);
    expect(count).toBeGreaterThanOrEqual(249);
    const [pt] = await db.query(`SELECT names FROM countries WHERE code = 'PT'`);
    expect(pt.names).toMatchObject({ en: 'Portugal', fr: 'Portugal', es: 'Portugal', ru: 'Португалия' });
    expect(await db.query(`SELECT code FROM countries WHERE code = 'XK'`)).toHaveLength(1);
    expect(await seedCountries(db)).toBe(0);
  });

  it('retires, never deletes, and logs each change (who, when, what)', async () => {
    const id = unique('body');
    await db.transaction(async (tx) => {
      expect(await addEntry(tx, 'admin-ops', 'bodies', { country: 'PT', id, name: 'First name' })).toBe(true);
      expect(await addEntry(tx, 'admin-ops', 'bodies', { country: 'PT', id, name: 'Again' })).toBe(false);
    });
    await db.transaction((tx) =>
      changeEntry(tx, 'admin-ops', 'bodies', { country: 'PT', id }, { name: 'Second name' }),
    );
    await db.transaction((tx) => retireEntry(tx, 'admin-two', 'bodies', { country: 'PT', id }, true));
    const row = await findEntry(db, 'bodies', { country: 'PT', id });
    expect(row).toMatchObject({ name: 'Second name', retiredAt: expect.any(Date) });
    const [changes] = await listChanges(db, { kind: 'bodies', key: `PT/${id}`, page: 1, pageSize: 10 });
    expect(changes.map((c) => [c.action, c.actor])).toEqual([
      ['retired', 'admin-two'],
      ['renamed', 'admin-ops'],
      ['added', 'admin-ops'],
    ]);
    expect(changes[1]).toMatchObject({ before: { name: 'First name' }, after: { name: 'Second name' } });
  });

  it('keeps the log append-only: the database refuses to change or delete a row', async () => {
    for (const statement of [
      `UPDATE registry_changes SET actor = 'mallory'`,
      `DELETE FROM registry_changes`,
      `TRUNCATE registry_changes`,
    ]) {
      await expect(db.query(statement)).rejects.toThrow(/registry_changes is append-only/);
    }
  });

  it('applies an import whole or not at all', async () => {
    const [a, b] = [unique('import'), unique('import')];
    await expect(
      db.transaction(async (tx) => {
        await importEntries(tx, 'admin-ops', 'bodies', [{ country: 'PT', id: a, name: 'A', retired: false }]);
        // The second row names a country the table doesn't have: the whole transaction goes.
        await tx.query(`INSERT INTO national_bodies (country, id, name) VALUES ('PT', $1, NULL)`, [b]);
      }),
    ).rejects.toThrow();
    expect(await db.getRepository(NationalBodyEntity).findBy({ id: a })).toEqual([]);
    const [none] = await listChanges(db, { kind: 'bodies', key: `PT/${a}`, page: 1, pageSize: 10 });
    expect(none).toEqual([]);

    const outcome = await db.transaction((tx) =>
      importEntries(tx, 'admin-ops', 'bodies', [
        { country: 'PT', id: a, name: 'A', retired: false },
        { country: 'PT', id: b, name: 'B', retired: true },
      ]),
    );
    expect(outcome).toEqual({ added: 2, changed: 0, retired: 1, restored: 0, unchanged: 0 });
    const again = await db.transaction((tx) =>
      importEntries(tx, 'admin-ops', 'bodies', [
        { country: 'PT', id: a, name: 'A renamed', retired: false },
        { country: 'PT', id: b, name: 'B', retired: true },
      ]),
    );
    expect(again).toEqual({ added: 0, changed: 1, retired: 0, restored: 0, unchanged: 1 });
  });

  it('joins a user registered before their first sign-in: by sub, or by a verified e-mail only', async () => {
    const email = `${unique('official')}@example.org`;
    const registered = unique('registered');
    await db.transaction((tx) =>
      registerUser(tx, 'admin-ops', { id: registered, name: 'Registered', email, roles: ['consultee'], country: 'PT' }),
    );
    expect(await findUser(db, registered)).toMatchObject({ firstSeenAt: null, registeredBy: 'admin-ops' });
    const sub = unique('sub');
    const actor = { sub, roles: ['consultee' as const], country: 'PT' };
    // An unverified e-mail joins nobody.
    await recordSignIn(db, { actor, email, emailVerified: false, scopeUnknown: false });
    expect(await findUser(db, registered)).toMatchObject({ firstSeenAt: null });
    const other = unique('sub');
    const joined = await recordSignIn(db, {
      actor: { ...actor, sub: other },
      email: email.toUpperCase(),
      emailVerified: true,
      scopeUnknown: false,
    });
    expect(joined).toMatchObject({ joined: registered });
    expect(await findUser(db, registered)).toBeNull();
    expect(await findUser(db, other)).toMatchObject({
      name: 'Registered',
      registeredBy: 'admin-ops',
      firstSeenAt: expect.any(Date),
    });
  });
});
