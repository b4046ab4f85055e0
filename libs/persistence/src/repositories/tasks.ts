import { In, type EntityManager } from 'typeorm';
import { PLAN_SUBMITTER_FIELDS } from '@aoc/domain/plan.policy';
import { CANDIDATE_SCOPES, CandidateScope, DeciderScope } from '@aoc/domain/review/decision.rules';
import type { Stage } from '@aoc/domain/plan.types';
import { TASK_STATUSES, TaskStatus } from '@aoc/domain/task.types';
import { TaskEntity } from '../entities/task.entity';

/**
 * Reads of `tasks` (TaskEntity; its one writer is `review-records.ts`, for the workflows): a task,
 * the inboxes (their SQL below), a plan's open disposition, a user's assigned tasks.
 */

type Db = Pick<EntityManager, 'getRepository'>;

/** The open tasks assigned by name to one user (a reassignment), oldest first. */
export function openTasksAssignedTo(db: Db, assignee: string): Promise<TaskEntity[]> {
  return db.getRepository(TaskEntity).find({ where: { assignee, status: 'open' }, order: { createdAt: 'ASC' } });
}

export function findTask(db: Db, id: string): Promise<TaskEntity | null> {
  return db.getRepository(TaskEntity).findOneBy({ id });
}

/** Whether the plan has an open disposition task: its comments await the submitter's answer. */
export function hasOpenDisposition(db: Db, planId: string): Promise<boolean> {
  return db.getRepository(TaskEntity).existsBy({ planId, type: 'disposition', status: 'open' });
}

/**
 * The inbox's SQL, written from the rule of who may decide a task (deciderScope, the rule that
 * assertMayDecide checks), shaped for the partial indexes on open tasks (issue 12):
 *
 * - the rule's ORs ("assignee unset or me", "each candidate scope unset or mine", "one of my roles")
 *   become disjoint branches of a UNION ALL, each an equality (or IS NULL) on the leading columns of
 *   one index: idx_tasks_open_assignee (given to me), idx_tasks_open_candidate (by role and scope),
 *   idx_tasks_open_seat (by seat). Each branch reads in (due_at, id) order (backwards for
 *   `sort=-dueAt`), so PostgreSQL merges them and stops at the page's end;
 * - the filters (`overdue`, a range on due_at; `country`, `assignee`: equalities) go into every branch;
 * - no join-induced DISTINCT: the branches are disjoint, so plain LIMIT/OFFSET pages them;
 * - segregation of duties (the plan's submitter) is checked on the plan row of each candidate task.
 *
 * An admin sees every task (DOMAIN §2): idx_tasks_open_due in due order.
 */

/** The columns of `tasks` that hold each candidate scope. */
const SCOPE_COLUMNS: Record<CandidateScope, string> = {
  country: 'candidate_country',
  body: 'candidate_body',
  seat: 'candidate_seat',
};

/** The plan's submitter (planSubmitter) on the plan row `p`: its fields, first set first. */
const PLAN_COLUMNS: Record<(typeof PLAN_SUBMITTER_FIELDS)[number], string> = {
  submittedBy: 'p.submitted_by',
  createdBy: 'p.created_by',
};
const PLAN_SUBMITTER_SQL = `COALESCE(${PLAN_SUBMITTER_FIELDS.map((f) => PLAN_COLUMNS[f]).join(', ')})`;

/** A count past this is not finished: `total` is then this number and `totalCapped` is true. */
export const INBOX_COUNT_CAP = 10_000;

export interface InboxFilter {
  status: TaskStatus;
  planId?: string;
  stage?: Stage;
  /** true: only tasks past their due date; false: only tasks not yet due. */
  overdue?: boolean;
  /** The task's candidate country (a consultation's). */
  country?: string;
  /** The user the task is given to. */
  assignee?: string;
}

/** The page's order: by due date, earliest first (the default) or latest first. */
export type InboxSort = 'dueAt' | '-dueAt';

export interface SqlQuery {
  text: string;
  params: unknown[];
}

/** What each branch selects of a task. */
const ROWS = 'SELECT t.id, t.due_at, t.plan_id, t.type FROM tasks t';

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The conditions every branch shares: the status (a literal, so partial indexes match), plan, stage. */
function filterConditions(filter: InboxFilter, params: Params): string[] {
  // Validated by InboxQuery; checked again because it is written into the SQL as a literal.
  if (!TASK_STATUSES.includes(filter.status)) throw new Error(`unknown task status ${filter.status}`);
  const conditions = [`t.status = '${filter.status}'`];
  if (filter.planId) conditions.push(`t.plan_id = ${params.add(filter.planId)}`);
  if (filter.stage) conditions.push(`t.stage = ${params.add(filter.stage)}`);
  // Ranges and equalities on the indexes' own columns (due_at; assignee; candidate_country).
  if (filter.overdue === true) conditions.push('t.due_at < now()');
  if (filter.overdue === false) conditions.push('t.due_at >= now()');
  if (filter.country) conditions.push(`t.candidate_country = ${params.add(filter.country)}`);
  if (filter.assignee) conditions.push(`t.assignee = ${params.add(filter.assignee)}`);
  return conditions;
}

/**
 * For each candidate scope, the ways a task's scope may match the actor's: unset, or equal to the
 * actor's own (only unset when the actor has none). Their cross product are the disjoint branches.
 */
function scopeAlternatives(decider: DeciderScope, params: Params): string[][] {
  let combos: string[][] = [[]];
  for (const scope of CANDIDATE_SCOPES) {
    const column = `t.${SCOPE_COLUMNS[scope]}`;
    const mine = decider.scopes[scope];
    const options = [`${column} IS NULL`];
    if (mine) options.push(`${column} = ${params.add(mine)}`);
    combos = combos.flatMap((combo) => options.map((option) => [...combo, option]));
  }
  return combos;
}

/** The task rows (id, due_at, plan_id, type) that the rule lets this actor decide, before segregation of duties. */
function candidateBranches(decider: DeciderScope, filter: InboxFilter, params: Params): string[] {
  const common = filterConditions(filter, params);
  const select = (conditions: string[]) => `${ROWS} WHERE ${[...common, ...conditions].join(' AND ')}`;
  // No role, no task; the filters stay in, so that every parameter has a type.
  if (decider.roles.length === 0) return [select(['FALSE'])];
  const branches: string[] = [];
  const sub = params.add(decider.sub);
  const roles = params.add([...decider.roles]);
  // Given to me: few rows, so the role and scopes are filters on idx_tasks_open_assignee.
  const anyScope = CANDIDATE_SCOPES.map((scope) => {
    const column = `t.${SCOPE_COLUMNS[scope]}`;
    const mine = decider.scopes[scope];
    return mine ? `(${column} IS NULL OR ${column} = ${params.add(mine)})` : `${column} IS NULL`;
  });
  branches.push(select([`t.assignee = ${sub}`, `t.candidate_role = ANY(${roles})`, ...anyScope]));
  // Given to nobody: one branch for each role and each way the scopes match, all equalities.
  const alternatives = scopeAlternatives(decider, params);
  for (const role of new Set(decider.roles)) {
    const roleParam = params.add(role);
    for (const scopes of alternatives) {
      branches.push(select(['t.assignee IS NULL', `t.candidate_role = ${roleParam}`, ...scopes]));
    }
  }
  return branches;
}

/** The page's task ids (in order, with their plan's latest version) and the query counting them. */
export function inboxQueries(
  decider: DeciderScope | 'admin',
  filter: InboxFilter,
  page: { limit: number; offset: number },
  sort: InboxSort = 'dueAt',
): { page: SqlQuery; count: SqlQuery } {
  const params = new Params();
  let from: string;
  if (decider === 'admin') {
    from = `(${ROWS} WHERE ${filterConditions(filter, params).join(' AND ')}) m JOIN plans p ON p.id = m.plan_id`;
  } else {
    const branches = candidateBranches(decider, filter, params);
    // The submitter is who assertMayDecide is given (authorize): planSubmitter, field by field.
    from = `(${branches.join('\n  UNION ALL\n  ')}) m
      JOIN plans p ON p.id = m.plan_id
      WHERE (m.type = ANY(${params.add([...decider.submittersOwnTasks])})
        OR ${PLAN_SUBMITTER_SQL} <> ${params.add(decider.sub)})`;
  }
  const limit = Math.trunc(page.limit);
  const offset = Math.trunc(page.offset);
  const shared = params.values;
  const pageText = `SELECT m.id, p.latest_version FROM ${from}
    ORDER BY ${sort === '-dueAt' ? 'm.due_at DESC, m.id DESC' : 'm.due_at, m.id'} LIMIT ${limit} OFFSET ${offset}`;
  const countText = `SELECT count(*)::int AS total FROM (SELECT 1 FROM ${from} LIMIT ${INBOX_COUNT_CAP + 1}) capped`;
  return { page: { text: pageText, params: shared }, count: { text: countText, params: shared } };
}

/** A page of an inbox: its tasks in order, each with its plan's latest version, and how many match. */
export interface InboxPage {
  rows: { task: TaskEntity; latestVersion: number }[];
  /** Every matching task, up to INBOX_COUNT_CAP + 1 (more than the cap: not counted further). */
  total: number;
}

/**
 * A page of the tasks `decider` may decide (`inboxQueries`): the page's ids in order, then their
 * rows; counted only when the page does not tell the total (a page that is not full does, unless
 * it is past the end).
 */
export async function readInbox(
  db: Pick<EntityManager, 'getRepository' | 'query'>,
  decider: DeciderScope | 'admin',
  filter: InboxFilter,
  page: { limit: number; offset: number },
  sort?: InboxSort,
): Promise<InboxPage> {
  const sql = inboxQueries(decider, filter, page, sort);
  const ids: { id: string; latest_version: number }[] = await db.query(sql.page.text, sql.page.params);
  const known = ids.length > 0 && ids.length < page.limit;
  const [rows, total] = await Promise.all([
    ids.length === 0 ? [] : db.getRepository(TaskEntity).findBy({ id: In(ids.map((r) => r.id)) }),
    known
      ? page.offset + ids.length
      : db.query(sql.count.text, sql.count.params).then((r: { total: number }[]) => r[0].total),
  ]);
  const byId = new Map(rows.map((t) => [t.id, t]));
  return {
    rows: ids.flatMap((r) => {
      const task = byId.get(r.id);
      return task ? [{ task, latestVersion: r.latest_version }] : [];
    }),
    total,
  };
}
