import type { EntityManager } from 'typeorm';
import { FIELDS_OF_ACTION, type FieldOfAction, type PlanContent, type PlanKind } from '@aoc/domain/plan.types';
import type { PublicStatus, CommentSource, TimelineSource } from '@aoc/domain/publication.rules';

/**
 * The public library's reads (DOMAIN §10): endorsed plans and plans open for civil society
 * comment, nothing else. What of them is public is decided by libs/domain/publication.rules.ts;
 * these queries only find the rows. Words are searched with PostgreSQL's full-text search over
 * every string of a version (`idx_plan_versions_search`, the `simple` configuration: no
 * language's stemming, so a word of any language is found as written).
 */
type Db = Pick<EntityManager, 'query'>;

export interface LibraryFilter {
  /** Words, as a search engine takes them (websearch_to_tsquery: "quoted phrases", -excluded, or). */
  q?: string;
  country?: string;
  kind?: PlanKind;
  field?: FieldOfAction;
  topic?: string;
  year?: number;
}

/** Where a page of the library starts: after this plan, in the order newest endorsement first. */
export interface LibraryCursor {
  endorsedAt: string;
  id: string;
}

/** What every list of the library shows of a plan: the version it shows, and how to name it. */
export interface PublicPlanSummary {
  id: string;
  kind: PlanKind;
  title: string;
  summary: string;
  countries: string[];
  versionNumber: number;
  versionHash: string;
}

export interface LibraryEntry extends PublicPlanSummary {
  endorsedAt: Date;
  /** The fields of action the version has objectives in. */
  fields: FieldOfAction[];
  priorityTopics: string[];
  recordId: string | null;
}

export interface OpenForComment extends PublicPlanSummary {
  openedAt: Date;
  closesAt: Date;
}

const SEARCH_VECTOR = `jsonb_to_tsvector('simple'::regconfig, v.content, '["string"]'::jsonb)`;

/** The latest comment window close a plan's events recorded (its opening, or a deadline moved). */
const WINDOW_CLOSE = `(SELECT (e.payload ->> 'commentWindowClosesAt')::timestamptz FROM events e
   WHERE e.plan_id = p.id AND (e.payload ->> 'commentWindowClosesAt') IS NOT NULL ORDER BY e.id DESC LIMIT 1)`;
const WINDOW_OPENED = `(SELECT e.at FROM events e WHERE e.plan_id = p.id AND e.type = 'STAGE_ENTERED'
   AND e.payload ->> 'stage' = 'CIVIL_SOCIETY_COMMENT' ORDER BY e.id DESC LIMIT 1)`;

const FIELDS_COVERED = `ARRAY(SELECT f FROM unnest($FIELDS::text[]) f
   WHERE jsonb_array_length(COALESCE(v.content -> 'fields' -> f -> 'objectives', '[]'::jsonb)) > 0)`;

interface EntryRow {
  id: string;
  kind: PlanKind;
  title: string;
  summary: string;
  countries: string[];
  version_number: number;
  version_hash: string;
  endorsed_at: Date;
  fields: FieldOfAction[];
  priority_topics: string[] | null;
  record_id: string | null;
}

const toEntry = (r: EntryRow): LibraryEntry => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  summary: r.summary,
  countries: r.countries,
  versionNumber: r.version_number,
  versionHash: r.version_hash,
  endorsedAt: r.endorsed_at,
  fields: r.fields,
  priorityTopics: r.priority_topics ?? [],
  recordId: r.record_id,
});

/** Endorsed plans matching `filter`, newest endorsement first, `limit` of them after `cursor`. */
export async function searchEndorsedPlans(
  db: Db,
  filter: LibraryFilter,
  limit: number,
  cursor?: LibraryCursor,
): Promise<LibraryEntry[]> {
  const params: unknown[] = [[...FIELDS_OF_ACTION]];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = [`p.status = 'ENDORSED'`];
  if (filter.q) where.push(`${SEARCH_VECTOR} @@ websearch_to_tsquery('simple'::regconfig, ${param(filter.q)})`);
  if (filter.country) where.push(`p.countries @> ARRAY[${param(filter.country)}]::text[]`);
  if (filter.kind) where.push(`p.kind = ${param(filter.kind)}`);
  if (filter.field) {
    where.push(
      `jsonb_array_length(COALESCE(v.content -> 'fields' -> ${param(filter.field)} -> 'objectives', '[]'::jsonb)) > 0`,
    );
  }
  if (filter.topic) where.push(`v.content -> 'priorityTopics' ? ${param(filter.topic)}`);
  if (filter.year) {
    const from = param(`${filter.year}-01-01T00:00:00Z`);
    const to = param(`${filter.year + 1}-01-01T00:00:00Z`);
    where.push(`p.endorsed_at >= ${from}::timestamptz AND p.endorsed_at < ${to}::timestamptz`);
  }
  if (cursor) {
    where.push(`(p.endorsed_at, p.id) < (${param(cursor.endorsedAt)}::timestamptz, ${param(cursor.id)}::uuid)`);
  }
  const rows = (await db.query(
    `SELECT p.id, p.kind, v.content ->> 'title' AS title, v.content ->> 'summary' AS summary, p.countries,
       v.number AS version_number, v.hash AS version_hash, p.endorsed_at,
       ${FIELDS_COVERED.replace('$FIELDS', '$1')} AS fields,
       ARRAY(SELECT jsonb_array_elements_text(COALESCE(v.content -> 'priorityTopics', '[]'::jsonb))) AS priority_topics,
       r.id AS record_id
     FROM plans p
     JOIN plan_versions v ON v.plan_id = p.id AND v.number = p.review_version
     LEFT JOIN adoption_records r ON r.plan_id = p.id AND r.version_number = v.number
     WHERE ${where.join(' AND ')}
     ORDER BY p.endorsed_at DESC, p.id DESC
     LIMIT ${param(limit)}`,
    params,
  )) as EntryRow[];
  return rows.map(toEntry);
}

/** The values the library's filters offer: those the endorsed plans have. */
export interface LibraryFacets {
  countries: string[];
  topics: string[];
  years: number[];
}

export async function libraryFacets(db: Db): Promise<LibraryFacets> {
  const [row] = (await db.query(
    `SELECT
       ARRAY(SELECT DISTINCT c FROM plans p, unnest(p.countries) c WHERE p.status = 'ENDORSED' ORDER BY c) AS countries,
       ARRAY(SELECT DISTINCT t FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.number = p.review_version,
               jsonb_array_elements_text(COALESCE(v.content -> 'priorityTopics', '[]'::jsonb)) t
             WHERE p.status = 'ENDORSED' ORDER BY t) AS topics,
       ARRAY(SELECT DISTINCT extract(year FROM p.endorsed_at AT TIME ZONE 'UTC')::int y FROM plans p
             WHERE p.status = 'ENDORSED' AND p.endorsed_at IS NOT NULL ORDER BY y DESC) AS years`,
  )) as { countries: string[]; topics: string[]; years: number[] }[];
  return row;
}

/** Plans whose comment window is open now, closing soonest first. */
export async function plansOpenForComment(db: Db, limit = 100): Promise<OpenForComment[]> {
  const rows = (await db.query(
    `SELECT * FROM (
       SELECT p.id, p.kind, v.content ->> 'title' AS title, v.content ->> 'summary' AS summary, p.countries,
         v.number AS version_number, v.hash AS version_hash, COALESCE(${WINDOW_OPENED}, p.review_updated_at) AS opened_at,
         ${WINDOW_CLOSE} AS closes_at
       FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.number = p.review_version
       WHERE p.status = 'CIVIL_SOCIETY_COMMENT') open
     WHERE closes_at > now() ORDER BY closes_at, id LIMIT $1`,
    [limit],
  )) as (Omit<EntryRow, 'endorsed_at' | 'fields' | 'priority_topics' | 'record_id'> & {
    opened_at: Date;
    closes_at: Date;
  })[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    countries: r.countries,
    versionNumber: r.version_number,
    versionHash: r.version_hash,
    openedAt: r.opened_at,
    closesAt: r.closes_at,
  }));
}

/** One public plan, with what its page and its record are built from. */
export interface PublicPlanSources {
  id: string;
  status: PublicStatus;
  kind: PlanKind;
  countries: string[];
  version: { number: number; hash: string; content: PlanContent };
  endorsedAt: Date | null;
  commentWindowClosesAt: Date | null;
  events: TimelineSource[];
  comments: CommentSource[];
  record: { id: string; issuedAt: Date } | null;
}

/**
 * A plan as the public may see it, or undefined when it isn't public (a draft, a plan in another
 * stage than civil society comment, a withdrawn, rejected or cancelled one).
 */
export async function readPublicPlan(db: Db, planId: string): Promise<PublicPlanSources | undefined> {
  const [plan] = (await db.query(
    `SELECT p.id, p.status, p.kind, p.countries, p.endorsed_at, v.number, v.hash, v.content,
       CASE WHEN p.status = 'CIVIL_SOCIETY_COMMENT' THEN ${WINDOW_CLOSE} END AS closes_at,
       r.id AS record_id, r.issued_at AS record_issued_at
     FROM plans p
     JOIN plan_versions v ON v.plan_id = p.id AND v.number = p.review_version
     LEFT JOIN adoption_records r ON r.plan_id = p.id AND r.version_number = v.number
     WHERE p.id = $1 AND p.status IN ('ENDORSED', 'CIVIL_SOCIETY_COMMENT')`,
    [planId],
  )) as {
    id: string;
    status: PublicStatus;
    kind: PlanKind;
    countries: string[];
    endorsed_at: Date | null;
    number: number;
    hash: string;
    content: PlanContent;
    closes_at: Date | null;
    record_id: string | null;
    record_issued_at: Date | null;
  }[];
  if (!plan) return undefined;
  const { events, comments } = await readReviewSources(db, planId);
  return {
    id: plan.id,
    status: plan.status,
    kind: plan.kind,
    countries: plan.countries,
    version: { number: plan.number, hash: plan.hash, content: plan.content },
    endorsedAt: plan.endorsed_at,
    commentWindowClosesAt: plan.closes_at,
    events,
    comments,
    record: plan.record_id ? { id: plan.record_id, issuedAt: plan.record_issued_at! } : null,
  };
}

/** A review's events (its timeline's source) and its comments, oldest first. */
export async function readReviewSources(
  db: Db,
  planId: string,
): Promise<{ events: TimelineSource[]; comments: CommentSource[] }> {
  const events = (await db.query(
    `SELECT type, at, version_number AS "versionNumber", version_hash AS "versionHash", payload
     FROM events WHERE plan_id = $1
       AND type IN ('PLAN_SUBMITTED', 'STAGE_ENTERED', 'STAGE_COMPLETED', 'REVISION_REQUESTED', 'VERSION_CREATED', 'PLAN_ENDORSED')
     ORDER BY id`,
    [planId],
  )) as TimelineSource[];
  const comments = (await db.query(
    `SELECT id, org, posted_at AS "postedAt", version_number AS "versionNumber", field, text, hidden,
       hidden_reason AS "hiddenReason", disposition, response
     FROM comments WHERE plan_id = $1 ORDER BY posted_at, id`,
    [planId],
  )) as CommentSource[];
  return { events, comments };
}

/**
 * What a public answer's ETag is made of: the last event of the plan (every change of what the
 * public sees appends one: a stage, a comment, its disposition or hiding, the record), or of the
 * whole log for the library's lists.
 */
export async function publicationStamp(db: Db, planId?: string): Promise<string> {
  const [row] = (await db.query(
    planId ? `SELECT max(id) AS last FROM events WHERE plan_id = $1` : `SELECT max(id) AS last FROM events`,
    planId ? [planId] : [],
  )) as { last: string | null }[];
  return row?.last ?? '0';
}

/** Every endorsed plan, for the open data CSV, newest endorsement first. */
export async function allEndorsedPlans(db: Db): Promise<LibraryEntry[]> {
  const rows = (await db.query(
    `SELECT p.id, p.kind, v.content ->> 'title' AS title, '' AS summary, p.countries, v.number AS version_number,
       v.hash AS version_hash, p.endorsed_at, '{}'::text[] AS fields, '{}'::text[] AS priority_topics, r.id AS record_id
     FROM plans p
     JOIN plan_versions v ON v.plan_id = p.id AND v.number = p.review_version
     LEFT JOIN adoption_records r ON r.plan_id = p.id AND r.version_number = v.number
     WHERE p.status = 'ENDORSED' ORDER BY p.endorsed_at DESC, p.id DESC`,
  )) as EntryRow[];
  return rows.map(toEntry);
}
