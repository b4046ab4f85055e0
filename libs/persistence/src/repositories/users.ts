import type { EntityManager } from 'typeorm';
import type { Actor } from '@aoc/domain/actor';
import { UserEntity } from '../entities/user.entity';
import { recordChange, type RegistryPage, type RegistryListQuery } from './registry';

/**
 * The users directory's one writer (table `users`, UserEntity; DOMAIN §9, §12): the sign-ins the
 * API sees, and the users an admin registers before their first sign-in.
 */

type Db = Pick<EntityManager, 'query' | 'getRepository'>;

/** What a verified token says of its user. */
export interface SignIn {
  actor: Actor;
  name?: string;
  email?: string;
  /** The token says the e-mail is verified (`email_verified`): only then may it join a registered user. */
  emailVerified?: boolean;
  /** The token's scope names something the registry doesn't know. */
  scopeUnknown: boolean;
}

/**
 * Records a sign-in, at most once a minute per user unless their roles or scope changed (the
 * limit holds in the SQL, so that several API processes together write no more often). The
 * first sign-in whose `sub` matches a registered user, or whose verified e-mail matches one
 * registered without a sign-in yet, joins that row. Returns whether the user's scope just became
 * unknown (for telling the admins once).
 */
export async function recordSignIn(
  db: Db & Pick<EntityManager, 'transaction'>,
  s: SignIn,
): Promise<{ scopeNewlyUnknown: boolean; joined?: string }> {
  const { actor } = s;
  return db.transaction(async (tx) => {
    let joined: string | undefined;
    if (s.email && s.emailVerified) {
      const candidates: { id: string }[] = await tx.query(
        `SELECT id FROM users WHERE first_seen_at IS NULL AND retired_at IS NULL AND lower(email) = lower($2)
           AND NOT EXISTS (SELECT 1 FROM users WHERE id = $1)
         ORDER BY registered_at, id LIMIT 1 FOR UPDATE`,
        [actor.sub, s.email],
      );
      if (candidates[0]) {
        // An UPDATE answers [rows, count].
        const [, count]: [unknown, number] = await tx.query(`UPDATE users SET id = $1 WHERE id = $2`, [
          actor.sub,
          candidates[0].id,
        ]);
        if (count > 0) joined = candidates[0].id;
      }
      if (joined) await recordChange(tx, actor.sub, 'users', actor.sub, 'joined', { id: joined }, { id: actor.sub });
    }
    const before: { scope_unknown: boolean }[] = await tx.query(`SELECT scope_unknown FROM users WHERE id = $1`, [
      actor.sub,
    ]);
    await tx.query(
      `INSERT INTO "users" ("id", "name", "email", "roles", "country", "body", "seat", "org", "scope_unknown", "first_seen_at", "last_seen_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now())
       ON CONFLICT ("id") DO UPDATE SET
         "name" = COALESCE(EXCLUDED."name", "users"."name"), "email" = COALESCE(EXCLUDED."email", "users"."email"),
         "roles" = EXCLUDED."roles", "country" = EXCLUDED."country", "body" = EXCLUDED."body", "seat" = EXCLUDED."seat",
         "org" = EXCLUDED."org", "scope_unknown" = EXCLUDED."scope_unknown",
         "first_seen_at" = COALESCE("users"."first_seen_at", EXCLUDED."first_seen_at"), "last_seen_at" = EXCLUDED."last_seen_at"
       WHERE "users"."last_seen_at" IS NULL OR "users"."last_seen_at" < now() - interval '1 minute'
          OR ("users"."roles", "users"."country", "users"."body", "users"."seat", "users"."org", "users"."scope_unknown")
             IS DISTINCT FROM
             (EXCLUDED."roles", EXCLUDED."country", EXCLUDED."body", EXCLUDED."seat", EXCLUDED."org", EXCLUDED."scope_unknown")
          OR (EXCLUDED."name" IS NOT NULL AND EXCLUDED."name" IS DISTINCT FROM "users"."name")
          OR (EXCLUDED."email" IS NOT NULL AND EXCLUDED."email" IS DISTINCT FROM "users"."email")`,
      [
        actor.sub,
        s.name ?? null,
        s.email ?? null,
        [...actor.roles].sort(),
        actor.country ?? null,
        actor.body ?? null,
        actor.seat ?? null,
        actor.org ?? null,
        s.scopeUnknown,
      ],
    );
    const scopeNewlyUnknown = s.scopeUnknown && !(before[0]?.scope_unknown ?? false);
    if (scopeNewlyUnknown) {
      await recordChange(tx, actor.sub, 'users', actor.sub, 'scope_unknown', null, {
        country: actor.country ?? null,
        body: actor.body ?? null,
        seat: actor.seat ?? null,
        org: actor.org ?? null,
      });
    }
    return { scopeNewlyUnknown, ...(joined ? { joined } : {}) };
  });
}

/**
 * A signed-in user's recorded claims that the registry doesn't know now (as `unknownScope` in
 * `@aoc/domain/registry.rules` decides it for one sign-in): a country, body, seat or organization
 * missing or retired.
 */
const SCOPE_UNKNOWN_SQL = `(
  (u.country IS NOT NULL AND NOT EXISTS (SELECT 1 FROM countries c WHERE c.code = u.country AND c.retired_at IS NULL))
  OR (u.body IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM national_bodies b WHERE b.country = u.country AND b.id = u.body AND b.retired_at IS NULL))
  OR (u.seat IS NOT NULL AND NOT EXISTS (SELECT 1 FROM gof_seats s WHERE s.seat = u.seat AND s.retired_at IS NULL))
  OR (u.org IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = u.org AND o.retired_at IS NULL)))`;

/**
 * After a change to the registry, in its transaction: each signed-in user's `scope_unknown` as the
 * registry now decides it, so that an admin who adds (or restores) what a user claims resolves
 * them at once, and one who retires it is told. Each change is logged. Returns the users changed.
 */
export async function reconcileUnknownScopes(tx: Pick<EntityManager, 'query'>, by: string): Promise<string[]> {
  const [rows]: [{ id: string; scope_unknown: boolean }[], number] = await tx.query(
    `UPDATE users u SET scope_unknown = ${SCOPE_UNKNOWN_SQL}
      WHERE u.first_seen_at IS NOT NULL AND u.scope_unknown IS DISTINCT FROM ${SCOPE_UNKNOWN_SQL}
      RETURNING u.id, u.scope_unknown`,
  );
  for (const row of rows) {
    await recordChange(tx, by, 'users', row.id, row.scope_unknown ? 'scope_unknown' : 'scope_known', null, null);
  }
  return rows.map((r) => r.id);
}

/** Users who claim a scope the registry doesn't know (DOMAIN §12): they hold no task until an admin resolves it. */
export async function countUsersWithUnknownScope(db: Pick<EntityManager, 'query'>): Promise<number> {
  const [row]: { users: number }[] = await db.query(
    `SELECT count(*)::int AS users FROM users WHERE scope_unknown AND retired_at IS NULL`,
  );
  return row?.users ?? 0;
}

/** A user as an admin registers them. */
export interface RegisteredUser {
  id: string;
  name: string;
  email: string;
  roles: string[];
  country?: string | null;
  body?: string | null;
  seat?: string | null;
  org?: string | null;
}

const userFields = (u: UserEntity) => ({
  name: u.name,
  email: u.email,
  roles: u.roles,
  country: u.country,
  body: u.body,
  seat: u.seat,
  org: u.org,
});

/** Registers a user before (or after) their first sign-in; false if the id is taken. */
export async function registerUser(tx: EntityManager, by: string, u: RegisteredUser): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO users (id, name, email, roles, country, body, seat, org, registered_at, registered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [u.id, u.name, u.email, [...u.roles].sort(), u.country ?? null, u.body ?? null, u.seat ?? null, u.org ?? null, by],
  );
  if (rows.length === 0) return false;
  const { id: _id, ...after } = u;
  await recordChange(tx, by, 'users', u.id, 'added', null, after);
  return true;
}

/** Changes what the registry says of a user (a later sign-in's token overrides roles and scope). */
export async function changeUser(
  tx: EntityManager,
  by: string,
  id: string,
  patch: Partial<Omit<RegisteredUser, 'id'>>,
): Promise<UserEntity | undefined> {
  const repo = tx.getRepository(UserEntity);
  const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!current) return undefined;
  const before = userFields(current);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (changes.roles) changes.roles = [...(changes.roles as string[])].sort();
  await repo.update({ id }, { ...changes, registeredAt: current.registeredAt ?? new Date(), registeredBy: by });
  const after = await repo.findOneByOrFail({ id });
  await recordChange(tx, by, 'users', id, 'changed', before, userFields(after));
  return after;
}

/** Retires (or restores) a user: a retired user holds nothing and hears nothing. Undefined if unknown. */
export async function retireUser(
  tx: EntityManager,
  by: string,
  id: string,
  retired: boolean,
): Promise<UserEntity | undefined> {
  const repo = tx.getRepository(UserEntity);
  const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!current) return undefined;
  if ((current.retiredAt !== null) !== retired) {
    await repo.update({ id }, { retiredAt: retired ? new Date() : null });
    await recordChange(tx, by, 'users', id, retired ? 'retired' : 'restored', null, null);
  }
  return repo.findOneByOrFail({ id });
}

/** The users, searched by id, name or e-mail; `scopeUnknown` lists those waiting on an admin. */
export async function listUsers(
  db: Db,
  query: RegistryListQuery & { role?: string; scopeUnknown?: boolean },
): Promise<RegistryPage<UserEntity>> {
  const q = db.getRepository(UserEntity).createQueryBuilder('u').orderBy('u.id', 'ASC');
  if (query.role) q.andWhere(':role = ANY(u.roles)', { role: query.role });
  if (query.scopeUnknown !== undefined) q.andWhere('u.scope_unknown = :su', { su: query.scopeUnknown });
  if (!query.includeRetired) q.andWhere('u.retired_at IS NULL');
  if (query.search) {
    q.andWhere('(u.id ILIKE :s OR u.name ILIKE :s OR u.email ILIKE :s)', { s: `%${escapeLike(query.search)}%` });
  }
  const [items, total] = await q
    .skip((query.page - 1) * query.pageSize)
    .take(query.pageSize)
    .getManyAndCount();
  return { items, total };
}

export function findUser(db: Db, id: string): Promise<UserEntity | null> {
  return db.getRepository(UserEntity).findOneBy({ id });
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
