import { In, type EntityManager } from 'typeorm';
import type { PlanVisibility } from '@aoc/domain/plan.policy';
import type { PlanContent, PlanKind, PlanStatus, VersionRef } from '@aoc/domain/plan.types';
import { PlanVersionEntity } from '../entities/plan-version.entity';
import { type DraftStatus, PlanEntity } from '../entities/plan.entity';
import { visiblePlansCondition } from './plan-visibility';

/**
 * The one writer of the API's columns of `plans` (PlanEntity): the row itself, `draft`, `title`,
 * `countries`, `created_by`, `submitted_by`, `latest_version`, `workflow_id`, `draft_status` and
 * `updated_at`; and of `plan_versions` (PlanVersionEntity, append-only: triggers refuse `UPDATE`
 * and `DELETE`). The API's plans service calls it: create, edit, freeze a version, end a draft.
 * The review's columns (`review_status`, `review_version`, `return_to`, `reached_stage`,
 * `review_updated_at`, `endorsed_at`) are written by `review-records.ts` alone; `status` by
 * nobody (PostgreSQL computes it). Also the reads of plans and their versions.
 */

type Db = Pick<EntityManager, 'getRepository'>;

/** What a new plan starts with: its draft, never submitted. */
export interface NewPlan {
  id: string;
  kind: PlanKind;
  title: string;
  draft: PlanContent;
  countries: string[];
  createdBy: string;
}

/** Inserts a new plan (a DRAFT at version 0). */
export async function createPlan(tx: Db, plan: NewPlan): Promise<void> {
  const row = tx.getRepository(PlanEntity).create(plan);
  await tx.getRepository(PlanEntity).insert(row);
}

/**
 * Saves an edited draft; `listed` (its title and participating countries, which decide who sees
 * the plan) only while the plan was never submitted: afterwards they follow the frozen versions.
 */
export async function saveDraft(
  tx: Db,
  id: string,
  draft: PlanContent,
  listed: { title?: string; countries?: string[] } = {},
): Promise<void> {
  await tx.getRepository(PlanEntity).update({ id }, { draft, ...listed });
}

/** What freezing a draft records: the version, and the plan's columns that follow it. */
export interface FrozenVersion {
  planId: string;
  version: VersionRef;
  content: PlanContent;
  createdBy: string;
  /** The review's workflow, which the version is handed to. */
  workflowId: string;
  title: string;
  countries: string[];
}

/**
 * Freezes a draft as a new version: inserts it into `plan_versions` and moves the plan's
 * `latest_version` (with its submitter, workflow, title and countries) to it. Call it in the
 * transaction that locked the plan (`lockPlan`).
 */
export async function freezeVersion(tx: Db, v: FrozenVersion): Promise<void> {
  await tx.getRepository(PlanVersionEntity).insert({
    planId: v.planId,
    number: v.version.number,
    hash: v.version.hash,
    content: v.content,
    createdBy: v.createdBy,
  });
  await tx.getRepository(PlanEntity).update(
    { id: v.planId },
    {
      latestVersion: v.version.number,
      submittedBy: v.createdBy,
      workflowId: v.workflowId,
      title: v.title,
      countries: v.countries,
    },
  );
}

/** A draft never submitted ends (WITHDRAWN or CANCELLED); a plan under review is ended by its workflow. */
export async function endDraft(tx: Db, id: string, status: Exclude<DraftStatus, 'DRAFT'>): Promise<void> {
  await tx.getRepository(PlanEntity).update({ id }, { draftStatus: status });
}

export function findPlan(db: Db, id: string): Promise<PlanEntity | null> {
  return db.getRepository(PlanEntity).findOneBy({ id });
}

/** The plan, which must exist (TypeORM's EntityNotFoundError otherwise). */
export function findPlanOrFail(db: Db, id: string): Promise<PlanEntity> {
  return db.getRepository(PlanEntity).findOneByOrFail({ id });
}

/** The plan, its row locked until the transaction `tx` ends (SELECT … FOR UPDATE). */
export function lockPlan(tx: Db, id: string): Promise<PlanEntity | null> {
  return tx.getRepository(PlanEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
}

export function findPlansByIds(db: Db, ids: string[]): Promise<PlanEntity[]> {
  return db.getRepository(PlanEntity).findBy({ id: In(ids) });
}

/** The ids of the plans in one status. */
export async function planIdsInStatus(db: Db, status: PlanStatus): Promise<string[]> {
  const rows = await db.getRepository(PlanEntity).find({ select: { id: true }, where: { status } });
  return rows.map((plan) => plan.id);
}

/** The sort fields of the plan list, `-` first for the descending order. */
export type PlanListSort = `${'' | '-'}${keyof typeof SORT_COLUMNS}`;

/** The column of each sort field; the plan id breaks ties. */
const SORT_COLUMNS = { createdAt: 'p.created_at', updatedAt: 'p.updated_at', title: 'p.title' } as const;
const sortField = (sort: PlanListSort) => sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS;
const sortDirection = (sort: PlanListSort) => (sort.startsWith('-') ? 'DESC' : 'ASC');

export interface PlanListFilter {
  status?: PlanStatus;
  kind?: PlanKind;
  /** Plans in which this country takes part. */
  country?: string;
  submitter?: string;
  updatedSince?: Date;
}

/**
 * A page of the plans a reader may see (`visiblePlansCondition`, the rule of `planVisibility`)
 * that match `filter`, and how many match in all.
 */
export async function listPlans(
  db: Db,
  reader: { visibility: PlanVisibility; sub: string },
  filter: PlanListFilter,
  page: { sort?: PlanListSort; offset: number; limit: number },
): Promise<[PlanEntity[], number]> {
  const sort = page.sort ?? '-createdAt';
  const qb = db.getRepository(PlanEntity).createQueryBuilder('p');
  if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
  if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
  if (filter.country) qb.andWhere(':country = ANY(p.countries)', { country: filter.country });
  if (filter.submitter) qb.andWhere('p.submitted_by = :submitter', { submitter: filter.submitter });
  if (filter.updatedSince) qb.andWhere('p.updated_at >= :updatedSince', { updatedSince: filter.updatedSince });
  const visible = visiblePlansCondition(reader.visibility, reader.sub);
  qb.andWhere(visible.where, visible.params);
  return qb
    .orderBy(SORT_COLUMNS[sortField(sort)], sortDirection(sort))
    .addOrderBy('p.id', sortDirection(sort))
    .skip(page.offset)
    .take(page.limit)
    .getManyAndCount();
}

/** Every version of a plan, oldest first. */
export function listVersions(db: Db, planId: string): Promise<PlanVersionEntity[]> {
  return db.getRepository(PlanVersionEntity).find({ where: { planId }, order: { number: 'ASC' } });
}

export function findVersion(db: Db, planId: string, number: number): Promise<PlanVersionEntity | null> {
  return db.getRepository(PlanVersionEntity).findOneBy({ planId, number });
}

/** The version, which must exist (TypeORM's EntityNotFoundError otherwise). */
export function findVersionOrFail(db: Db, planId: string, number: number): Promise<PlanVersionEntity> {
  return db.getRepository(PlanVersionEntity).findOneByOrFail({ planId, number });
}
