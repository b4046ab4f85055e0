import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { KnownReferences, RegistryKind } from '@aoc/domain/registry.rules';
import { COUNTRY_NAME_LANGUAGES } from '@aoc/domain/registry.rules';
import { GofSeatEntity } from '../entities/gof-seat.entity';
import {
  CountryEntity,
  NationalBodyEntity,
  OrganizationEntity,
  RegionEntity,
  RegistryChangeEntity,
} from '../entities/registry.entities';
import { ISO_3166_ALPHA2 } from '../iso-3166';

/**
 * The registry's one writer (DOMAIN §12): countries, regions, national bodies, organizations and
 * the Group of Friends seats, and the log of every change (who, when, what) in the transaction of
 * the change. Entries are retired, never deleted: plans refer to them. Reads live here too.
 */

type Db = Pick<EntityManager, 'query' | 'getRepository' | 'createQueryBuilder'>;

export interface RegistryListQuery {
  search?: string;
  page: number;
  pageSize: number;
  includeRetired?: boolean;
}

export interface RegistryPage<T> {
  items: T[];
  total: number;
}

/** The registry's lists kept in this file (the users have their own: repositories/users.ts). */
export type EntryKind = Exclude<RegistryKind, 'users'>;

export const ENTRY_ENTITIES = {
  countries: CountryEntity,
  regions: RegionEntity,
  bodies: NationalBodyEntity,
  organizations: OrganizationEntity,
  seats: GofSeatEntity,
} as const;

export type EntryOf<K extends EntryKind> = InstanceType<(typeof ENTRY_ENTITIES)[K]>;

/** The columns that identify an entry of each list. */
export const ENTRY_KEYS: { [K in EntryKind]: (keyof EntryOf<K> & string)[] } = {
  countries: ['code'],
  regions: ['id'],
  bodies: ['country', 'id'],
  organizations: ['id'],
  seats: ['seat'],
};

/** The entry's key in the change log: `PT`, `PT/ministry-education`. */
export const entryKey = (kind: EntryKind, row: ObjectLiteral): string =>
  (ENTRY_KEYS[kind] as string[]).map((k) => String(row[k])).join('/');

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Appends one change to the registry's log (append-only: the database refuses to change a row). */
export async function recordChange(
  tx: Pick<EntityManager, 'query'>,
  actor: string,
  kind: RegistryKind,
  key: string,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO registry_changes (actor, kind, key, action, before, after) VALUES ($1, $2, $3, $4, $5, $6)`,
    [actor, kind, key, action, before && JSON.stringify(before), after && JSON.stringify(after)],
  );
}

/** The log, newest first, optionally of one list or one entry. */
export function listChanges(
  db: Db,
  query: { kind?: RegistryKind; key?: string; page: number; pageSize: number },
): Promise<[RegistryChangeEntity[], number]> {
  const q = db.getRepository(RegistryChangeEntity).createQueryBuilder('c').orderBy('c.id', 'DESC');
  if (query.kind) q.andWhere('c.kind = :kind', { kind: query.kind });
  if (query.key) q.andWhere('c.key = :key', { key: query.key });
  return q
    .skip((query.page - 1) * query.pageSize)
    .take(query.pageSize)
    .getManyAndCount();
}

/** A country's name in the six UN languages, from the runtime's ICU data (`Intl.DisplayNames`); undefined if ICU doesn't know the code. */
export function countryNames(code: string): Record<string, string> | undefined {
  const names: Record<string, string> = {};
  for (const language of COUNTRY_NAME_LANGUAGES) {
    const name = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(code);
    if (!name) return undefined;
    names[language] = name;
  }
  return names;
}

/** Adds every ISO 3166-1 country the table lacks (idempotent); returns how many were added. */
export async function seedCountries(db: Pick<EntityManager, 'query'>): Promise<number> {
  const rows = ISO_3166_ALPHA2.flatMap((code) => {
    const names = countryNames(code);
    return names ? [{ code, names }] : [];
  });
  const inserted: unknown[] = await db.query(
    `INSERT INTO countries (code, names)
     SELECT r.code, r.names FROM jsonb_to_recordset($1::jsonb) AS r(code varchar, names jsonb)
     ON CONFLICT (code) DO NOTHING RETURNING code`,
    [JSON.stringify(rows)],
  );
  return inserted.length;
}

/** The users who hold a body (consultees of its country and body) or a seat: not retired, scope known. */
const HOLDERS = {
  bodies: `(SELECT count(*)::int FROM users u WHERE u.retired_at IS NULL AND NOT u.scope_unknown
      AND 'consultee' = ANY(u.roles) AND u.country = e.country AND u.body = e.id)`,
  seats: `(SELECT count(*)::int FROM users u WHERE u.retired_at IS NULL AND NOT u.scope_unknown
      AND 'gof_member' = ANY(u.roles) AND u.seat = e.seat)`,
} as const;

/** Columns searched by each list's `search`. */
const SEARCHED: Record<EntryKind, string[]> = {
  countries: ['e.code', 'e.names::text'],
  regions: ['e.id', 'e.name'],
  bodies: ['e.country', 'e.id', 'e.name'],
  organizations: ['e.id', 'e.name'],
  seats: ['e.seat', 'e.name'],
};

/** One page of a list, searched, each body and seat with the number of users who hold it. */
export async function listEntries<K extends EntryKind>(
  db: Db,
  kind: K,
  query: RegistryListQuery & { country?: string; organizationKind?: string },
): Promise<RegistryPage<EntryOf<K> & { holders?: number }>> {
  const q = db.getRepository<ObjectLiteral>(ENTRY_ENTITIES[kind]).createQueryBuilder('e');
  for (const key of ENTRY_KEYS[kind]) q.addOrderBy(`e.${key}`, 'ASC');
  if (!query.includeRetired) q.andWhere('e.retired_at IS NULL');
  if (query.search) {
    q.andWhere(`(${SEARCHED[kind].map((c) => `${c} ILIKE :s`).join(' OR ')})`, { s: `%${escapeLike(query.search)}%` });
  }
  if (kind === 'bodies' && query.country) q.andWhere('e.country = :country', { country: query.country });
  if (kind === 'organizations' && query.organizationKind) q.andWhere('e.kind = :ok', { ok: query.organizationKind });
  const holders = kind === 'bodies' || kind === 'seats' ? HOLDERS[kind as 'bodies' | 'seats'] : undefined;
  if (holders) q.addSelect(holders, 'holders');
  q.skip((query.page - 1) * query.pageSize).take(query.pageSize);
  const total = await q.getCount();
  if (!holders) return { items: (await q.getMany()) as (EntryOf<K> & { holders?: number })[], total };
  const { entities, raw } = await q.getRawAndEntities<{ holders: number }>();
  return { items: entities.map((e, i) => ({ ...(e as EntryOf<K>), holders: raw[i].holders })), total };
}

/** Every entry of a list (for CSV export), retired ones included. */
export function allEntries<K extends EntryKind>(db: Db, kind: K): Promise<EntryOf<K>[]> {
  const order = Object.fromEntries(ENTRY_KEYS[kind].map((k) => [k, 'ASC']));
  return db.getRepository<ObjectLiteral>(ENTRY_ENTITIES[kind]).find({ order }) as Promise<EntryOf<K>[]>;
}

export async function findEntry<K extends EntryKind>(
  db: Db,
  kind: K,
  where: Partial<EntryOf<K>>,
): Promise<EntryOf<K> | null> {
  return (await db
    .getRepository<ObjectLiteral>(ENTRY_ENTITIES[kind])
    .findOneBy(where as ObjectLiteral)) as EntryOf<K> | null;
}

/** What the log keeps of an entry: its fields but the timestamps. */
const logged = (row: ObjectLiteral): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !['createdAt', 'retiredAt', 'holders'].includes(k)));

/** Adds an entry; false (and nothing written) if one with its key exists, retired or not. */
export async function addEntry<K extends EntryKind>(
  tx: EntityManager,
  by: string,
  kind: K,
  row: Partial<EntryOf<K>>,
): Promise<boolean> {
  const result = await tx
    .createQueryBuilder()
    .insert()
    .into(ENTRY_ENTITIES[kind])
    .values(row as ObjectLiteral)
    .orIgnore()
    .returning(ENTRY_KEYS[kind].map((k) => k))
    .execute();
  if (result.raw.length === 0) return false;
  await recordChange(tx, by, kind, entryKey(kind, row), 'added', null, logged(row));
  return true;
}

/** Changes an entry's fields (a rename); undefined if it doesn't exist. Logs only a real change. */
export async function changeEntry<K extends EntryKind>(
  tx: EntityManager,
  by: string,
  kind: K,
  where: Partial<EntryOf<K>>,
  patch: Partial<EntryOf<K>>,
): Promise<EntryOf<K> | undefined> {
  const repo = tx.getRepository<ObjectLiteral>(ENTRY_ENTITIES[kind]);
  const current = await repo.findOne({ where: where as ObjectLiteral, lock: { mode: 'pessimistic_write' } });
  if (!current) return undefined;
  const changes = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && JSON.stringify(current[k]) !== JSON.stringify(v)),
  );
  if (Object.keys(changes).length === 0) return current as EntryOf<K>;
  await repo.update(where as ObjectLiteral, changes);
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, current[k]]));
  await recordChange(tx, by, kind, entryKey(kind, current), 'renamed', before, changes);
  return (await repo.findOneByOrFail(where as ObjectLiteral)) as EntryOf<K>;
}

/** Retires an entry (or restores a retired one); undefined if it doesn't exist. Never deletes. */
export async function retireEntry<K extends EntryKind>(
  tx: EntityManager,
  by: string,
  kind: K,
  where: Partial<EntryOf<K>>,
  retired: boolean,
): Promise<EntryOf<K> | undefined> {
  const repo = tx.getRepository<ObjectLiteral>(ENTRY_ENTITIES[kind]);
  const current = await repo.findOne({ where: where as ObjectLiteral, lock: { mode: 'pessimistic_write' } });
  if (!current) return undefined;
  if ((current.retiredAt !== null) !== retired) {
    await repo.update(where as ObjectLiteral, { retiredAt: retired ? new Date() : null });
    await recordChange(tx, by, kind, entryKey(kind, current), retired ? 'retired' : 'restored', null, null);
  }
  return (await repo.findOneByOrFail(where as ObjectLiteral)) as EntryOf<K>;
}

/** The counts of one import: what it added, renamed, retired or restored, and what it left as it was. */
export interface ImportOutcome {
  added: number;
  changed: number;
  retired: number;
  restored: number;
  unchanged: number;
}

/**
 * Applies an import's rows, each an entry as it should be (`retired` true or false), in the
 * caller's transaction: a row adds its entry, renames it, retires or restores it. The caller has
 * checked every row first; a failure here rolls the whole file back.
 */
export async function importEntries<K extends EntryKind>(
  tx: EntityManager,
  by: string,
  kind: K,
  rows: (Partial<EntryOf<K>> & { retired?: boolean })[],
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { added: 0, changed: 0, retired: 0, restored: 0, unchanged: 0 };
  for (const { retired, ...row } of rows) {
    const where = Object.fromEntries(ENTRY_KEYS[kind].map((k) => [k, (row as ObjectLiteral)[k]])) as Partial<
      EntryOf<K>
    >;
    const exists = await findEntry(tx, kind, where);
    let touched = false;
    if (!exists) {
      await addEntry(tx, by, kind, row as Partial<EntryOf<K>>);
      outcome.added++;
      touched = true;
    } else {
      const patch = Object.fromEntries(
        Object.entries(row).filter(([k]) => !(ENTRY_KEYS[kind] as string[]).includes(k)),
      );
      const changed = Object.entries(patch).some(
        ([k, v]) => JSON.stringify((exists as ObjectLiteral)[k]) !== JSON.stringify(v),
      );
      if (changed) {
        await changeEntry(tx, by, kind, where, patch as Partial<EntryOf<K>>);
        outcome.changed++;
        touched = true;
      }
    }
    if (retired !== undefined) {
      const wasRetired = exists ? (exists as ObjectLiteral).retiredAt !== null : false;
      if (wasRetired !== retired) {
        await retireEntry(tx, by, kind, where, retired);
        if (retired) outcome.retired++;
        else outcome.restored++;
        touched = true;
      }
    }
    if (!touched) outcome.unchanged++;
  }
  return outcome;
}

/** What a plan may name now: the countries, bodies and organizations that are not retired. */
export async function knownReferences(db: Db): Promise<KnownReferences> {
  const [countries, bodies, organizations] = await Promise.all([
    db.query(`SELECT code FROM countries WHERE retired_at IS NULL ORDER BY code`) as Promise<{ code: string }[]>,
    db.query(`SELECT country, id FROM national_bodies WHERE retired_at IS NULL ORDER BY country, id`) as Promise<
      { country: string; id: string }[]
    >,
    db.query(`SELECT id FROM organizations WHERE retired_at IS NULL ORDER BY id`) as Promise<{ id: string }[]>,
  ]);
  const byCountry = new Map<string, Set<string>>();
  for (const b of bodies) byCountry.set(b.country, (byCountry.get(b.country) ?? new Set()).add(b.id));
  return {
    countries: new Set(countries.map((c) => c.code)),
    bodies: byCountry,
    organizations: new Set(organizations.map((o) => o.id)),
  };
}

/** How many users hold each of these bodies (consultees of that country and body, not retired, scope known). */
export async function bodyHolders(
  db: Pick<EntityManager, 'query'>,
  bodies: { country: string; body: string }[],
): Promise<Map<string, number>> {
  if (bodies.length === 0) return new Map();
  const rows: { country: string; body: string; holders: number }[] = await db.query(
    `SELECT b.country, b.body, (SELECT count(*)::int FROM users u WHERE u.retired_at IS NULL AND NOT u.scope_unknown
        AND 'consultee' = ANY(u.roles) AND u.country = b.country AND u.body = b.body) AS holders
     FROM jsonb_to_recordset($1::jsonb) AS b(country varchar, body varchar)`,
    [JSON.stringify(bodies)],
  );
  return new Map(rows.map((r) => [`${r.country}/${r.body}`, r.holders]));
}

/** Which parts of a scope the registry knows (not retired), in one statement. */
export async function knownScope(
  db: Pick<EntityManager, 'query'>,
  scope: { country?: string; body?: string; seat?: string; org?: string },
): Promise<{ country: boolean; body: boolean; seat: boolean; org: boolean }> {
  const [row]: { country: boolean; body: boolean; seat: boolean; org: boolean }[] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM countries WHERE code = $1 AND retired_at IS NULL) AS country,
            EXISTS (SELECT 1 FROM national_bodies WHERE country = $1 AND id = $2 AND retired_at IS NULL) AS body,
            EXISTS (SELECT 1 FROM gof_seats WHERE seat = $3 AND retired_at IS NULL) AS seat,
            EXISTS (SELECT 1 FROM organizations WHERE id = $4 AND retired_at IS NULL) AS org`,
    [scope.country ?? null, scope.body ?? null, scope.seat ?? null, scope.org ?? null],
  );
  return row;
}

/** The names of these organizations (retired ones too: a plan names what it named), by id; unknown ids are absent. */
export async function organizationNames(
  db: Pick<EntityManager, 'query'>,
  ids: string[],
): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows: { id: string; name: string }[] = await db.query(`SELECT id, name FROM organizations WHERE id = ANY($1)`, [
    [...new Set(ids)],
  ]);
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
