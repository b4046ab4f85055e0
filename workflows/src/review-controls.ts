import { condition } from '@temporalio/workflow';
import { DomainError, ErrorCode, conflict } from '@aoc/domain/domain-error';
import { type Stage, isTerminal } from '@aoc/domain/plan.types';
import type { PlanReviewState } from '@aoc/domain/review/plan-review.state';
import type {
  EndReviewRequest,
  MoveStageDeadlineRequest,
  PlanReviewResult,
  ReviewSnapshot,
  SubmitRevisionRequest,
} from './contracts';
import type { CommentBoard } from './comment-board';
import type { TaskRunner } from './task-runner';

/** How a review ends before its stages do: withdrawn by its submitter or cancelled by an admin. */
export type Ending = { status: 'WITHDRAWN' | 'CANCELLED'; request: EndReviewRequest };

/**
 * The review's own controls, as Updates (DOMAIN §4, §5): a revision the submitter sends while the
 * plan is in REVISION, its withdrawal or cancellation, and an admin moving the running stage's
 * deadline (the comment window, or the silence procedure's tasks; a single task's deadline moves
 * through the task runner). The workflow registers the handlers; the methods here are their
 * validators and bodies, and the loop reads what they received.
 */
export class ReviewControls {
  /** The revision received and not yet taken by the loop. */
  private revision?: SubmitRevisionRequest;
  /** Set once: the review is being withdrawn or cancelled. */
  ending?: Ending;
  /** The review has recorded its end: the ending Updates answer. */
  private finished = false;

  constructor(
    private readonly state: PlanReviewState,
    private readonly runner: TaskRunner,
    private readonly comments: CommentBoard,
    private readonly snapshot: () => ReviewSnapshot,
  ) {}

  // ---- a revision (§4.3: the plan waits in REVISION for its submitter's new version) ----

  readonly validateRevision = (req: SubmitRevisionRequest): void => {
    const { state } = this;
    if (req.version.number === state.version.number || req.version.number === this.revision?.version.number) return;
    if (state.status !== 'REVISION') {
      throw conflict(
        ErrorCode.RevisionNotExpected,
        `the plan is in ${state.status}; a new version is accepted only in REVISION`,
      );
    }
    if (req.version.number < state.version.number)
      throw conflict(ErrorCode.VersionOutdated, `version ${req.version.number} is outdated`);
  };

  /** Answers once the review runs on the version sent (or ends): a repeat of it answers the same. */
  readonly receiveRevision = async (req: SubmitRevisionRequest): Promise<ReviewSnapshot> => {
    if (req.version.number > this.state.version.number && !this.revision) this.revision = req;
    await condition(() => this.state.version.number >= req.version.number || this.ending !== undefined);
    return this.snapshot();
  };

  /** The loop waits here for the submitter's new version. */
  async pendingRevision(): Promise<SubmitRevisionRequest> {
    await condition(() => this.revision !== undefined);
    return this.revision!;
  }

  /** The loop runs on the new version now: a repeat of its Update answers at once. */
  revisionAdopted(): void {
    this.revision = undefined;
  }

  // ---- the end before the stages' end (withdrawal, cancellation) ----

  readonly validateEnding = (_request: EndReviewRequest): void => {
    if (isTerminal(this.state.status) || this.ending) {
      throw new DomainError(
        ErrorCode.ReviewEnded,
        `the review has already ended (${this.ending?.status ?? this.state.status})`,
      );
    }
  };

  readonly withdraw = (request: EndReviewRequest) => this.endWith('WITHDRAWN', request);
  readonly cancel = (request: EndReviewRequest) => this.endWith('CANCELLED', request);

  /** The review recorded its end: every ending Update answers. */
  finish(): void {
    this.finished = true;
  }

  private async endWith(status: Ending['status'], request: EndReviewRequest): Promise<PlanReviewResult> {
    this.ending ??= { status, request };
    const reason = `the review is ending: the plan is being ${status.toLowerCase()}`;
    this.runner.close(reason);
    this.comments.close(reason);
    await condition(() => this.finished);
    return { status: this.state.status, version: this.state.version };
  }

  // ---- the running stage's deadline (§5) ----

  readonly validateStageDeadline = (req: MoveStageDeadlineRequest): void => {
    this.validateEnding(req);
    const { status } = this.state;
    if (status === 'CIVIL_SOCIETY_COMMENT') return this.comments.assertExtendable(req.dueAt);
    const seats = status === 'GOF_ENDORSEMENT' ? this.endorsementTaskIds() : [];
    if (seats.length === 0) {
      throw conflict(
        ErrorCode.NoDeadlineRunning,
        `the plan is in ${status}, with no comment window open and no silence procedure running; move a task's deadline with POST /tasks/:id/deadline`,
      );
    }
    this.runner.validateExtension(seats, req.dueAt);
  };

  readonly moveStageDeadline = async (req: MoveStageDeadlineRequest): Promise<{ stage: Stage; dueAt: number }> => {
    if (this.state.status === 'CIVIL_SOCIETY_COMMENT') {
      await this.comments.extend(req.dueAt, req.actor);
      return { stage: this.state.status, dueAt: req.dueAt };
    }
    await this.runner.extend(this.endorsementTaskIds(), req.dueAt, req.actor);
    return { stage: 'GOF_ENDORSEMENT', dueAt: req.dueAt };
  };

  private endorsementTaskIds(): string[] {
    return this.runner.book
      .open()
      .filter((t) => t.type === 'endorsement')
      .map((t) => t.id);
  }
}
