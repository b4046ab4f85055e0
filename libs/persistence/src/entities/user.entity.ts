import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The directory of the users this service has seen (DOMAIN §9): one row per `sub` of a verified
 * token, with what its claims said the last time it was recorded. The identity provider is the
 * source of truth; this is a copy, for looking users up (reassignment) without them signing in.
 *
 * One writer: the API's UserDirectory (apps/api/src/auth/user-directory.ts), which upserts a row
 * from each verified token at most once a minute per user. Nothing else writes here.
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

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;
}
