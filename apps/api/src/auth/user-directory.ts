import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@aoc/auth/claims';

/** A user's row is written at most this often (and whenever what their token says changes). */
export const DIRECTORY_WRITE_INTERVAL_MS = 60_000;
/** Past this many users remembered, those not written within the interval are forgotten. */
const MAX_REMEMBERED = 10_000;

/**
 * The users directory's one writer (table `users`, UserEntity): records each verified identity,
 * at most once a minute per user unless their roles or scope changed. The same limit holds in
 * the SQL, so that several API processes together write no more often. A failure to record is
 * logged and does not refuse the request: the directory is a copy, not the source of truth.
 */
@Injectable()
export class UserDirectory {
  private readonly logger = new Logger('users');
  /** sub → when it was last written, and what was written. */
  private readonly written = new Map<string, { at: number; fingerprint: string }>();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async seen(identity: Identity, now = Date.now()): Promise<void> {
    const { actor } = identity;
    const fingerprint = JSON.stringify([
      identity.name,
      identity.email,
      [...actor.roles].sort(),
      actor.country,
      actor.body,
      actor.seat,
      actor.org,
    ]);
    const last = this.written.get(actor.sub);
    if (last && last.fingerprint === fingerprint && now - last.at < DIRECTORY_WRITE_INTERVAL_MS) return;
    this.remember(actor.sub, { at: now, fingerprint });
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
      this.written.delete(actor.sub);
      this.logger.warn('could not record the user in the directory', {
        sub: actor.sub,
        error: (error as Error).message,
      });
    }
  }

  private remember(sub: string, entry: { at: number; fingerprint: string }): void {
    this.written.delete(sub);
    this.written.set(sub, entry);
    if (this.written.size <= MAX_REMEMBERED) return;
    for (const [key, value] of this.written) {
      if (this.written.size <= MAX_REMEMBERED) break;
      if (entry.at - value.at >= DIRECTORY_WRITE_INTERVAL_MS || this.written.size > 2 * MAX_REMEMBERED) {
        this.written.delete(key);
      }
    }
  }
}
