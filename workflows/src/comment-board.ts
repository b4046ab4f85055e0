import { DomainError, ErrorCode } from '@aoc/domain/domain-error';
import type { PlanStatus, VersionRef } from '@aoc/domain/plan.types';
import { CommentWindow, assertHideReason, assertMayComment } from '@aoc/domain/review/comment-window';
import type { HideCommentRequest, PostCommentRequest, PostedComment } from './contracts';
import type { Journal } from './journal';

/** What the board needs to know of the review it belongs to. */
export interface ReviewView {
  status(): PlanStatus;
  version(): VersionRef;
}

/**
 * Civil society comments (DOMAIN §4.2) as Updates: posted while the window is open, hidden by
 * the secretariat with a reason. Each comment stage opens a fresh window; the comments of an
 * earlier round stay in PostgreSQL, on their (older) version. The workflow registers the
 * handlers; the methods here are their validators and bodies.
 */
export class CommentBoard {
  private window = new CommentWindow();
  private closedBecause?: string;

  constructor(
    private readonly journal: Journal,
    private readonly review: ReviewView,
  ) {}

  /** Opens a new window; answers when it closes. */
  open(now: number, durationMs: number): number {
    this.window = new CommentWindow();
    this.window.open(now, durationMs);
    return this.window.closingTime!;
  }

  assertExtendable(closesAt: number): void {
    this.window.assertExtendable(closesAt, Date.now());
  }

  /** Moves the window's close later; the stage's timer follows it, and the move is recorded. */
  async extend(closesAt: number, actor: string): Promise<void> {
    this.window.extend(closesAt, Date.now());
    await this.journal.commentWindowMoved(closesAt, actor, this.review.version());
  }

  /** Refuses every further comment and moderation, saying why. */
  close(reason: string): void {
    this.closedBecause ??= reason;
  }

  get closingTime(): number | undefined {
    return this.window.closingTime;
  }

  visibleIds(): string[] {
    return this.window.visibleIds();
  }

  readonly validatePost = (req: PostCommentRequest): void => {
    assertMayComment(req.actor);
    if (this.closedBecause) throw new DomainError(ErrorCode.ReviewEnded, this.closedBecause);
    const status = this.review.status();
    if (status !== 'CIVIL_SOCIETY_COMMENT') {
      throw new DomainError(
        ErrorCode.CommentWindowClosed,
        `comments are accepted only during CIVIL_SOCIETY_COMMENT; the plan is in ${status}`,
      );
    }
    this.window.assertAccepting(Date.now());
  };

  readonly post = async (req: PostCommentRequest): Promise<PostedComment> => {
    this.window.post(req.commentId);
    const postedAt = Date.now();
    const version = this.review.version();
    await this.journal.commentPosted(
      {
        id: req.commentId,
        planId: this.journal.planId,
        author: req.actor.sub,
        org: req.actor.org ?? req.actor.sub,
        text: req.text,
        field: req.field,
        version,
        postedAt,
      },
      req.actor.org,
    );
    return { id: req.commentId, version, postedAt };
  };

  readonly validateHide = (req: HideCommentRequest): void => {
    assertHideReason(req.reason);
    if (this.closedBecause) throw new DomainError(ErrorCode.ReviewEnded, this.closedBecause);
    this.window.assertHideable(req.commentId);
  };

  readonly hide = async (req: HideCommentRequest): Promise<void> => {
    this.window.hide(req.commentId);
    await this.journal.commentHidden(req.commentId, req.reason, req.actor, this.review.version());
  };
}
