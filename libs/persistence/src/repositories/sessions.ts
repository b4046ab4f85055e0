import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Identity } from '@aoc/auth/claims';
import type { Actor } from '@aoc/domain/actor';

/** A live session, as the guard needs it. */
export interface LiveSession {
  identity: Identity;
  expiresAt: Date;
}

/** A session id: 256 random bits, base64url (43 characters); anything else is not one of ours. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (id: string): string => createHash('sha256').update(id).digest('hex');

interface SessionRow {
  actor: Actor;
  name: string | null;
  email: string | null;
  expires_at: Date;
}

/**
 * The sessions table's one writer (SessionEntity): creates a session at sign-in, finds a live
 * one (touching `last_seen_at` at most once a minute), deletes it at sign-out, and removes
 * expired ones. Only the SHA-256 of a session id is stored.
 */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** A new session for `identity`, living `ttlMs`: returns the id to put in the cookie. */
  async create(identity: Identity, ttlMs: number): Promise<{ id: string; expiresAt: Date }> {
    const id = randomBytes(32).toString('base64url');
    const rows: { expires_at: Date }[] = await this.db.query(
      `INSERT INTO "sessions" ("id_hash", "sub", "actor", "name", "email", "created_at", "expires_at", "last_seen_at")
       VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(secs => $6::double precision / 1000), now())
       RETURNING "expires_at"`,
      [
        hashOf(id),
        identity.actor.sub,
        JSON.stringify(identity.actor),
        identity.name ?? null,
        identity.email ?? null,
        ttlMs,
      ],
    );
    // Sign-ins are rare next to requests: each one clears the sessions that expired a while ago.
    await this.db.query(`DELETE FROM "sessions" WHERE "expires_at" < now() - interval '1 hour'`);
    return { id, expiresAt: rows[0].expires_at };
  }

  /** The live session of a cookie's id, or undefined when it is unknown, malformed or expired. */
  async find(id: string): Promise<LiveSession | undefined> {
    if (!SESSION_ID.test(id)) return undefined;
    const rows: SessionRow[] = await this.db.query(
      `WITH touched AS (
         UPDATE "sessions" SET "last_seen_at" = now()
          WHERE "id_hash" = $1 AND "expires_at" > now() AND "last_seen_at" < now() - interval '1 minute'
       )
       SELECT "actor", "name", "email", "expires_at" FROM "sessions" WHERE "id_hash" = $1 AND "expires_at" > now()`,
      [hashOf(id)],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      identity: { actor: row.actor, name: row.name ?? undefined, email: row.email ?? undefined },
      expiresAt: row.expires_at,
    };
  }

  /** Ends a session (sign-out); ending an unknown or ended one does nothing. */
  async delete(id: string): Promise<void> {
    if (!SESSION_ID.test(id)) return;
    await this.db.query(`DELETE FROM "sessions" WHERE "id_hash" = $1`, [hashOf(id)]);
  }
}
