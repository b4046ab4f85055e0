/**
 * One owner for the rule of who may decide a task (issue 7): assertMayDecide in
 * libs/domain/src/review/decision.rules.ts. The inbox (GET /tasks, whose SQL is inboxQueries in
 * libs/persistence/src/repositories/tasks.ts) must list, of the open tasks, exactly those the rule
 * lets the actor decide. This runs a grid of actors (every role, matching and non-matching country,
 * body and seat, multi-role actors, the plan's submitter, admins) against task rows of every type
 * and candidate (scoped, assigned, reassigned, claimed) written straight into the real PostgreSQL,
 * asks the real API for each actor's inbox, and names every pair on which the inbox and the rule
 * disagree.
 *
 * One difference is the domain's own: admins "see everything" (DOMAIN §2), so an admin's inbox
 * lists every open task, though the rule lets an admin decide only tasks of a role they also hold.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEMO_USERS } from '@aoc/demo/demo-users';
import { Actor, hasRole } from '@aoc/domain/actor';
import { DomainError } from '@aoc/domain/domain-error';
import type { Stage } from '@aoc/domain/plan.types';
import { assertMayDecide } from '@aoc/domain/review/decision.rules';
import type { TaskCandidate, TaskStatus, TaskType } from '@aoc/domain/task.types';
import { PlanEntity, TaskEntity } from '@aoc/persistence';
import { ApiHarness } from '../support/api-harness';
import { insertSubmittedPlan, nationalContent, regionalContent } from '../support/fixtures';
import { openTestDatabase } from '../support/test-database';
import { ACTORS } from './actors';

/** The authorization matrix's cast, and the cases it does not hold. */
const GRID_ACTORS: Record<string, Actor> = {
  ...ACTORS,
  'consultee-hr-culture': DEMO_USERS['consultee-hr-culture'] as Actor,
  'consultee-pt-no-body': { sub: 'consultee-pt-no-body', roles: ['consultee'], country: 'PT' },
  'consultee-no-country': { sub: 'consultee-no-country', roles: ['consultee'], body: 'ministry-education' },
  'cso-media-watch': DEMO_USERS['cso-media-watch'] as Actor,
  'gof-unesco': DEMO_USERS['gof-unesco'] as Actor,
  'gof-es-alternate': { sub: 'gof-es-alternate', roles: ['gof_member'], seat: 'ES' },
  'gof-no-seat': { sub: 'gof-no-seat', roles: ['gof_member'] },
  'consultee+secretariat': {
    sub: 'multi-consultee-secretariat',
    roles: ['consultee', 'secretariat'],
    country: 'PT',
    body: 'ministry-culture',
  },
  'gof-tr+consultee-al': {
    sub: 'multi-gof-consultee',
    roles: ['gof_member', 'consultee'],
    country: 'AL',
    body: 'ministry-foreign-affairs',
    seat: 'TR',
  },
  'coordinator+secretariat': { sub: 'coordinator-see', roles: ['submitter', 'secretariat'], country: 'AL' },
  'admin+secretariat': { sub: 'admin-secretariat', roles: ['admin', 'secretariat'] },
  'no-roles': { sub: 'no-roles', roles: [] },
};

type PlanKey = 'PT national plan' | 'SEE regional strategy';
const SUBMITTERS: Record<PlanKey, string> = {
  'PT national plan': 'submitter-pt',
  'SEE regional strategy': 'coordinator-see',
};

interface GridTask {
  label: string;
  plan: PlanKey;
  type: TaskType;
  candidate: TaskCandidate;
  assignee?: string;
  claimedBy?: string;
  status?: TaskStatus;
}

const STAGE_OF: Record<TaskType, Stage> = {
  consultation: 'NATIONAL_CONSULTATION',
  disposition: 'CIVIL_SOCIETY_COMMENT',
  secretariat_review: 'SECRETARIAT_REVIEW',
  endorsement: 'GOF_ENDORSEMENT',
};

const PT = 'PT national plan';
const SEE = 'SEE regional strategy';
const consultee = (country: string, body: string): TaskCandidate => ({ role: 'consultee', country, body });
const seat = (s: string): TaskCandidate => ({ role: 'gof_member', seat: s });
const SECRETARIAT: TaskCandidate = { role: 'secretariat' };
const SUBMITTER: TaskCandidate = { role: 'submitter' };

const GRID_TASKS: GridTask[] = [
  {
    label: 'PT education consultation',
    plan: PT,
    type: 'consultation',
    candidate: consultee('PT', 'ministry-education'),
  },
  {
    label: 'PT culture consultation, claimed by its consultee',
    plan: PT,
    type: 'consultation',
    candidate: consultee('PT', 'ministry-culture'),
    claimedBy: 'consultee-pt-culture',
  },
  {
    label: 'PT education consultation, reassigned to consultee-pt-education-2',
    plan: PT,
    type: 'consultation',
    candidate: consultee('PT', 'ministry-education'),
    assignee: 'consultee-pt-education-2',
  },
  {
    label: 'PT culture consultation, reassigned to consultee-pt-education (not of its body)',
    plan: PT,
    type: 'consultation',
    candidate: consultee('PT', 'ministry-culture'),
    assignee: 'consultee-pt-education',
  },
  {
    // A claim its holder can no longer back: their token's scope changed since they claimed it.
    label: 'PT education consultation, claimed by consultee-pt-culture (not of its body)',
    plan: PT,
    type: 'consultation',
    candidate: consultee('PT', 'ministry-education'),
    claimedBy: 'consultee-pt-culture',
  },
  {
    label: 'PT disposition, the submitter’s',
    plan: PT,
    type: 'disposition',
    candidate: SUBMITTER,
    assignee: 'submitter-pt',
  },
  { label: 'PT secretariat review', plan: PT, type: 'secretariat_review', candidate: SECRETARIAT },
  {
    label: 'PT secretariat review, claimed by secretariat-anna',
    plan: PT,
    type: 'secretariat_review',
    candidate: SECRETARIAT,
    claimedBy: 'secretariat-anna',
  },
  {
    label: 'PT secretariat review, reassigned to secretariat-omar',
    plan: PT,
    type: 'secretariat_review',
    candidate: SECRETARIAT,
    assignee: 'secretariat-omar',
  },
  { label: 'PT endorsement, seat ES', plan: PT, type: 'endorsement', candidate: seat('ES') },
  {
    label: 'PT endorsement, seat TR, claimed by gof-tr',
    plan: PT,
    type: 'endorsement',
    candidate: seat('TR'),
    claimedBy: 'gof-tr',
  },
  {
    label: 'PT endorsement, seat UNESCO, reassigned to gof-es (not of its seat)',
    plan: PT,
    type: 'endorsement',
    candidate: seat('UNESCO'),
    assignee: 'gof-es',
  },
  {
    label: 'PT endorsement, seat ES, reassigned to gof-es-alternate',
    plan: PT,
    type: 'endorsement',
    candidate: seat('ES'),
    assignee: 'gof-es-alternate',
  },
  {
    label: 'SEE AL consultation',
    plan: SEE,
    type: 'consultation',
    candidate: consultee('AL', 'ministry-foreign-affairs'),
  },
  {
    label: 'SEE BA consultation',
    plan: SEE,
    type: 'consultation',
    candidate: consultee('BA', 'ministry-civil-affairs'),
  },
  { label: 'SEE HR consultation', plan: SEE, type: 'consultation', candidate: consultee('HR', 'ministry-culture') },
  {
    label: 'SEE disposition, the coordinator’s',
    plan: SEE,
    type: 'disposition',
    candidate: SUBMITTER,
    assignee: 'coordinator-see',
  },
  {
    label: 'SEE secretariat review, claimed by secretariat-omar',
    plan: SEE,
    type: 'secretariat_review',
    candidate: SECRETARIAT,
    claimedBy: 'secretariat-omar',
  },
  { label: 'SEE endorsement, seat ES', plan: SEE, type: 'endorsement', candidate: seat('ES') },
  { label: 'SEE endorsement, seat TR', plan: SEE, type: 'endorsement', candidate: seat('TR') },
  {
    label: 'PT education consultation, completed',
    plan: PT,
    type: 'consultation',
    candidate: consultee('PT', 'ministry-education'),
    status: 'completed',
  },
  {
    label: 'SEE endorsement, seat ES, cancelled',
    plan: SEE,
    type: 'endorsement',
    candidate: seat('ES'),
    status: 'cancelled',
  },
];

const OPEN_TASKS = GRID_TASKS.filter((t) => (t.status ?? 'open') === 'open');
const ACTOR_NAMES = Object.keys(GRID_ACTORS);
const ADMINS = ACTOR_NAMES.filter((name) => hasRole(GRID_ACTORS[name], 'admin'));
const NON_ADMINS = ACTOR_NAMES.filter((name) => !ADMINS.includes(name));

/** Why assertMayDecide refuses, or undefined when it allows. */
function refusal(actor: Actor, task: TaskEntity, plan: PlanEntity): string | undefined {
  try {
    assertMayDecide(actor, task, plan.submittedBy ?? plan.createdBy);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

describe('the inbox and assertMayDecide', () => {
  let db: DataSource;
  let stack: ApiHarness;
  const plans = new Map<PlanKey, PlanEntity>();
  /** The row written for each grid task, by label. */
  const rows = new Map<string, TaskEntity>();
  /** The task IDs each actor's inbox lists (GET /tasks: status open, the default), over the grid's plans. */
  const inboxes = new Map<string, Set<string>>();

  beforeAll(async () => {
    db = await openTestDatabase();
    stack = await new ApiHarness().start();

    for (const key of [PT, SEE] as PlanKey[]) {
      const content = key === PT ? nationalContent() : regionalContent();
      const { id } = await insertSubmittedPlan({ db }, content, SUBMITTERS[key]);
      plans.set(key, await db.getRepository(PlanEntity).findOneByOrFail({ id }));
    }
    const now = Date.now();
    for (const [n, spec] of GRID_TASKS.entries()) {
      const plan = plans.get(spec.plan)!;
      const row = db.getRepository(TaskEntity).create({
        id: randomUUID(),
        planId: plan.id,
        workflowId: plan.workflowId!,
        stage: STAGE_OF[spec.type],
        type: spec.type,
        status: spec.status ?? 'open',
        assignee: spec.assignee ?? null,
        candidateRole: spec.candidate.role,
        candidateCountry: spec.candidate.country ?? null,
        candidateBody: spec.candidate.body ?? null,
        candidateSeat: spec.candidate.seat ?? null,
        claimedBy: spec.claimedBy ?? null,
        dueAt: new Date(now + 86_400_000 + n * 1_000),
        createdAt: new Date(now),
        versionNumber: 1,
        versionHash: 'f'.repeat(64),
      });
      await db.getRepository(TaskEntity).insert(row);
      rows.set(spec.label, await db.getRepository(TaskEntity).findOneByOrFail({ id: row.id }));
    }

    await Promise.all(
      ACTOR_NAMES.map(async (name) => {
        const listed = new Set<string>();
        for (const plan of plans.values()) {
          const page = await stack.api.expect<{ items: { id: string }[]; total: number }>(
            200,
            GRID_ACTORS[name],
            'GET',
            `/tasks?planId=${plan.id}&pageSize=100`,
          );
          expect(page.total).toBe(page.items.length); // one page holds a plan's whole inbox
          for (const item of page.items) listed.add(item.id);
        }
        inboxes.set(name, listed);
      }),
    );
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.destroy();
  });

  /** Every pair of an actor and an open grid task on which the inbox and the rule disagree. */
  function disagreements(actorNames: string[], expected: (name: string, allowed: boolean) => boolean) {
    const lines: string[] = [];
    let pairs = 0;
    let allowedPairs = 0;
    for (const name of actorNames) {
      for (const spec of OPEN_TASKS) {
        const row = rows.get(spec.label)!;
        const why = refusal(GRID_ACTORS[name], row, plans.get(spec.plan)!);
        const listed = inboxes.get(name)!.has(row.id);
        pairs++;
        if (why === undefined) allowedPairs++;
        if (listed !== expected(name, why === undefined)) {
          const rule = why === undefined ? 'assertMayDecide allows it' : `assertMayDecide refuses it (${why})`;
          lines.push(`  ${name} × ${spec.label}: the inbox ${listed ? 'lists' : 'does not list'} it, ${rule}`);
        }
      }
    }
    return { lines, pairs, allowedPairs };
  }

  it('agree on every open task, for every actor who is not an admin', () => {
    const { lines, pairs, allowedPairs } = disagreements(NON_ADMINS, (_, allowed) => allowed);
    // The grid must be able to fail both ways: many pairs, with both answers well represented.
    expect(pairs).toBeGreaterThanOrEqual(200);
    expect(allowedPairs).toBeGreaterThanOrEqual(20);
    expect(pairs - allowedPairs).toBeGreaterThanOrEqual(20);
    if (lines.length > 0) {
      throw new Error(
        `the inbox and assertMayDecide disagree on ${lines.length} of ${pairs} actor-and-task pairs:\n${lines.join('\n')}`,
      );
    }
  });

  it("list every open task in an admin's inbox (DOMAIN §2: admins see everything), the rule deciding only their other roles", () => {
    const { lines, pairs } = disagreements(ADMINS, () => true);
    expect(pairs).toBe(ADMINS.length * OPEN_TASKS.length);
    if (lines.length > 0) throw new Error(`an admin's inbox misses open tasks:\n${lines.join('\n')}`);
    // A bare admin decides nothing; an admin who also holds the secretariat role decides its tasks.
    const decidable = (name: string) =>
      OPEN_TASKS.filter((spec) => !refusal(GRID_ACTORS[name], rows.get(spec.label)!, plans.get(spec.plan)!)).map(
        (spec) => spec.label,
      );
    expect(decidable('admin-ops')).toEqual([]);
    expect(decidable('admin+secretariat')).toEqual(
      OPEN_TASKS.filter((spec) => spec.type === 'secretariat_review' && !spec.assignee).map((spec) => spec.label),
    );
  });

  it('never lists a completed or cancelled task as open', () => {
    const closed = GRID_TASKS.filter((spec) => (spec.status ?? 'open') !== 'open');
    const listed = ACTOR_NAMES.flatMap((name) =>
      closed
        .filter((spec) => inboxes.get(name)!.has(rows.get(spec.label)!.id))
        .map((spec) => `${name} × ${spec.label}`),
    );
    expect(listed).toEqual([]);
  });
});
