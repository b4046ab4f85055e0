import { DomainError, ErrorCode } from '../domain-error';
import { PlanStatus, STAGES, Stage, VersionRef } from '../plan.types';
import type { ConsultationOutcome, Decision } from '../task.types';

/** How long each stage runs, in milliseconds (DOMAIN §4: defaults, each configurable). */
export type StageDurations = Record<Stage, number>;

export interface ReviewSettings {
  durations: StageDurations;
  maxRevisionRounds: number;
}

export type ConsultationDecision = ConsultationOutcome['decision'];

export interface ConsultationAnswer {
  country: string;
  body: string;
  decision: ConsultationDecision;
  comment?: string;
  reason?: string;
  actor: string;
  version: VersionRef;
}

export interface ConsultationScope {
  country: string;
  bodies: string[];
}

export interface SilenceBreak {
  seat: string;
  reason: string;
  actor: string;
  version: VersionRef;
}

/** What the workflow must do after a stage ends. */
export type Transition =
  | { kind: 'enter'; stage: Stage }
  | { kind: 'revision'; returnTo: Stage; escalate: boolean }
  | { kind: 'end'; status: Extract<PlanStatus, 'ENDORSED' | 'REJECTED'> };

const bodyKey = (country: string, body: string) => `${country}/${body}`;

/**
 * The rules of the four stages (DOMAIN §4) as a plain state machine. The workflow drives
 * it: it runs the timers, the tasks and the I/O, and asks this class what comes next.
 */
export class PlanReviewState {
  status: PlanStatus;
  version: VersionRef;
  /** The stage a revision returns to. */
  returnTo?: Stage;
  /** The latest answer of each consulted body, across versions; older versions' answers are stale. */
  readonly answers = new Map<string, ConsultationAnswer>();
  /** Bodies that objected and are consulted again after a revision. */
  private reconsult?: ConsultationScope[];
  /** A revision for a later stage added bodies or countries: only they are consulted, then that stage resumes. */
  private newOnly?: { scopes: ConsultationScope[]; resume: Stage };
  secretariatRevisionRounds = 0;
  readonly silenceBreaks: SilenceBreak[] = [];

  constructor(
    readonly settings: ReviewSettings,
    version: VersionRef,
  ) {
    this.version = version;
    this.status = 'NATIONAL_CONSULTATION';
  }

  /** The stage the plan is in, if it is in one (not in REVISION, nor ended). */
  get stage(): Stage | undefined {
    return STAGES.find((stage) => stage === this.status);
  }

  /**
   * Whom to consult on this version of the plan (DOMAIN §4.1): everyone the first time; after an
   * objection, the objectors that are still in the revised plan, plus every body and country
   * that is new in it (never consulted on this plan).
   */
  consultationScopes(consultees: Record<string, string[]>, countries: string[]): ConsultationScope[] {
    if (this.newOnly) return this.newOnly.scopes;
    const all = countries.map((country) => ({ country, bodies: [...(consultees[country] ?? [])] }));
    if (!this.reconsult) return all;
    const objectors = new Set(this.reconsult.flatMap((s) => s.bodies.map((body) => bodyKey(s.country, body))));
    return all
      .map(({ country, bodies }) => ({
        country,
        bodies: bodies.filter((b) => objectors.has(bodyKey(country, b)) || !this.answers.has(bodyKey(country, b))),
      }))
      .filter((scope) => scope.bodies.length > 0);
  }

  /** The latest answer of every body ever consulted on this plan. */
  standingAnswers(): ConsultationAnswer[] {
    return [...this.answers.values()];
  }

  isStale(answer: Pick<ConsultationAnswer, 'version'>): boolean {
    return answer.version.number !== this.version.number;
  }

  /**
   * After `revised`: when the new version, revised for a stage after the consultation, adds bodies
   * or countries never consulted on this plan (DOMAIN §4.1), they are consulted first: the plan
   * enters NATIONAL_CONSULTATION with them alone, and the stage that asked resumes after it
   * (unless one of them objects). Answers whether it does.
   */
  consultNewBodies(consultees: Record<string, string[]>, countries: string[]): boolean {
    const resume = this.stage;
    if (!resume || resume === 'NATIONAL_CONSULTATION') return false;
    const scopes = countries
      .map((country) => ({
        country,
        bodies: (consultees[country] ?? []).filter((body) => !this.answers.has(bodyKey(country, body))),
      }))
      .filter((scope) => scope.bodies.length > 0);
    if (scopes.length === 0) return false;
    this.newOnly = { scopes, resume };
    this.status = 'NATIONAL_CONSULTATION';
    return true;
  }

  /** The stage a consultation of new bodies only returns to, while one runs. */
  get resumesAfterConsultation(): Stage | undefined {
    return this.newOnly?.resume;
  }

  /** Records the answers of a consultation round and decides what follows. */
  consultationEnded(answers: ConsultationAnswer[]): Transition {
    for (const answer of answers) this.answers.set(bodyKey(answer.country, answer.body), answer);
    const resume = this.newOnly?.resume;
    this.newOnly = undefined;
    const objectors = answers.filter((a) => a.decision === 'object');
    if (objectors.length === 0) {
      this.reconsult = undefined;
      return this.enter(resume ?? 'CIVIL_SOCIETY_COMMENT');
    }
    const byCountry = new Map<string, string[]>();
    for (const a of objectors) byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a.body]);
    this.reconsult = [...byCountry].map(([country, bodies]) => ({ country, bodies }));
    return this.revise('NATIONAL_CONSULTATION', false);
  }

  /** After the comment window and, if there were comments, their disposition. */
  commentStageEnded(): Transition {
    return this.enter('SECRETARIAT_REVIEW');
  }

  /** The Group of Friends' objections to the version under review. */
  currentObjections(): SilenceBreak[] {
    return this.silenceBreaks.filter((b) => b.version.number === this.version.number);
  }

  /**
   * A seat answers once per version, so a version on which silence was broken cannot go back
   * to the Group of Friends: the secretariat must request a revision or reject.
   */
  assertSecretariatMay(decision: string): void {
    const objections = this.currentObjections();
    if (decision === 'approve' && objections.length > 0) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `the Group of Friends broke silence on version ${this.version.number} (${objections
          .map((o) => o.seat)
          .join(', ')}); request a revision or reject`,
      );
    }
  }

  secretariatDecided(decision: Decision<'secretariat_review'>): Transition {
    switch (decision) {
      case 'approve':
        return this.enter('GOF_ENDORSEMENT');
      case 'reject':
        return this.end('REJECTED');
      case 'request_revision':
        this.secretariatRevisionRounds++;
        return this.revise('SECRETARIAT_REVIEW', this.secretariatRevisionRounds > this.settings.maxRevisionRounds);
    }
  }

  /** Silence is consent: the plan is endorsed unless a seat broke silence. */
  endorsementEnded(breaks: SilenceBreak[]): Transition {
    if (breaks.length > 0) {
      this.silenceBreaks.push(...breaks);
      return this.enter('SECRETARIAT_REVIEW');
    }
    return this.end('ENDORSED');
  }

  /** A new version arrived while in REVISION: the stage that asked for it resumes. */
  revised(version: VersionRef): Stage {
    if (this.status !== 'REVISION' || !this.returnTo) throw new Error('the plan is not in revision');
    if (version.number <= this.version.number) throw new Error(`version ${version.number} is not newer`);
    this.version = version;
    const stage = this.returnTo;
    this.status = stage;
    this.returnTo = undefined;
    return stage;
  }

  /** A revised version attached to the disposition of comments: later stages review it. */
  adopt(version: VersionRef): void {
    if (version.number <= this.version.number) throw new Error(`version ${version.number} is not newer`);
    this.version = version;
  }

  stageDuration(stage: Stage): number {
    return this.settings.durations[stage];
  }

  private enter(stage: Stage): Transition {
    this.status = stage;
    return { kind: 'enter', stage };
  }

  private revise(returnTo: Stage, escalate: boolean): Transition {
    this.status = 'REVISION';
    this.returnTo = returnTo;
    return { kind: 'revision', returnTo, escalate };
  }

  private end(status: 'ENDORSED' | 'REJECTED'): Transition {
    this.status = status;
    return { kind: 'end', status };
  }
}
