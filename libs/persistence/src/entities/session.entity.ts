import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Actor } from '@aoc/domain/actor';

/**
 * Browser sessions (docs/identity.md): one row per sign-in through the API's OpenID Connect
 * client. The browser holds the session id in the `aoc_session` cookie; only its SHA-256 is kept
 * here, so a copy of this table signs nobody in. The actor is the one the sign-in's tokens mapped
 * to (the same claims mapping as bearer tokens), kept for the session's life.
 *
 * One writer: SessionsRepository (libs/persistence/src/repositories/sessions.ts), which
 * creates a row at sign-in, touches `last_seen_at` at most once a minute, and deletes it at
 * sign-out or once expired. Nothing else writes here.
 */
@Entity('sessions')
@Index('idx_sessions_expires', ['expiresAt'])
export class SessionEntity {
  /** SHA-256 (hex) of the session id in the cookie. */
  @PrimaryColumn({ name: 'id_hash', type: 'varchar', length: 64 })
  idHash: string;

  /** The user's `sub`. */
  @Column({ type: 'varchar', length: 200 })
  sub: string;

  /** Who the user acts as: roles and scope, mapped from the sign-in's tokens. */
  @Column({ type: 'jsonb' })
  actor: Actor;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;
}
