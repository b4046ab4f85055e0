import { setHandler } from '@temporalio/workflow';
import { hasRole } from '@aoc/domain/actor';
import { DomainError, ErrorCode, conflict, forbidden } from '@aoc/domain/domain-error';
import type { PlanStatus, VersionRef } from '@aoc/domain/plan.types';
import { CommentWindow } from '@aoc/domain/review/comment-window';
import {
  HideCommentRequest,
  PostCommentRequest,
  PostedComment,
  hideCommentUpdate,
  postCommentUpdate,
} from './contracts';
import type { Projector } from './projector';
import { refuseUnless } from './task-runner';

/** What the board needs to know of the review it belongs to. */
export interface ReviewView {
  status(): PlanStatus;
  version(): VersionRef;
}

/**
 * Civil society comments (DOMAIN §4.2) as Updates: posted while the window is open, hidden by
 * the secretariat with a reason. Each comment stage opens a fresh window; the comments of an
 * earlier round stay in PostgreSQL, on their (older) version.
 */
export class CommentBoard {
  private window = new CommentWindow();
  private closedBecause?: string;

  constructor(
    private readonly projector: Projector,
    private readonly review: ReviewView,
  ) {
    setHandler(postCommentUpdate, (req) => this.post(req), {
      validator: (req) => refuseUnless(req, () => this.validatePost(req)),
    });
    setHandler(hideCommentUpdate, (req) => this.hide(req), {
      validator: (req) =>
        refuseUnless(req, () => {
          if (this.closedBecause) throw conflict(this.closedBecause);
          this.window.assertHideable(req.commentId);
        }),
    });
  }

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
    await this.projector.write({
      events: [
        this.projector.event('DEADLINE_EXTENDED', actor, this.review.version(), {
          stage: 'CIVIL_SOCIETY_COMMENT',
          commentWindowClosesAt: new Date(closesAt).toISOString(),
        }),
      ],
    });
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

  private validatePost(req: PostCommentRequest): void {
    if (!hasRole(req.actor, 'cso')) throw forbidden('only a civil society organization (cso) may comment');
    if (this.closedBecause) throw conflict(this.closedBecause);
    const status = this.review.status();
    if (status !== 'CIVIL_SOCIETY_COMMENT') {
      throw new DomainError(
        ErrorCode.CommentWindowClosed,
        `comments are accepted only during CIVIL_SOCIETY_COMMENT; the plan is in ${status}`,
      );
    }
    this.window.assertAccepting(Date.now());
  }

  private async post(req: PostCommentRequest): Promise<PostedComment> {
    this.window.post(req.commentId);
    const postedAt = Date.now();
    const version = this.review.version();
    await this.projector.write({
      postComments: [
        {
          id: req.commentId,
          planId: this.projector.planId,
          author: req.actor.sub,
          org: req.actor.org ?? req.actor.sub,
          text: req.text,
          field: req.field,
          version,
          postedAt,
        },
      ],
      events: [
        this.projector.event('COMMENT_POSTED', req.actor.sub, version, {
          commentId: req.commentId,
          org: req.actor.org,
          field: req.field,
        }),
      ],
    });
    return { id: req.commentId, version, postedAt };
  }

  private async hide(req: HideCommentRequest): Promise<void> {
    this.window.hide(req.commentId);
    await this.projector.write({
      hideComments: [{ commentId: req.commentId, reason: req.reason, actor: req.actor, at: Date.now() }],
      events: [
        this.projector.event('COMMENT_HIDDEN', req.actor, this.review.version(), {
          commentId: req.commentId,
          reason: req.reason,
        }),
      ],
    });
  }
}
