import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The directory of users (DOMAIN §9, §12): one row per `sub` of a verified token, with what its
 * claims said the last time it was recorded, and the users an admin registered before their first
 * sign-in (`first_seen_at` null). The first sign-in whose `sub` or verified e-mail matches a
 * registered row joins it. Used to look users up (notifications, reassignment).
 *
 * One writer: the users repository (libs/persistence/src/repositories/users.ts), called by the
 * API's UserDirectory (sign-ins) and the registry (pre-registration). Nothing else writes here.
 */
@Entity('users')
export class UserEntity {
  /** The token's `sub`. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, array: true })
  roles: string[];

  @Column({ type: 'varchar', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  body: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  seat: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  org: string | null;

  /** Null until the user's first sign-in (a user an admin registered beforehand). */
  @Column({ name: 'first_seen_at', type: 'timestamptz', nullable: true })
  firstSeenAt: Date | null;

  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  /** Set when an admin registered the user (before or after their first sign-in). */
  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true })
  registeredAt: Date | null;

  @Column({ name: 'registered_by', type: 'varchar', length: 200, nullable: true })
  registeredBy: string | null;

  /** A retired user holds nothing and is told nothing; the row stays for the records that name them. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  /** Their token claims a scope (country, body, seat, organization) the registry doesn't know: they hold no task. */
  @Column({ name: 'scope_unknown', type: 'boolean', default: false })
  scopeUnknown: boolean;
}
