/**
 * The public library's figures (issue 18): the library search and a public plan page at 10,000
 * endorsed plans (--quick: 1,000), p99 at 32 concurrent clients, and the same pages repeated with
 * their ETag (answered 304); and what an adoption record costs: rendering and signing the records
 * the bench's walked plans were issued, and their size.
 */
import type { DataSource } from 'typeorm';
import { createDataSource } from '@aoc/persistence/data-source';
import type { AdoptionRecordData } from '@aoc/domain/publication.types';
import { renderRecordPdf } from '@aoc/publication/record-pdf';
import { generateSigningKeyPem, loadSigningKey } from '@aoc/publication/signing-key';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { log } from './bench-options';

/** Readers at once: the issue's bar. */
export const PUBLIC_CONCURRENCY = 32;

/** Words the seeded plans' summaries draw from, so that a search matches a share of them. */
const WORDS = ['youth', 'media', 'schools', 'migration', 'dialogue', 'museums', 'sport', 'radio', 'teachers', 'cities'];
const COUNTRIES = ['PT', 'ES', 'FR', 'IT', 'DE', 'AL', 'BA', 'HR', 'TR', 'MA', 'EG', 'JO', 'BR', 'AR', 'MX', 'JP'];

const uuidSql = (name: string) => `overlay(overlay(md5(${name}) placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * `count` endorsed plans, each with its version (content with two of WORDS in its summary), its
 * endorsement time spread over three years, and the events of its four stages.
 */
export async function seedLibrary(db: DataSource, count: number): Promise<void> {
  const id = uuidSql(`'library-plan-' || g`);
  const words = `(ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}])`;
  const countries = `(ARRAY[${COUNTRIES.map((c) => `'${c}'`).join(',')}])`;
  const content = `jsonb_set(jsonb_set(jsonb_set($1::jsonb, '{title}', to_jsonb('Library plan ' || g)), '{summary}',
      to_jsonb('A plan for ' || ${words}[(g % 10) + 1] || ' and ' || ${words}[((g / 10) % 10) + 1] || ', number ' || g)),
      '{country}', to_jsonb(${countries}[(g % 16) + 1]))`;
  await db.query(
    `INSERT INTO plans (id, kind, title, draft, countries, created_by, submitted_by, latest_version, review_version,
       workflow_id, created_at, updated_at, draft_status, review_status, review_updated_at, endorsed_at)
     SELECT ${id}, 'national_plan', 'Library plan ' || g, ${content}, ARRAY[${countries}[(g % 16) + 1]],
       'submitter-pt', 'submitter-pt', 1, 1, 'library-plan-' || g, now() - interval '3 years', now(), 'DRAFT',
       'ENDORSED', now(), now() - (g % 1095) * interval '1 day' - g * interval '1 second'
     FROM generate_series(0, ${count - 1}) g`,
    [JSON.stringify(nationalPlan())],
  );
  await db.query(
    `INSERT INTO plan_versions (plan_id, number, hash, content, created_by, created_at)
     SELECT ${id}, 1, md5('library-plan-' || g) || md5('v1-' || g), ${content}, 'submitter-pt', now()
     FROM generate_series(0, ${count - 1}) g`,
    [JSON.stringify(nationalPlan())],
  );
  await db.query(
    `INSERT INTO events (key, plan_id, type, actor, version_number, version_hash, at, payload)
     SELECT 'library-' || g || '-' || i || '-' || kind, ${id},
       CASE kind WHEN 0 THEN 'STAGE_ENTERED' ELSE 'STAGE_COMPLETED' END, 'system', 1, md5('library-plan-' || g),
       now() - interval '3 years' + (i * 2 + kind) * interval '10 days',
       jsonb_build_object('stage', (ARRAY['NATIONAL_CONSULTATION','CIVIL_SOCIETY_COMMENT','SECRETARIAT_REVIEW','GOF_ENDORSEMENT'])[i + 1],
         'outcome', 'enter', 'decision', 'approve', 'visibleComments', 0)
     FROM generate_series(0, ${count - 1}) g, generate_series(0, 3) i, generate_series(0, 1) kind`,
  );
  await db.query('VACUUM ANALYZE plans');
  await db.query('VACUUM ANALYZE plan_versions');
}

/** The id of a seeded library plan. */
export async function libraryPlanId(db: DataSource, n: number): Promise<string> {
  const [row] = (await db.query(`SELECT ${uuidSql(`'library-plan-' || $1::int`)} AS id`, [n])) as { id: string }[];
  return row.id;
}

export interface PublicRow {
  read: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  bytes: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/**
 * `total` GETs of `url` by PUBLIC_CONCURRENCY readers at once; with `revalidate`, each sends the
 * ETag of a first answer and must get 304.
 */
export async function measurePublic(read: string, url: string, total: number, revalidate = false): Promise<PublicRow> {
  const first = await fetch(url);
  const body = await first.arrayBuffer();
  if (first.status !== 200) throw new Error(`GET ${url} answered ${first.status}`);
  const etag = first.headers.get('etag') ?? '';
  const expected = revalidate ? 304 : 200;
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PUBLIC_CONCURRENCY }, async () => {
      while (next++ < total) {
        const t0 = performance.now();
        const answer = await fetch(url, revalidate ? { headers: { 'If-None-Match': etag } } : {});
        await answer.arrayBuffer();
        times.push(performance.now() - t0);
        if (answer.status !== expected) throw new Error(`GET ${url} answered ${answer.status}, not ${expected}`);
      }
    }),
  );
  const sorted = times.sort((a, b) => a - b);
  return {
    read: `${read}${revalidate ? ' (repeat, 304)' : ''}`,
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
    bytes: revalidate ? 0 : body.byteLength,
  };
}

export interface RecordCost {
  records: number;
  /** Rendering and signing a record (ms): the activity's work before its one insert. */
  renderP50: number;
  renderMax: number;
  /** The PDF's size (bytes). */
  bytesP50: number;
  bytesMax: number;
}

/**
 * What an adoption record costs: each record the bench's walked plans were issued, rendered and
 * signed again from its canonical data (with a key of the bench's own), timed, and its size.
 */
export async function recordCost(db: DataSource, limit = 10): Promise<RecordCost> {
  const rows = (await db.query(`SELECT canonical FROM adoption_records ORDER BY issued_at LIMIT $1`, [limit])) as {
    canonical: string;
  }[];
  const key = loadSigningKey(generateSigningKeyPem());
  const times: number[] = [];
  const sizes: number[] = [];
  for (const row of rows) {
    const t0 = performance.now();
    const { pdf } = await renderRecordPdf(JSON.parse(row.canonical) as AdoptionRecordData, {
      language: 'en',
      publicUrl: 'http://127.0.0.1:3000',
      key,
    });
    times.push(performance.now() - t0);
    sizes.push(pdf.length);
  }
  times.sort((a, b) => a - b);
  sizes.sort((a, b) => a - b);
  return {
    records: rows.length,
    renderP50: percentile(times, 50) ?? 0,
    renderMax: times.at(-1) ?? 0,
    bytesP50: percentile(sizes, 50) ?? 0,
    bytesMax: sizes.at(-1) ?? 0,
  };
}

/**
 * The public library's figures (docs/publication.md): its pages at `requests` GETs each, 32 readers
 * at once, plain and then repeated with their ETag; and the cost of the records on `url`'s database.
 */
export async function measurePublication(
  baseUrl: string,
  url: string,
  libraryPlan: string,
  requests: number,
): Promise<{ publicRows: PublicRow[]; records: RecordCost }> {
  const publicRows: PublicRow[] = [];
  for (const [read, page] of [
    ['library search (q=youth)', '/public?q=youth'],
    ['library, first page', '/public'],
    ['public plan page', `/public/plans/${libraryPlan}`],
    ['library search as JSON', '/api/public/plans?q=youth%20dialogue'],
  ] as const) {
    for (const revalidate of [false, true]) {
      publicRows.push(await measurePublic(read, `${baseUrl}${page}`, requests, revalidate));
    }
  }
  log('measured the public library');
  const recordsDb = await createDataSource(url, { poolSize: 1 }).initialize();
  const records = await recordCost(recordsDb).finally(() => recordsDb.destroy());
  log('measured the adoption records');
  return { publicRows, records };
}
