import { randomUUID } from 'node:crypto';
import { nationalPlan, regionalStrategy } from '@aoc/demo/demo-plans';
import type { Actor } from '@aoc/domain/actor';
import { waitUntil } from '@aoc/support/wait-until';
import { ACTORS, ActorName, RowName, bearerOf } from './actors';

/** The states a block of the matrix is checked in; each is reached through the API alone. */
export const STATES = [
  'DRAFT',
  'NATIONAL_CONSULTATION',
  'NATIONAL_CONSULTATION, regional',
  'NATIONAL_CONSULTATION, task reassigned',
  'CIVIL_SOCIETY_COMMENT, window open',
  'CIVIL_SOCIETY_COMMENT, awaiting disposition',
  'SECRETARIAT_REVIEW',
  'SECRETARIAT_REVIEW, task claimed',
  'GOF_ENDORSEMENT',
  'REVISION',
  'ENDORSED',
  'WITHDRAWN',
] as const;
export type StateName = (typeof STATES)[number];

export type TaskType = 'consultation' | 'disposition' | 'secretariat_review' | 'endorsement';

/** A plan brought into a state, and the task and comments the matrix acts on there. */
export interface PlanContext {
  state: StateName;
  planId: string;
  planStatus: string;
  /** The task of the state: open in the stages, closed (completed or cancelled) after them. */
  task?: { id: string; type: TaskType; status: 'open' | 'completed' | 'cancelled' };
  /** Who holds a claim on the task for the unclaim column. */
  holder?: ActorName;
  /** The task stays claimed by `holder` between columns. */
  keepClaim?: boolean;
  /** A user with the task's role and scope, to reassign it to. */
  delegate?: string;
  /** Visible comments: the first is the target of refused moderation, the others are spares. */
  comments: string[];
  /** A comment the secretariat hid. */
  hiddenComment?: string;
}

export interface Reply {
  status: number;
  body: unknown;
}

/**
 * The users the matrix reassigns tasks to, each with the role and scope of the task it takes.
 * A task goes only to a user the users directory knows (DOMAIN §5), and a user is recorded when
 * they call the API: PlanDriver.introduceDelegates has each of them call it once.
 */
export const DELEGATES: Actor[] = [
  ACTORS['consultee-pt-education-2'],
  ACTORS['submitter-pt-2'],
  ACTORS['secretariat-omar'],
  { sub: 'gof-es-alternate', roles: ['gof_member'], seat: 'ES' },
];

const POLL_MS = 500;
const WAIT_MS = 120_000;

interface TaskRow {
  id: string;
  stage: string;
  type: TaskType;
  status: 'open' | 'completed' | 'cancelled';
  candidate: { role: string; country?: string; body?: string; seat?: string };
}

/** Drives plans through the real API, as their users would. */
export class PlanDriver {
  /** Every plan created, so that the test can end the reviews it left running. */
  readonly plans = new Set<string>();

  constructor(private readonly baseUrl: string) {}

  async call(row: RowName | Actor, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const authorization = await bearerOf(row);
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(authorization ? { authorization } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed } as Reply;
  }

  /** Like call, but fails unless the status is `status`. */
  async must<T>(status: number, row: RowName | Actor, method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = path.endsWith('/complete') ? { 'Idempotency-Key': randomUUID() } : {};
    const reply = await this.call(row, method, path, body, headers);
    if (reply.status !== status) {
      throw new Error(`${method} ${path} as ${label(row)} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    }
    return reply.body as T;
  }

  /** Records every delegate in the users directory, as their first call to the API does. */
  async introduceDelegates(): Promise<void> {
    for (const delegate of DELEGATES) await this.must(200, delegate, 'GET', '/gof-seats');
  }

  async reach(state: StateName, comments: number): Promise<PlanContext> {
    switch (state) {
      case 'DRAFT':
        return { state, planId: await this.create('submitter-pt', nationalPlan()), planStatus: 'DRAFT', comments: [] };
      case 'NATIONAL_CONSULTATION':
        return this.consultation(state);
      case 'NATIONAL_CONSULTATION, regional': {
        const planId = await this.create('coordinator-see', regionalStrategy());
        await this.must(202, 'coordinator-see', 'POST', `/plans/${planId}/submit`);
        const task = await this.openTask('consultee-al-foreign', planId, 'NATIONAL_CONSULTATION');
        return {
          state,
          planId,
          planStatus: 'NATIONAL_CONSULTATION',
          task: { id: task.id, type: task.type, status: 'open' },
          holder: 'consultee-al-foreign',
          comments: [],
        };
      }
      case 'NATIONAL_CONSULTATION, task reassigned': {
        const ctx = await this.consultation(state);
        await this.must(200, 'admin-ops', 'POST', `/tasks/${ctx.task!.id}/reassign`, {
          assignee: 'consultee-pt-education-2',
        });
        return { ...ctx, holder: 'consultee-pt-education-2' };
      }
      case 'CIVIL_SOCIETY_COMMENT, window open':
        return this.commentWindow(state, comments);
      case 'CIVIL_SOCIETY_COMMENT, awaiting disposition': {
        const ctx = await this.commentWindow(state, Math.max(comments, 1));
        const task = await this.openTask('submitter-pt', ctx.planId, 'CIVIL_SOCIETY_COMMENT');
        return {
          ...ctx,
          task: { id: task.id, type: task.type, status: 'open' },
          holder: 'submitter-pt',
          delegate: 'submitter-pt-2',
        };
      }
      case 'SECRETARIAT_REVIEW':
        return this.secretariatReview(state, comments);
      case 'SECRETARIAT_REVIEW, task claimed': {
        const ctx = await this.secretariatReview(state, comments);
        await this.must(200, 'secretariat-anna', 'POST', `/tasks/${ctx.task!.id}/claim`);
        return { ...ctx, keepClaim: true };
      }
      case 'GOF_ENDORSEMENT':
        return this.endorsement(state, comments);
      case 'REVISION': {
        const ctx = await this.secretariatReview(state, comments);
        await this.must(200, 'secretariat-anna', 'POST', `/tasks/${ctx.task!.id}/complete`, {
          decision: 'request_revision',
          reason: 'Add a budget.',
        });
        await this.waitStatus(ctx.planId, 'REVISION');
        return { ...ctx, planStatus: 'REVISION', task: { ...ctx.task!, status: 'completed' }, holder: undefined };
      }
      case 'ENDORSED': {
        const ctx = await this.endorsement(state, comments);
        for (const { seat } of await this.must<{ seat: string }[]>(200, 'admin-ops', 'GET', '/gof-seats')) {
          const member: Actor = seat === 'ES' ? ACTORS['gof-es'] : { sub: `gof-${seat}`, roles: ['gof_member'], seat };
          const task = await this.openTask(member, ctx.planId, 'GOF_ENDORSEMENT');
          await this.must(200, member, 'POST', `/tasks/${task.id}/complete`, { decision: 'endorse' });
        }
        await this.waitStatus(ctx.planId, 'ENDORSED');
        return { ...ctx, planStatus: 'ENDORSED', task: { ...ctx.task!, status: 'completed' }, holder: undefined };
      }
      case 'WITHDRAWN': {
        const ctx = await this.secretariatReview(state, comments);
        await this.must(200, 'submitter-pt', 'POST', `/plans/${ctx.planId}/withdraw`, { reason: 'Superseded.' });
        await this.waitFor(`task ${ctx.task!.id} to be cancelled`, async () => {
          const task = await this.must<TaskRow>(200, 'admin-ops', 'GET', `/tasks/${ctx.task!.id}`);
          return task.status === 'cancelled' ? task : undefined;
        });
        return { ...ctx, planStatus: 'WITHDRAWN', task: { ...ctx.task!, status: 'cancelled' }, holder: undefined };
      }
    }
  }

  /** The body of a decision that the task's own candidate may give. */
  async decisionFor(ctx: PlanContext): Promise<Record<string, unknown>> {
    switch (ctx.task!.type) {
      case 'consultation':
        return { decision: 'support' };
      case 'secretariat_review':
        return { decision: 'approve' };
      case 'endorsement':
        return { decision: 'endorse' };
      case 'disposition': {
        const comments = await this.must<{ id: string; hidden: boolean }[]>(
          200,
          'admin-ops',
          'GET',
          `/plans/${ctx.planId}/comments`,
        );
        return {
          decision: 'dispose',
          dispositions: comments
            .filter((c) => !c.hidden)
            .map((c) => ({ commentId: c.id, disposition: 'accepted', response: 'Taken up.' })),
        };
      }
    }
  }

  async waitStatus(planId: string, status: string): Promise<void> {
    await this.waitFor(`plan ${planId} to be ${status}`, async () => {
      const plan = await this.must<{ status: string }>(200, 'admin-ops', 'GET', `/plans/${planId}`);
      return plan.status === status ? plan : undefined;
    });
  }

  private async create(author: ActorName, content: object): Promise<string> {
    const { id } = await this.must<{ id: string }>(201, author, 'POST', '/plans', content);
    this.plans.add(id);
    return id;
  }

  /** A national plan of Portugal, submitted: both consultation tasks are open. */
  private async consultation(state: StateName): Promise<PlanContext> {
    const planId = await this.create('submitter-pt', nationalPlan());
    await this.must(202, 'submitter-pt', 'POST', `/plans/${planId}/submit`);
    const task = await this.openTask('consultee-pt-education', planId, 'NATIONAL_CONSULTATION');
    return {
      state,
      planId,
      planStatus: 'NATIONAL_CONSULTATION',
      task: { id: task.id, type: task.type, status: 'open' },
      holder: 'consultee-pt-education',
      delegate: 'consultee-pt-education-2',
      comments: [],
    };
  }

  /** Both bodies support; the comment window opens and civil society comments `comments` times. */
  private async commentWindow(state: StateName, comments: number): Promise<PlanContext> {
    const ctx = await this.consultation(state);
    await this.must(200, 'consultee-pt-education', 'POST', `/tasks/${ctx.task!.id}/complete`, { decision: 'support' });
    const culture = await this.openTask('consultee-pt-culture', ctx.planId, 'NATIONAL_CONSULTATION');
    await this.must(200, 'consultee-pt-culture', 'POST', `/tasks/${culture.id}/complete`, { decision: 'support' });
    await this.waitStatus(ctx.planId, 'CIVIL_SOCIETY_COMMENT');
    const posted: string[] = [];
    for (let i = 0; i < comments; i++) {
      const { id } = await this.must<{ id: string }>(
        201,
        'cso-youth-network',
        'POST',
        `/plans/${ctx.planId}/comments`,
        {
          text: `Comment ${i + 1}: name the youth council as a partner.`,
        },
      );
      posted.push(id);
    }
    return {
      ...ctx,
      planStatus: 'CIVIL_SOCIETY_COMMENT',
      task: { ...ctx.task!, status: 'completed' },
      holder: undefined,
      delegate: undefined,
      comments: posted,
    };
  }

  /** Through the comment stage (comments disposed of) to the open secretariat task. */
  private async secretariatReview(state: StateName, comments: number): Promise<PlanContext> {
    const ctx = await this.commentWindow(state, comments);
    if (comments > 0) {
      const disposition = await this.openTask('submitter-pt', ctx.planId, 'CIVIL_SOCIETY_COMMENT');
      const ref = { ...ctx, task: { id: disposition.id, type: disposition.type, status: 'open' as const } };
      await this.must(200, 'submitter-pt', 'POST', `/tasks/${disposition.id}/complete`, await this.decisionFor(ref));
    }
    const task = await this.openTask('secretariat-anna', ctx.planId, 'SECRETARIAT_REVIEW');
    return {
      ...ctx,
      planStatus: 'SECRETARIAT_REVIEW',
      task: { id: task.id, type: task.type, status: 'open' },
      holder: 'secretariat-anna',
      delegate: 'secretariat-omar',
    };
  }

  /** The secretariat approves: every seat has an endorsement task; the matrix acts on Spain's. */
  private async endorsement(state: StateName, comments: number): Promise<PlanContext> {
    const ctx = await this.secretariatReview(state, comments);
    await this.must(200, 'secretariat-anna', 'POST', `/tasks/${ctx.task!.id}/complete`, { decision: 'approve' });
    const task = await this.openTask('gof-es', ctx.planId, 'GOF_ENDORSEMENT');
    return {
      ...ctx,
      planStatus: 'GOF_ENDORSEMENT',
      task: { id: task.id, type: task.type, status: 'open' },
      holder: 'gof-es',
      delegate: 'gof-es-alternate',
    };
  }

  private async openTask(who: ActorName | Actor, planId: string, stage: string): Promise<TaskRow> {
    return this.waitFor(`an open ${stage} task of plan ${planId} for ${label(who)}`, async () => {
      const page = await this.must<{ items: TaskRow[] }>(
        200,
        who,
        'GET',
        `/tasks?planId=${planId}&status=open&stage=${stage}`,
      );
      return page.items[0];
    });
  }

  waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = WAIT_MS): Promise<T> {
    return waitUntil(check, { description: what, timeoutMs, intervalMs: POLL_MS, onError: 'fail' });
  }
}

const label = (who: RowName | Actor) => (typeof who === 'string' ? who : who.sub);
