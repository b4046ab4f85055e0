import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { nationalPlan } from '@aoc/demo/demo-plans';
import type { DemoUser } from '@aoc/demo/demo-users';
import type { CallOptions, RecordingApi } from './recording-api';
import type { SeededRandom } from '../../support/seeded-random';

/** The ways a national plan of Portugal is driven through its review, each with the status it must end in. */
export const JOURNEYS = {
  /** Both bodies support (one with comments), two organizations comment, the submitter disposes, approve, endorse. */
  'comments-disposed': 'ENDORSED',
  /** A body objects; the revised version goes back to that body alone, which supports; approve, endorse. */
  'objection-revised': 'ENDORSED',
  /** The secretariat requests a revision; the new version comes back to it; approve, endorse. */
  'secretariat-revision': 'ENDORSED',
  'secretariat-reject': 'REJECTED',
  /** A seat breaks silence; the plan goes back to the secretariat, which rejects. */
  'silence-broken': 'REJECTED',
  'withdrawn-in-consultation': 'WITHDRAWN',
  'withdrawn-in-revision': 'WITHDRAWN',
  /** Comments sent around the comment window's close (the later ones are refused); approve, endorse. */
  'late-comments': 'ENDORSED',
} as const;

export type JourneyName = keyof typeof JOURNEYS;
export type EndStatus = (typeof JOURNEYS)[JourneyName];

/** A decision the API confirmed with a 2xx: it must be in PostgreSQL, once. */
export type ConfirmedDecision =
  | { kind: 'task'; planId: string; taskId: string; decision: string; key: string }
  | { kind: 'comment'; planId: string; commentId: string }
  | { kind: 'withdrawal'; planId: string };

export interface DrivenPlan {
  journey: JourneyName;
  expected: EndStatus;
  /** Set once the draft is created. */
  id?: string;
  startedAt: number;
  finishedAt?: number;
  /** Why the driver could not finish the journey. */
  failure?: string;
}

/** What a case's driver did: the plans, and every decision the API confirmed. */
export class DriveLog {
  readonly plans: DrivenPlan[] = [];
  readonly confirmed: ConfirmedDecision[] = [];
  /** Comments refused at the window's close: allowed, and counted. */
  lateRefusals = 0;
}

/**
 * Whether the drive still moves: a journey gives up once no plan has moved (no write was
 * confirmed, no plan changed status) for `stallMs` while every part is up, as the plans left
 * are stuck; that ends a case early instead of at every journey's deadline.
 */
export class DriveProgress {
  private last = Date.now();

  constructor(
    private readonly faultOpen: () => boolean,
    private readonly stallMs = 30_000,
  ) {}

  moved(): void {
    this.last = Date.now();
  }

  /** Why to give up, when nothing has moved for too long. */
  stalled(): string | undefined {
    if (this.faultOpen()) this.last = Date.now();
    const quiet = Date.now() - this.last;
    return quiet > this.stallMs ? `no plan moved for ${Math.round(quiet / 1000)} s with every part up` : undefined;
  }
}

interface TaskItem {
  id: string;
  type: string;
}

const POLL_MS = 900;
const SEATS: DemoUser[] = ['gof-es', 'gof-tr', 'gof-unesco'];
const SUBMITTER: DemoUser = 'submitter-pt';
const EDUCATION: DemoUser = 'consultee-pt-education';
const CULTURE: DemoUser = 'consultee-pt-culture';

/**
 * Drives one national plan along one journey through the HTTP API, as its users would. A
 * 503 or a missing answer is retried with the very same request (and Idempotency-Key) until
 * the journey's deadline; any other unexpected answer ends the journey with a failure.
 */
export class Journey {
  private steps = 0;

  private lastStatus?: string;

  constructor(
    private readonly api: RecordingApi,
    private readonly log: DriveLog,
    private readonly plan: DrivenPlan,
    private readonly deadline: number,
    private readonly random: SeededRandom,
    private readonly progress: DriveProgress,
  ) {}

  async run(): Promise<void> {
    try {
      await this.walk();
      this.plan.finishedAt = Date.now();
    } catch (error) {
      this.plan.failure = (error as Error).message;
    }
  }

  private async walk(): Promise<void> {
    await this.createAndSubmit();
    switch (this.plan.journey) {
      case 'comments-disposed':
        await this.consult('support', 'support_with_comments');
        if (await this.reachCommentWindow()) {
          await this.comment('cso-youth-network', 'Please add a measurable target for youth participation.');
          await this.comment('cso-media-watch', 'Name the press council as a partner of the media action.');
        }
        await this.disposeIfAsked();
        await this.secretariat('secretariat-anna', { decision: 'approve' }, { claim: true });
        await this.endorse();
        return this.finish('ENDORSED');
      case 'objection-revised': {
        const [objected] = await this.consult('object', 'support');
        await this.reviseAndResubmit();
        await this.decide(EDUCATION, await this.task(EDUCATION, 'NATIONAL_CONSULTATION', [objected]), {
          decision: 'support',
        });
        await this.secretariat('secretariat-omar', { decision: 'approve' });
        await this.endorse();
        return this.finish('ENDORSED');
      }
      case 'secretariat-revision': {
        await this.consult('support', 'support');
        const first = await this.secretariat('secretariat-omar', {
          decision: 'request_revision',
          reason: 'Add a budget.',
        });
        await this.reviseAndResubmit();
        await this.secretariat('secretariat-anna', { decision: 'approve' }, { claim: true, besides: [first] });
        await this.endorse();
        return this.finish('ENDORSED');
      }
      case 'secretariat-reject':
        await this.consult('support', 'support');
        await this.secretariat('secretariat-anna', { decision: 'reject', reason: 'Outside the Alliance mandate.' });
        return this.finish('REJECTED');
      case 'silence-broken': {
        await this.consult('support', 'support');
        const first = await this.secretariat('secretariat-omar', { decision: 'approve' });
        await this.decide('gof-es', await this.task('gof-es', 'GOF_ENDORSEMENT'), {
          decision: 'break_silence',
          reason: 'The migration section contradicts our national law.',
        });
        await this.secretariat(
          'secretariat-anna',
          { decision: 'reject', reason: 'Silence broken.' },
          { besides: [first] },
        );
        return this.finish('REJECTED');
      }
      case 'withdrawn-in-consultation':
        await this.decide(EDUCATION, await this.task(EDUCATION, 'NATIONAL_CONSULTATION'), { decision: 'support' });
        await this.withdraw();
        return this.finish('WITHDRAWN');
      case 'withdrawn-in-revision':
        await this.consult('support', 'support');
        await this.secretariat('secretariat-anna', { decision: 'request_revision', reason: 'Add indicators.' });
        await this.status('REVISION');
        await this.withdraw();
        return this.finish('WITHDRAWN');
      case 'late-comments':
        await this.consult('support', 'support');
        if (await this.reachCommentWindow()) await this.commentAroundTheClose();
        await this.disposeIfAsked();
        await this.secretariat('secretariat-omar', { decision: 'approve' });
        await this.endorse();
        return this.finish('ENDORSED');
    }
  }

  private get id(): string {
    return this.plan.id!;
  }

  private async createAndSubmit(): Promise<void> {
    const draft = { ...nationalPlan(), title: `Portugal: fault test plan (${this.plan.journey})` };
    const created = await this.expect<{ id: string }>(SUBMITTER, 'POST', '/plans', [201], { body: draft });
    this.plan.id = created.id;
    await this.expect(SUBMITTER, 'POST', `/plans/${this.id}/submit`, [202]);
  }

  /** Both consultee bodies answer, each as soon as its task is there. Returns their tasks: education's first. */
  private consult(education: string, culture: string): Promise<string[]> {
    const answer = async (user: DemoUser, decision: string): Promise<string> => {
      const task = await this.task(user, 'NATIONAL_CONSULTATION');
      const input =
        decision === 'object'
          ? { decision, reason: 'No budget line for the teacher exchange.' }
          : decision === 'support_with_comments'
            ? { decision, comment: 'Involve the municipalities.' }
            : { decision };
      await this.decide(user, task, input);
      return task;
    };
    return Promise.all([answer(EDUCATION, education), answer(CULTURE, culture)]);
  }

  /** True when the plan is in its comment window; false when the window has already passed. */
  private async reachCommentWindow(): Promise<boolean> {
    const status = await this.status('CIVIL_SOCIETY_COMMENT', 'SECRETARIAT_REVIEW');
    return status === 'CIVIL_SOCIETY_COMMENT';
  }

  private async comment(user: DemoUser, text: string): Promise<void> {
    const response = await this.api.call<{ id: string }>(user, 'POST', `/plans/${this.id}/comments`, {
      body: { text, field: 'youth' },
      headers: { 'Idempotency-Key': this.key('comment') },
      ...this.retries,
      refusalAllowed: true,
    });
    if (response.status === 201) {
      this.progress.moved();
      this.log.confirmed.push({ kind: 'comment', planId: this.id, commentId: response.body.id });
    } else if (this.isWindowClosed(response)) {
      this.log.lateRefusals++;
    } else {
      throw new Error(`POST /plans/${this.id}/comments answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
  }

  /** Three comments: 0.5 s and 0.15 s before the window closes, and 0.2 s after. */
  private async commentAroundTheClose(): Promise<void> {
    const timeline = await this.expect<{ payload: { commentWindowClosesAt?: string } }[]>(
      SUBMITTER,
      'GET',
      `/plans/${this.id}/timeline`,
      [200],
    );
    const closesAt = timeline
      .map((e) => e.payload.commentWindowClosesAt)
      .filter((at): at is string => at !== undefined)
      .map((at) => Date.parse(at))
      .pop();
    if (closesAt === undefined) throw new Error('no commentWindowClosesAt in the timeline');
    const sends = [-500, -150, 200].map(async (offset, n) => {
      const wait = closesAt + offset - Date.now();
      if (wait > 0) await sleep(wait);
      await this.comment(
        n % 2 === 0 ? 'cso-youth-network' : 'cso-media-watch',
        `A comment sent ${offset} ms from the close.`,
      );
    });
    await Promise.all(sends);
  }

  /** Once the window has closed: disposes of every comment if the submitter got a disposition task. */
  private async disposeIfAsked(): Promise<void> {
    for (;;) {
      const tasks = await this.openTasks(SUBMITTER, 'CIVIL_SOCIETY_COMMENT');
      const disposition = tasks?.find((t) => t.type === 'disposition');
      if (disposition) {
        const comments = await this.expect<{ id: string; hidden: boolean; disposition?: unknown }[]>(
          SUBMITTER,
          'GET',
          `/plans/${this.id}/comments`,
          [200],
        );
        const dispositions = comments
          .filter((c) => !c.hidden && !c.disposition)
          .map((c, n) => ({
            commentId: c.id,
            disposition: (['accepted', 'partially_accepted', 'not_accepted'] as const)[n % 3],
            response: 'Thank you; see the revised action plan.',
          }));
        await this.decide(SUBMITTER, disposition.id, { decision: 'dispose', dispositions });
        return;
      }
      const plan = await this.readPlan();
      if (plan && plan !== 'CIVIL_SOCIETY_COMMENT') return;
      await this.pause();
    }
  }

  /** Waits for the secretariat's review task (one not in `besides`) and decides it; returns its id. */
  private async secretariat(
    user: DemoUser,
    input: Record<string, unknown>,
    options: { claim?: boolean; besides?: string[] } = {},
  ): Promise<string> {
    const task = await this.task(user, 'SECRETARIAT_REVIEW', options.besides);
    if (options.claim) await this.expect(user, 'POST', `/tasks/${task}/claim`, [200]);
    await this.decide(user, task, input);
    return task;
  }

  /** Every seat endorses, each as soon as its task is there. */
  private async endorse(): Promise<void> {
    await Promise.all(
      SEATS.map(async (seat) => this.decide(seat, await this.task(seat, 'GOF_ENDORSEMENT'), { decision: 'endorse' })),
    );
  }

  private async reviseAndResubmit(): Promise<void> {
    await this.status('REVISION');
    await this.expect(SUBMITTER, 'PATCH', `/plans/${this.id}`, [200], {
      body: { summary: `Revised after review, with a budget line (${randomUUID().slice(0, 8)}).` },
    });
    await this.expect(SUBMITTER, 'POST', `/plans/${this.id}/submit`, [202]);
  }

  private async withdraw(): Promise<void> {
    const response = await this.api.call<{ status: string }>(SUBMITTER, 'POST', `/plans/${this.id}/withdraw`, {
      body: { reason: 'Superseded by a new national strategy.' },
      ...this.retries,
    });
    if (response.status === 200) {
      this.progress.moved();
      this.log.confirmed.push({ kind: 'withdrawal', planId: this.id });
      return;
    }
    // A retry of a withdrawal that went through meanwhile (its answer lost to the fault) finds the plan ended.
    if (response.status === 409 && (await this.readPlan()) === 'WITHDRAWN') return;
    throw new Error(`POST /plans/${this.id}/withdraw answered ${response.status}: ${JSON.stringify(response.body)}`);
  }

  /** Completes a task with a key of its own; a retry repeats the key. */
  private async decide(user: DemoUser, taskId: string, input: Record<string, unknown>): Promise<void> {
    const key = this.key('decide');
    await this.expect(user, 'POST', `/tasks/${taskId}/complete`, [200], {
      body: input,
      headers: { 'Idempotency-Key': key },
    });
    this.log.confirmed.push({ kind: 'task', planId: this.id, taskId, decision: String(input.decision), key });
  }

  private async finish(status: EndStatus): Promise<void> {
    await this.status(status);
  }

  /** Waits until the plan is in one of `statuses`; answers which. */
  private async status(...statuses: string[]): Promise<string> {
    for (;;) {
      const status = await this.readPlan();
      if (status && statuses.includes(status)) return status;
      this.assertTime(`plan ${this.id} to be ${statuses.join(' or ')} (it is ${status ?? 'unknown'})`);
      await this.pause();
    }
  }

  /** Waits for an open task of the plan in `user`'s inbox at `stage`, other than `besides`. */
  private async task(user: DemoUser, stage: string, besides: string[] = []): Promise<string> {
    for (;;) {
      const found = (await this.openTasks(user, stage))?.find((t) => !besides.includes(t.id));
      if (found) return found.id;
      this.assertTime(`an open ${stage} task for ${user} on plan ${this.id}`);
      await this.pause();
    }
  }

  private async openTasks(user: DemoUser, stage: string): Promise<TaskItem[] | undefined> {
    const response = await this.api.call<{ items: TaskItem[] }>(
      user,
      'GET',
      `/tasks?planId=${this.id}&status=open&stage=${stage}`,
    );
    return response.status === 200 ? response.body.items : undefined;
  }

  private async readPlan(): Promise<string | undefined> {
    const response = await this.api.call<{ status: string }>(SUBMITTER, 'GET', `/plans/${this.id}`);
    if (response.status !== 200) return undefined;
    if (response.body.status !== this.lastStatus) this.progress.moved();
    this.lastStatus = response.body.status;
    return response.body.status;
  }

  private async expect<T = Record<string, unknown>>(
    user: DemoUser,
    method: string,
    path: string,
    statuses: number[],
    options: CallOptions = {},
  ): Promise<T> {
    const response = await this.api.call<T>(user, method, path, { ...options, ...this.retries });
    if (method !== 'GET' && response.status >= 200 && response.status < 300) this.progress.moved();
    if (!statuses.includes(response.status)) {
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** Retry until the journey's deadline, or until the drive has stalled. */
  private get retries(): Pick<CallOptions, 'retryUntil' | 'giveUp'> {
    return { retryUntil: this.deadline, giveUp: () => this.progress.stalled() };
  }

  private isWindowClosed(response: { status: number; body: unknown }): boolean {
    return response.status === 409 && (response.body as { code?: string })?.code === 'COMMENT_WINDOW_CLOSED';
  }

  private key(what: string): string {
    return `${this.id}.${what}.${++this.steps}`;
  }

  private assertTime(waitingFor: string): void {
    const stalled = this.progress.stalled();
    if (Date.now() > this.deadline || stalled) {
      throw new Error(`gave up waiting for ${waitingFor}${stalled ? `: ${stalled}` : ''}`);
    }
  }

  private pause(): Promise<void> {
    return sleep(POLL_MS * this.random.between(0.7, 1.3));
  }
}
