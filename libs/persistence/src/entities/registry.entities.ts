import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { RegistryKind } from '@aoc/domain/registry.rules';

/**
 * The registry of organisations (DOMAIN §12): countries, regions, national bodies and
 * organizations. An entry a plan may refer to is retired (`retired_at`), never deleted.
 *
 * One writer: the registry repository (libs/persistence/src/repositories/registry.ts). The
 * Group of Friends seats (GofSeatEntity) and the pre-registered users (UserEntity) are part of
 * the registry too, with the same writer for the seats and the users repository for the users.
 */

/** A country: ISO 3166-1 alpha-2, with its name in the six UN languages. */
@Entity('countries')
export class CountryEntity {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code: string;

  /** `{ ar, zh, en, fr, ru, es }`. */
  @Column({ type: 'jsonb' })
  names: Record<string, string>;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A named group of countries, such as South-Eastern Europe. */
@Entity('regions')
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 2, array: true })
  countries: string[];

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A national body (ministry or agency) of a country that a plan can consult. */
@Entity('national_bodies')
export class NationalBodyEntity {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  country: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** An organization: an accredited civil society organization, or an international or regional one (a plan's partners). */
@Entity('organizations')
export class OrganizationEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** `civil_society` (accredited), `international` or `regional`. */
  @Column({ type: 'varchar', length: 32, default: 'civil_society' })
  kind: string;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Every change to the registry: who, when, what (DOMAIN §12). Append-only: the database refuses
 * to update or delete a row. One writer: the registry and users repositories, in the transaction
 * of the change they record.
 */
@Entity('registry_changes')
@Index('idx_registry_changes_entry', ['kind', 'key', 'id'])
export class RegistryChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 200 })
  actor: string;

  @Column({ type: 'varchar', length: 32 })
  kind: RegistryKind;

  /** The entry's key: `PT`, `PT/ministry-education`, a seat, an organization or a user id. */
  @Column({ type: 'varchar', length: 300 })
  key: string;

  /** `added`, `renamed`, `retired`, `restored`, `changed`, `joined`, `scope_unknown`. */
  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}
