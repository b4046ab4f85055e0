/**
 * The bench's data, written with `INSERT … SELECT generate_series` (issue 12): plans of 20
 * countries, tasks of every type (consultation by country and body, secretariat review,
 * endorsement by seat, disposition given to the submitter), a sixth of them open, and events, of
 * which BIG_TIMELINE_EVENTS belong to one plan (the timeline read); plans in every stage, ENDORSED
 * and in REVISION, with the STAGE_ENTERED and STAGE_COMPLETED events of the stages they went
 * through (about 5 a plan, on top of `events`), for the monitoring reads.
 */
import type { DataSource } from 'typeorm';
import { nationalPlan } from '@aoc/demo/demo-plans';

export interface SeedSize {
  plans: number;
  tasks: number;
  events: number;
  /** Events of the one plan whose timeline is read. */
  bigTimeline: number;
}

export const FULL: SeedSize = { plans: 10_000, tasks: 100_000, events: 1_000_000, bigTimeline: 10_000 };
export const QUICK: SeedSize = { plans: 1_000, tasks: 10_000, events: 100_000, bigTimeline: 10_000 };

/** The countries of the plans; PT is the demo consultees' own. */
const COUNTRIES = ['PT', 'ES', 'FR', 'IT', 'DE', 'AL', 'BA', 'HR', 'TR', 'MA', 'EG', 'JO', 'BR', 'AR', 'MX', 'JP'];
const BODIES = ['ministry-education', 'ministry-culture', 'ministry-youth', 'ministry-foreign-affairs'];
const SEATS = ['ES', 'TR', 'UNESCO', 'BR', 'JP', 'MA'];

const stages = `(ARRAY['NATIONAL_CONSULTATION','CIVIL_SOCIETY_COMMENT','SECRETARIAT_REVIEW','GOF_ENDORSEMENT'])`;

/**
 * Plan g's status: in the stage after the g % 5 it completed (ENDORSED after all four); a third of
 * those at the secretariat wait in REVISION instead (monitoring's waiting-on and overview).
 */
const PLAN_STATUS_SQL = (g: string) =>
  `CASE WHEN (${g}) % 5 = 4 THEN 'ENDORSED' WHEN (${g}) % 5 = 2 AND (${g}) % 3 = 0 THEN 'REVISION'
     ELSE ${stages}[((${g}) % 5) + 1] END`;

/** A random-looking version 4 UUID made of a name (the API takes version 4 ids only). */
const uuidSql = (name: string) => `overlay(overlay(md5(${name}) placing '4' from 13) placing '8' from 17)::uuid`;

/** The id of the n-th bench plan (0-based); plan 0 holds the big timeline. */
export const BENCH_PLAN_SQL = (n: string) => uuidSql(`'bench-plan-' || (${n})`);

export async function seed(db: DataSource, size: SeedSize): Promise<void> {
  const countries = `(ARRAY[${COUNTRIES.map((c) => `'${c}'`).join(',')}])`;
  const bodies = `(ARRAY[${BODIES.map((c) => `'${c}'`).join(',')}])`;
  const seats = `(ARRAY[${SEATS.map((c) => `'${c}'`).join(',')}])`;
  const countryOf = (n: string) => `${countries}[((${n}) % ${COUNTRIES.length}) + 1]`;
  await db.query(
    `INSERT INTO plans (id, kind, title, draft, countries, created_by, submitted_by, latest_version, review_version,
       workflow_id, created_at, updated_at, draft_status, review_status, review_updated_at)
     SELECT ${BENCH_PLAN_SQL('g')}, 'national_plan', 'Bench plan ' || g, $1::jsonb, ARRAY[${countryOf('g')}],
       'submitter-' || lower(${countryOf('g')}), 'submitter-' || lower(${countryOf('g')}), 1, 1,
       'bench-plan-' || g, now() - g * interval '1 minute', now(), 'DRAFT', ${PLAN_STATUS_SQL('g')}, now()
     FROM generate_series(0, ${size.plans - 1}) g`,
    [JSON.stringify(nationalPlan())],
  );
  // Task g belongs to plan g % plans; its kind cycles through ten slots:
  // 0-4 consultation (country, body), 5-6 secretariat review, 7-8 endorsement (seat), 9 disposition.
  await db.query(
    `INSERT INTO tasks (id, plan_id, workflow_id, stage, type, status, assignee, candidate_role, candidate_country,
       candidate_body, candidate_seat, due_at, created_at, version_number, version_hash)
     SELECT ${uuidSql(`'bench-task-' || g`)}, ${BENCH_PLAN_SQL(`g % ${size.plans}`)}, 'bench-plan-' || (g % ${size.plans}),
       (ARRAY['NATIONAL_CONSULTATION','SECRETARIAT_REVIEW','GOF_ENDORSEMENT','CIVIL_SOCIETY_COMMENT'])[
         CASE WHEN g % 10 < 5 THEN 1 WHEN g % 10 < 7 THEN 2 WHEN g % 10 < 9 THEN 3 ELSE 4 END],
       (ARRAY['consultation','secretariat_review','endorsement','disposition'])[
         CASE WHEN g % 10 < 5 THEN 1 WHEN g % 10 < 7 THEN 2 WHEN g % 10 < 9 THEN 3 ELSE 4 END],
       CASE WHEN (g / 10) % 6 = 0 THEN 'open' WHEN (g / 10) % 6 = 5 THEN 'cancelled' ELSE 'completed' END,
       CASE WHEN g % 10 = 9 THEN 'submitter-' || lower(${countryOf(`g % ${size.plans}`)})
            WHEN g % 97 = 0 THEN 'secretariat-anna' END,
       (ARRAY['consultee','secretariat','gof_member','submitter'])[
         CASE WHEN g % 10 < 5 THEN 1 WHEN g % 10 < 7 THEN 2 WHEN g % 10 < 9 THEN 3 ELSE 4 END],
       CASE WHEN g % 10 < 5 THEN ${countryOf(`g % ${size.plans}`)} END,
       CASE WHEN g % 10 < 5 THEN ${bodies}[((g / 7) % ${BODIES.length}) + 1] END,
       CASE WHEN g % 10 IN (7, 8) THEN ${seats}[((g / 3) % ${SEATS.length}) + 1] END,
       now() + (g % 1000) * interval '1 hour', now() - g * interval '1 second', 1, repeat('a', 64)
     FROM generate_series(0, ${size.tasks - 1}) g`,
  );
  // Events: the first bigTimeline on plan 0, the rest spread over the plans.
  await db.query(
    `INSERT INTO events (key, plan_id, type, actor, version_number, version_hash, at, payload)
     SELECT 'bench-event-' || g,
       CASE WHEN g < ${size.bigTimeline} THEN ${BENCH_PLAN_SQL('0')} ELSE ${BENCH_PLAN_SQL(`g % ${size.plans}`)} END,
       (ARRAY['TASK_CREATED','TASK_COMPLETED','COMMENT_POSTED','DEADLINE_EXTENDED'])[(g % 4) + 1],
       'consultee-pt-education', 1, repeat('a', 64), now() - g * interval '1 second',
       jsonb_build_object('taskId', ${uuidSql(`'bench-task-' || g`)}, 'decision', 'support', 'note', repeat('x', 200))
     FROM generate_series(0, ${size.events - 1}) g`,
  );
  await db.query(`UPDATE plans SET return_to = 'SECRETARIAT_REVIEW' WHERE status = 'REVISION'`);
  // The stages each plan went through (monitoring): plan g completed g % 5 stages, one after the
  // other, and entered the next; entered at most a year ago, each stage taking 2 to 10 days. The
  // comment stage's entry records its window's close, as the workflow's does.
  await db.query(
    `INSERT INTO events (key, plan_id, type, actor, version_number, version_hash, at, payload)
     SELECT 'bench-stage-' || g || '-' || i || '-' || kind, ${BENCH_PLAN_SQL('g')},
       CASE kind WHEN 0 THEN 'STAGE_ENTERED' ELSE 'STAGE_COMPLETED' END, 'system', 1, repeat('a', 64),
       now() - ((g % 320) + 45) * interval '1 day' + i * interval '11 days'
         + kind * ((2 + (g * (i + 1)) % 9) * interval '1 day' + (g % 1440) * interval '1 minute'),
       jsonb_build_object('stage', ${stages}[i + 1])
         || CASE WHEN kind = 0 AND i = 1 THEN jsonb_build_object('commentWindowClosesAt',
              to_char((now() - ((g % 320) + 45) * interval '1 day' + 41 * interval '1 day') AT TIME ZONE 'UTC',
                'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ELSE '{}'::jsonb END
     FROM generate_series(0, ${size.plans - 1}) g, generate_series(0, 3) i, generate_series(0, 1) kind
     WHERE i < g % 5 OR (i = g % 5 AND kind = 0)
     ORDER BY g, i, kind`,
  );
  await db.query('VACUUM ANALYZE plans');
  await db.query('VACUUM ANALYZE tasks');
  await db.query('VACUUM ANALYZE events');
}
