import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, hasRole } from '@aoc/domain/actor';
import { ErrorCode, conflict, forbidden, invalid, notFound } from '@aoc/domain/domain-error';
import { COUNTRY_NAME_LANGUAGES, type RegistryKind, unknownReference } from '@aoc/domain/registry.rules';
import type { GofSeatEntity, NationalBodyEntity, UserEntity } from '@aoc/persistence';
import {
  type EntryKind,
  type EntryOf,
  type ImportOutcome,
  addEntry,
  allEntries,
  changeEntry,
  countryNames,
  findEntry,
  importEntries,
  knownReferences,
  listChanges,
  listEntries,
  retireEntry,
} from '@aoc/persistence/repositories/registry';
import { planIdsInStatus } from '@aoc/persistence/repositories/plans';
import {
  changeUser,
  findUser,
  listUsers,
  reconcileUnknownScopes,
  registerUser,
  retireUser,
} from '@aoc/persistence/repositories/users';
import type { Page } from '../common/page';
import { ReviewGateway } from '../temporal/review.gateway';
import { userView } from '../users/users.controller';
import {
  type BodyListQuery,
  type ChangeListQuery,
  type CreateBodyDto,
  type CreateCountryDto,
  type CreateOrganizationDto,
  type CreateRegionDto,
  type CreateSeatDto,
  type OrganizationListQuery,
  type RegisterUserDto,
  type RegistryListQuery,
  type UpdateCountryDto,
  type UpdateOrganizationDto,
  type UpdateRegionDto,
  type UpdateUserDto,
  type UserListQuery,
} from './dto/registry.dto';
import {
  type CsvRow,
  entryOfRow,
  readCsv,
  referenceProblems,
  refusal,
  rowOfEntry,
  rowProblems,
  words,
  writeCsv,
} from './registry-csv';
import { bodyView, countryView, iso, organizationView, regionView, seatView } from './registry.views';

function assertAdmin(actor: Actor, what: string): void {
  if (!hasRole(actor, 'admin')) throw forbidden(`only an admin may ${what} the registry`);
}

/** A refusal of a value the registry doesn't know: names the field and the nearest known values. */
function unknownValue(field: string, what: string, value: string, known: Iterable<string>) {
  const { message, nearest } = unknownReference(field, what, value, known);
  return invalid(`${field}: ${message}`, [{ field, message, nearest }]);
}

/**
 * The registry of organisations (DOMAIN §12): lists for every signed-in user; adding, renaming,
 * retiring and importing for admins, each change logged by the registry's repository.
 */
@Injectable()
export class RegistryService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReviewGateway) private readonly reviews: ReviewGateway,
  ) {}

  // ---- reads ----

  async list<K extends EntryKind, V>(
    kind: K,
    query: RegistryListQuery & Partial<BodyListQuery & OrganizationListQuery>,
    view: (e: EntryOf<K> & { holders?: number }) => V,
  ): Promise<Page<V>> {
    const { items, total } = await listEntries(this.db, kind, {
      ...query,
      ...(query.kind ? { organizationKind: query.kind } : {}),
    });
    return { items: items.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  async listUsers(actor: Actor, query: UserListQuery) {
    assertAdmin(actor, 'list the users of');
    const { items, total } = await listUsers(this.db, query);
    return { items: items.map(userView), page: query.page, pageSize: query.pageSize, total };
  }

  async changes(actor: Actor, query: ChangeListQuery) {
    assertAdmin(actor, 'read the log of');
    const [items, total] = await listChanges(this.db, query);
    return {
      items: items.map((c) => ({ ...c, at: iso(c.at) })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  // ---- writes ----

  async addCountry(actor: Actor, dto: CreateCountryDto) {
    assertAdmin(actor, 'change');
    const fromIcu = countryNames(dto.code) ?? {};
    const names = Object.fromEntries(
      COUNTRY_NAME_LANGUAGES.map((l) => [l, dto.names?.[l] ?? fromIcu[l] ?? dto.names?.en ?? '']),
    );
    const missing = COUNTRY_NAME_LANGUAGES.filter((l) => !names[l]);
    if (missing.length > 0) {
      throw invalid(`names.en: the runtime has no name for ${dto.code}: give at least its English name`, [
        { field: 'names.en', message: `the runtime has no name for ${dto.code}` },
      ]);
    }
    return countryView(await this.add(actor, 'countries', { code: dto.code, names }, { code: dto.code }));
  }

  async renameCountry(actor: Actor, code: string, dto: UpdateCountryDto) {
    assertAdmin(actor, 'change');
    const current = await this.existing('countries', { code }, `country ${code}`);
    const names = { ...current.names, ...Object.fromEntries(Object.entries(dto.names).filter(([, v]) => v)) };
    return countryView(await this.change(actor, 'countries', { code }, { names }));
  }

  async addRegion(actor: Actor, dto: CreateRegionDto) {
    assertAdmin(actor, 'change');
    await this.assertCountriesKnown(dto.countries, 'countries');
    return regionView(
      await this.add(actor, 'regions', { ...dto, countries: [...new Set(dto.countries)] }, { id: dto.id }),
    );
  }

  async changeRegion(actor: Actor, id: string, dto: UpdateRegionDto) {
    assertAdmin(actor, 'change');
    if (dto.countries) await this.assertCountriesKnown(dto.countries, 'countries');
    const patch = { name: dto.name, countries: dto.countries && [...new Set(dto.countries)] };
    return regionView(await this.change(actor, 'regions', { id }, patch));
  }

  async addBody(actor: Actor, dto: CreateBodyDto) {
    assertAdmin(actor, 'change');
    await this.assertCountriesKnown([dto.country], 'country');
    const row = await this.add(actor, 'bodies', dto, { country: dto.country, id: dto.id });
    return bodyView(await this.withHolders('bodies', row));
  }

  async renameBody(actor: Actor, country: string, id: string, name: string) {
    assertAdmin(actor, 'change');
    return bodyView(await this.withHolders('bodies', await this.change(actor, 'bodies', { country, id }, { name })));
  }

  async addOrganization(actor: Actor, dto: CreateOrganizationDto) {
    assertAdmin(actor, 'change');
    const row = { id: dto.id, name: dto.name, kind: dto.kind ?? 'civil_society' };
    return organizationView(await this.add(actor, 'organizations', row, { id: dto.id }));
  }

  async changeOrganization(actor: Actor, id: string, dto: UpdateOrganizationDto) {
    assertAdmin(actor, 'change');
    return organizationView(await this.change(actor, 'organizations', { id }, { name: dto.name, kind: dto.kind }));
  }

  async addSeat(actor: Actor, dto: CreateSeatDto) {
    if (!hasRole(actor, 'admin')) throw forbidden('only an admin may add a Group of Friends seat');
    const added = await this.write(actor, (tx) => addEntry(tx, actor.sub, 'seats', { seat: dto.seat, name: dto.name }));
    if (!added) throw conflict(ErrorCode.SeatExists, `seat ${dto.seat} already exists`);
    await this.seatsChanged();
    return seatView(
      await this.withHolders('seats', await this.existing('seats', { seat: dto.seat }, `seat ${dto.seat}`)),
    );
  }

  async renameSeat(actor: Actor, seat: string, name: string) {
    assertAdmin(actor, 'change');
    return seatView(await this.withHolders('seats', await this.change(actor, 'seats', { seat }, { name })));
  }

  /** Retires an entry, or restores a retired one. */
  async retire<K extends EntryKind>(actor: Actor, kind: K, where: Partial<EntryOf<K>>, isRetired: boolean) {
    assertAdmin(actor, 'change');
    const row = await this.write(actor, (tx) => retireEntry(tx, actor.sub, kind, where, isRetired));
    if (!row) throw notFound(`the registry has no ${kind} entry ${Object.values(where).join('/')}`);
    if (kind === 'seats') await this.seatsChanged();
    const withHolders =
      kind === 'bodies' || kind === 'seats' ? await this.withHolders(kind, row as EntryOf<'bodies' | 'seats'>) : row;
    return withHolders as EntryOf<K> & { holders?: number };
  }

  async registerUser(actor: Actor, dto: RegisterUserDto) {
    assertAdmin(actor, 'change');
    await this.assertScopeKnown(dto);
    const id = dto.id ?? dto.email.toLowerCase();
    const added = await this.write(actor, (tx) => registerUser(tx, actor.sub, { ...dto, id }));
    if (!added) throw conflict(ErrorCode.RegistryEntryExists, `a user ${id} exists already`);
    return userView((await findUser(this.db, id))!);
  }

  async changeUser(actor: Actor, id: string, dto: UpdateUserDto) {
    assertAdmin(actor, 'change');
    const user = await this.write(actor, (tx) => changeUser(tx, actor.sub, id, dto));
    if (!user) throw notFound(`the registry has no user ${id}`);
    return userView(user);
  }

  async retireUser(actor: Actor, id: string, isRetired: boolean) {
    assertAdmin(actor, 'change');
    const user = await this.write(actor, (tx) => retireUser(tx, actor.sub, id, isRetired));
    if (!user) throw notFound(`the registry has no user ${id}`);
    return userView(user);
  }

  // ---- CSV ----

  async exportCsv(kind: RegistryKind): Promise<string> {
    if (kind === 'users') {
      const { items } = await listUsers(this.db, { page: 1, pageSize: 1_000_000, includeRetired: true });
      return writeCsv(
        kind,
        items.map((u) => ({
          id: u.id,
          name: u.name,
          email: u.email,
          roles: u.roles.join(' '),
          country: u.country,
          body: u.body,
          seat: u.seat,
          org: u.org,
          retired: u.retiredAt !== null,
        })),
      );
    }
    const rows = (await allEntries(this.db, kind)) as unknown as Record<string, unknown>[];
    return writeCsv(kind, rows.map(rowOfEntry));
  }

  /** Imports a file whole or not at all: every row is checked before any is applied, in one transaction. */
  async importCsv(actor: Actor, kind: RegistryKind, csv: string): Promise<ImportOutcome> {
    assertAdmin(actor, 'import into');
    const rows = readCsv(kind, csv);
    const problems = rows.flatMap((row) => rowProblems(kind, row));
    if (problems.length > 0) throw refusal(problems);
    const outcome = await this.write(actor, async (tx) => {
      problems.push(...(await referenceProblems(tx, kind, rows)));
      if (problems.length > 0) throw refusal(problems);
      if (kind === 'users') return this.importUsers(tx, actor, rows);
      return importEntries(
        tx,
        actor.sub,
        kind,
        rows.map((r) => entryOfRow(kind, r)),
      );
    });
    if (kind === 'seats') await this.seatsChanged();
    return outcome;
  }

  private async importUsers(tx: EntityManager, actor: Actor, rows: CsvRow[]): Promise<ImportOutcome> {
    const outcome: ImportOutcome = { added: 0, changed: 0, retired: 0, restored: 0, unchanged: 0 };
    for (const { values: v, retired: isRetired } of rows) {
      const user = {
        name: v.name,
        email: v.email,
        roles: words(v.roles),
        country: v.country || null,
        body: v.body || null,
        seat: v.seat || null,
        org: v.org || null,
      };
      const existing = await findUser(tx, v.id);
      let touched = false;
      if (!existing) {
        await registerUser(tx, actor.sub, { id: v.id, ...user });
        outcome.added++;
        touched = true;
      } else if (
        existing.name !== user.name ||
        existing.email !== user.email ||
        [...existing.roles].sort().join(' ') !== [...user.roles].sort().join(' ')
      ) {
        await changeUser(tx, actor.sub, v.id, { name: user.name, email: user.email, roles: user.roles });
        outcome.changed++;
        touched = true;
      }
      if (isRetired !== undefined && (existing?.retiredAt != null) !== isRetired) {
        await retireUser(tx, actor.sub, v.id, isRetired);
        if (isRetired) outcome.retired++;
        else outcome.restored++;
        touched = true;
      }
      if (!touched) outcome.unchanged++;
    }
    return outcome;
  }

  // ---- helpers ----

  /**
   * A registry write, in one transaction with what it changes for the users who claim its
   * entries: adding or restoring what a user claims resolves their unknown scope, retiring it
   * makes it unknown (DOMAIN §12).
   */
  private write<T>(actor: Actor, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const result = await fn(tx);
      await reconcileUnknownScopes(tx, actor.sub);
      return result;
    });
  }

  private async add<K extends EntryKind>(actor: Actor, kind: K, row: Partial<EntryOf<K>>, where: Partial<EntryOf<K>>) {
    const added = await this.write(actor, (tx) => addEntry(tx, actor.sub, kind, row));
    const key = Object.values(where).join('/');
    if (!added) throw conflict(ErrorCode.RegistryEntryExists, `the registry's ${kind} have ${key} already`);
    return this.existing(kind, where, key);
  }

  private async change<K extends EntryKind>(
    actor: Actor,
    kind: K,
    where: Partial<EntryOf<K>>,
    patch: Partial<EntryOf<K>>,
  ) {
    const row = await this.write(actor, (tx) => changeEntry(tx, actor.sub, kind, where, patch));
    if (!row) throw notFound(`the registry has no ${kind} entry ${Object.values(where).join('/')}`);
    return row;
  }

  private async existing<K extends EntryKind>(kind: K, where: Partial<EntryOf<K>>, what: string): Promise<EntryOf<K>> {
    const row = await findEntry(this.db, kind, where);
    if (!row) throw notFound(`the registry has no ${what}`);
    return row;
  }

  private async withHolders<K extends 'bodies' | 'seats'>(kind: K, row: EntryOf<K>) {
    const search = kind === 'bodies' ? (row as NationalBodyEntity).id : (row as GofSeatEntity).seat;
    const { items } = await listEntries(this.db, kind, {
      page: 1,
      pageSize: 100,
      search,
      includeRetired: true,
      ...(kind === 'bodies' ? { country: (row as NationalBodyEntity).country } : {}),
    });
    const match = items.find((i) =>
      kind === 'bodies'
        ? (i as NationalBodyEntity).id === (row as NationalBodyEntity).id
        : (i as GofSeatEntity).seat === (row as GofSeatEntity).seat,
    );
    return { ...row, holders: match?.holders ?? 0 } as EntryOf<K> & { holders: number };
  }

  private async assertCountriesKnown(countries: string[], field: string): Promise<void> {
    const known = await knownReferences(this.db);
    countries.forEach((c, i) => {
      if (!known.countries.has(c)) {
        throw unknownValue(field === 'countries' ? `countries[${i}]` : field, 'country', c, known.countries);
      }
    });
  }

  private async assertScopeKnown(dto: Pick<RegisterUserDto, 'country' | 'body' | 'seat' | 'org'>): Promise<void> {
    const known = await knownReferences(this.db);
    if (dto.country && !known.countries.has(dto.country))
      throw unknownValue('country', 'country', dto.country, known.countries);
    if (dto.body) {
      const bodies = known.bodies.get(dto.country ?? '') ?? new Set<string>();
      if (!bodies.has(dto.body))
        throw unknownValue('body', `body of ${dto.country ?? '(no country)'}`, dto.body, bodies);
    }
    if (dto.seat) {
      const seats = (await allEntries(this.db, 'seats')).filter((s) => !s.retiredAt).map((s) => s.seat);
      if (!seats.includes(dto.seat)) throw unknownValue('seat', 'seat', dto.seat, seats);
    }
    if (dto.org && !known.organizations.has(dto.org))
      throw unknownValue('org', 'organization', dto.org, known.organizations);
  }

  /** A plan in the silence procedure waits on the seats: tell it they changed. */
  private async seatsChanged(): Promise<void> {
    const endorsing = await planIdsInStatus(this.db, 'GOF_ENDORSEMENT');
    await Promise.all(endorsing.map((planId) => this.reviews.seatsChanged(planId)));
  }
}

export type { UserEntity };
