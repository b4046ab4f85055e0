import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@aoc/auth/claims';
import { SeenThrottle } from '@aoc/auth/seen-throttle';
import { ROLES, type Actor, type Role } from '@aoc/domain/actor';
import { UserEntity } from '@aoc/persistence';

/**
 * The users directory's one writer (table `users`, UserEntity): records each verified identity,
 * at most once a minute per user unless their roles or scope changed. The same limit holds in
 * the SQL, so that several API processes together write no more often. A failure to record is
 * logged and does not refuse the request: the directory is a copy, not the source of truth.
 */
@Injectable()
export class UserDirectory {
  private readonly logger = new Logger('users');
  private readonly throttle = new SeenThrottle();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async seen(identity: Identity, now = Date.now()): Promise<void> {
    const { actor } = identity;
    if (!this.throttle.take(identity, now)) return;
    try {
      await this.db.query(
        `INSERT INTO "users" ("id", "name", "email", "roles", "country", "body", "seat", "org", "first_seen_at", "last_seen_at")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())
         ON CONFLICT ("id") DO UPDATE SET
           "name" = EXCLUDED."name", "email" = EXCLUDED."email", "roles" = EXCLUDED."roles",
           "country" = EXCLUDED."country", "body" = EXCLUDED."body", "seat" = EXCLUDED."seat",
           "org" = EXCLUDED."org", "last_seen_at" = EXCLUDED."last_seen_at"
         WHERE "users"."last_seen_at" < now() - interval '1 minute'
            OR ("users"."name", "users"."email", "users"."roles", "users"."country", "users"."body", "users"."seat", "users"."org")
               IS DISTINCT FROM
               (EXCLUDED."name", EXCLUDED."email", EXCLUDED."roles", EXCLUDED."country", EXCLUDED."body", EXCLUDED."seat", EXCLUDED."org")`,
        [
          actor.sub,
          identity.name ?? null,
          identity.email ?? null,
          [...actor.roles].sort(),
          actor.country ?? null,
          actor.body ?? null,
          actor.seat ?? null,
          actor.org ?? null,
        ],
      );
    } catch (error) {
      this.throttle.forget(actor.sub);
      this.logger.warn('could not record the user in the directory', {
        sub: actor.sub,
        error: (error as Error).message,
      });
    }
  }

  /** A user's roles and scope as the directory knows them (their last recorded token), or undefined if never seen. */
  async profileOf(sub: string): Promise<Actor | undefined> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: sub });
    if (!user) return undefined;
    return {
      sub: user.id,
      roles: user.roles.filter((r): r is Role => ROLES.includes(r as Role)),
      ...(user.country ? { country: user.country } : {}),
      ...(user.body ? { body: user.body } : {}),
      ...(user.seat ? { seat: user.seat } : {}),
      ...(user.org ? { org: user.org } : {}),
    };
  }
}
