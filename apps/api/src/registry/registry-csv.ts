import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ROLES } from '@aoc/domain/actor';
import { invalid } from '@aoc/domain/domain-error';
import type { EntityManager } from 'typeorm';
import {
  COUNTRY_NAME_LANGUAGES,
  ORGANIZATION_KINDS,
  type RegistryKind,
  unknownReference,
} from '@aoc/domain/registry.rules';
import { allEntries, countryNames, type EntryKind, knownReferences } from '@aoc/persistence/repositories/registry';
import { COUNTRY_CODE, ENTRY_ID, USER_ID } from './dto/registry.dto';

/**
 * The registry's lists as CSV (DOMAIN §12), read and written with the `csv-parse` and
 * `csv-stringify` libraries. A file is checked whole before anything of it is applied: every bad
 * row is reported by its line and field. Lists of values (a region's countries, a user's roles)
 * are separated by spaces; `retired` is `true` or `false` (empty: as it is).
 */

export const CSV_COLUMNS: Record<RegistryKind, string[]> = {
  countries: ['code', ...COUNTRY_NAME_LANGUAGES, 'retired'],
  regions: ['id', 'name', 'countries', 'retired'],
  bodies: ['country', 'id', 'name', 'retired'],
  organizations: ['id', 'name', 'kind', 'retired'],
  seats: ['seat', 'name', 'retired'],
  users: ['id', 'name', 'email', 'roles', 'country', 'body', 'seat', 'org', 'retired'],
};

/** The columns that identify a row: a key may appear once per file. */
const KEY_COLUMNS: Record<RegistryKind, string[]> = {
  countries: ['code'],
  regions: ['id'],
  bodies: ['country', 'id'],
  organizations: ['id'],
  seats: ['seat'],
  users: ['id'],
};

export interface CsvProblem {
  line: number;
  field: string;
  message: string;
}

export interface CsvRow {
  line: number;
  values: Record<string, string>;
  retired?: boolean;
}

/** The records of a file, with their line numbers; a malformed file is refused with the line the parser stopped at. */
export function readCsv(kind: RegistryKind, text: string): CsvRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string };
    throw invalid(`the CSV file cannot be read: ${e.message}`, [
      { line: e.lines ?? 1, field: 'csv', message: e.message },
    ]);
  }
  const columns = CSV_COLUMNS[kind];
  const header = records.length > 0 ? Object.keys(records[0].record) : [];
  const problems: CsvProblem[] = [];
  for (const required of KEY_COLUMNS[kind]) {
    if (records.length > 0 && !header.includes(required)) {
      problems.push({ line: 1, field: required, message: `the header needs a "${required}" column` });
    }
  }
  for (const extra of header.filter((h) => !columns.includes(h))) {
    problems.push({
      line: 1,
      field: extra,
      message: `unknown column "${extra}"; the columns are ${columns.join(', ')}`,
    });
  }
  if (problems.length > 0) throw refusal(problems);
  const rows: CsvRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const retiredText = (record.retired ?? '').toLowerCase();
    if (!['', 'true', 'false'].includes(retiredText)) {
      problems.push({ line, field: 'retired', message: 'retired must be true, false or empty' });
    }
    const key = KEY_COLUMNS[kind].map((k) => record[k] ?? '').join('/');
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({ line, field: KEY_COLUMNS[kind].join('/'), message: `${key} is on line ${first} already` });
    else seen.set(key, line);
    const { retired: _retired, ...values } = record;
    rows.push({ line, values, ...(retiredText === '' ? {} : { retired: retiredText === 'true' }) });
  }
  if (problems.length > 0) throw refusal(problems);
  return rows;
}

/** The checks of one row's own fields (what the registry already holds is checked by the caller). */
export function rowProblems(kind: RegistryKind, row: CsvRow): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const v = row.values;
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok) problems.push({ line: row.line, field, message });
  };
  const id = (field: string) =>
    need(field, ENTRY_ID.test(v[field] ?? ''), `${field} must be 1 to 100 letters, digits or . _ -`);
  const name = (field: string, required = true) => {
    const value = v[field] ?? '';
    need(field, (!required || value.length > 0) && value.length <= 300, `${field} is required, at most 300 characters`);
  };
  const country = (field: string, value = v[field] ?? '') =>
    need(field, COUNTRY_CODE.test(value), `${field} must be two capital letters, not "${value}"`);
  switch (kind) {
    case 'countries':
      country('code');
      for (const language of COUNTRY_NAME_LANGUAGES) name(language, false);
      break;
    case 'regions':
      id('id');
      name('name');
      need('countries', (v.countries ?? '').trim().length > 0, 'a region needs one or more countries');
      for (const c of words(v.countries)) country('countries', c);
      break;
    case 'bodies':
      country('country');
      id('id');
      name('name');
      break;
    case 'organizations':
      id('id');
      name('name');
      need(
        'kind',
        !v.kind || (ORGANIZATION_KINDS as readonly string[]).includes(v.kind),
        `kind must be one of ${ORGANIZATION_KINDS.join(', ')}`,
      );
      break;
    case 'seats':
      id('seat');
      name('name');
      break;
    case 'users':
      need('id', USER_ID.test(v.id ?? ''), 'id must be 1 to 200 characters without spaces or control characters');
      name('name');
      need('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email ?? ''), 'email must be an e-mail address');
      need('roles', words(v.roles).length > 0, 'roles are required (separated by spaces)');
      for (const r of words(v.roles)) {
        need('roles', (ROLES as readonly string[]).includes(r), `role "${r}" is not one of ${ROLES.join(', ')}`);
      }
      if (v.country) country('country');
      for (const f of ['body', 'seat', 'org']) if (v[f]) id(f);
      break;
  }
  return problems;
}

export const words = (s: string | undefined): string[] => (s ?? '').split(/\s+/).filter(Boolean);

/** A file refused: every problem by line and field, nothing applied. */
export function refusal(problems: CsvProblem[]) {
  const listed = problems.slice(0, 100);
  return invalid(
    `the CSV file was not imported, nothing of it was applied: ${listed
      .map((p) => `line ${p.line}, ${p.field}: ${p.message}`)
      .join('; ')}`,
    listed,
  );
}

/** A list as CSV, with its header line. */
export function writeCsv(kind: RegistryKind, rows: Record<string, string | number | boolean | null>[]): string {
  return stringify(rows, { header: true, columns: CSV_COLUMNS[kind], cast: { boolean: (b) => String(b) } });
}

/** An entry as a row of its file: a country's names in their columns, a region's countries spaced. */
export function rowOfEntry(entry: Record<string, unknown>): Record<string, string | boolean> {
  const flat: Record<string, string | boolean> = { retired: entry.retiredAt !== null };
  for (const [k, v] of Object.entries(entry)) {
    if (k === 'names') Object.assign(flat, v);
    else if (k === 'countries') flat.countries = (v as string[]).join(' ');
    else if (typeof v === 'string') flat[k] = v;
  }
  return flat;
}

/** The entry a row of a file adds or changes (names of a country from the runtime where the row has none). */
export function entryOfRow(kind: EntryKind, row: CsvRow): Record<string, unknown> & { retired?: boolean } {
  const v = row.values;
  const retiredFlag = row.retired === undefined ? {} : { retired: row.retired };
  switch (kind) {
    case 'countries': {
      const fromIcu = countryNames(v.code) ?? {};
      const names = Object.fromEntries(COUNTRY_NAME_LANGUAGES.map((l) => [l, v[l] || fromIcu[l] || v.en || v.code]));
      return { code: v.code, names, ...retiredFlag };
    }
    case 'regions':
      return { id: v.id, name: v.name, countries: [...new Set(words(v.countries))], ...retiredFlag };
    case 'organizations':
      return { id: v.id, name: v.name, kind: v.kind || 'civil_society', ...retiredFlag };
    default:
      return { ...v, ...retiredFlag };
  }
}

/** What a file's rows name that the registry doesn't know, by line and field. */
export async function referenceProblems(tx: EntityManager, kind: RegistryKind, rows: CsvRow[]): Promise<CsvProblem[]> {
  const known = await knownReferences(tx);
  const countries = new Set(known.countries);
  const problems: CsvProblem[] = [];
  const check = (line: number, field: string, what: string, value: string, set: Set<string>) => {
    if (!set.has(value)) problems.push({ line, field, message: unknownReference(field, what, value, set).message });
  };
  if (kind === 'regions' || kind === 'bodies') {
    for (const row of rows) {
      const values = kind === 'regions' ? words(row.values.countries) : [row.values.country];
      for (const c of values) check(row.line, kind === 'regions' ? 'countries' : 'country', 'country', c, countries);
    }
  }
  if (kind === 'users') {
    const seats = new Set((await allEntries(tx, 'seats')).filter((s) => !s.retiredAt).map((s) => s.seat));
    for (const { line, values: v } of rows) {
      if (v.country) check(line, 'country', 'country', v.country, countries);
      if (v.body)
        check(
          line,
          'body',
          `body of ${v.country || '(no country)'}`,
          v.body,
          new Set(known.bodies.get(v.country) ?? []),
        );
      if (v.seat) check(line, 'seat', 'seat', v.seat, seats);
      if (v.org) check(line, 'org', 'organization', v.org, new Set(known.organizations));
    }
  }
  return problems;
}
