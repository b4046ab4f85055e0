import { Actor, hasRole } from '../actor';
import { DomainError, ErrorCode, conflict, forbidden, invalid, notFound } from '../domain-error';
import { assertLaterDeadline } from './task-book';

export const COMMENT_MAX_LENGTH = 5000;

interface TrackedComment {
  id: string;
  hidden: boolean;
}

/** May this actor comment (DOMAIN §2, §4.2)? Civil society organizations comment, while a window is open. */
export function assertMayComment(actor: Actor): void {
  if (!hasRole(actor, 'cso')) throw forbidden('only a civil society organization (cso) may comment');
}

/**
 * May this actor hide comments on this plan? The secretariat moderates (DOMAIN §4.2), and
 * segregation of duties (DOMAIN §2) covers moderation too: never on a plan one submitted.
 */
export function assertMayModerate(actor: Actor, planSubmitter: string): void {
  if (!hasRole(actor, 'secretariat')) throw forbidden('only the secretariat moderates comments');
  if (actor.sub === planSubmitter) {
    throw forbidden('segregation of duties: nobody moderates comments on a plan they submitted');
  }
}

/** A comment is hidden for a reason that says something (DOMAIN §4.2): a blank one is refused (400). */
export function assertHideReason(reason: string): void {
  if (typeof reason !== 'string' || reason.trim().length === 0) {
    throw invalid('a reason is required to hide a comment, and it must not be blank', [
      { field: 'reason', message: 'must not be blank' },
    ]);
  }
}

/** The public comment window of the civil society stage (DOMAIN §4.2). */
export class CommentWindow {
  private readonly comments = new Map<string, TrackedComment>();
  private closesAt?: number;

  open(now: number, durationMs: number): void {
    this.closesAt = now + durationMs;
  }

  get closingTime(): number | undefined {
    return this.closesAt;
  }

  /** Refuses to move the close unless the window is open and the new close is later. */
  assertExtendable(closesAt: number, now: number): void {
    if (this.closesAt === undefined || now >= this.closesAt) {
      throw conflict(
        ErrorCode.NoDeadlineRunning,
        'the comment window is not open, so its close cannot move; a task of the stage (the disposition) has its own deadline: POST /tasks/:id/deadline',
      );
    }
    assertLaterDeadline(this.closesAt, closesAt, now);
  }

  /** Moves the close of an open window later (DOMAIN §5: admins move any running deadline). */
  extend(closesAt: number, now: number): void {
    this.assertExtendable(closesAt, now);
    this.closesAt = closesAt;
  }

  assertAccepting(now: number): void {
    if (this.closesAt === undefined) {
      throw new DomainError(
        ErrorCode.CommentWindowClosed,
        'comments are accepted only while the civil society comment window is open',
      );
    }
    if (now >= this.closesAt) {
      throw new DomainError(
        ErrorCode.CommentWindowClosed,
        `the comment window closed at ${new Date(this.closesAt).toISOString()}; late comments are refused`,
      );
    }
  }

  /** Records a comment; posting the same id again (a retry) changes nothing, even if it was hidden. */
  post(id: string): void {
    if (!this.comments.has(id)) this.comments.set(id, { id, hidden: false });
  }

  assertHideable(id: string): void {
    const comment = this.comments.get(id);
    if (!comment) throw notFound(`comment ${id} was not posted on this plan`);
    if (comment.hidden) throw commentAlreadyHidden(id);
  }

  hide(id: string): void {
    this.assertHideable(id);
    this.comments.get(id)!.hidden = true;
  }

  visibleIds(): string[] {
    return [...this.comments.values()].filter((c) => !c.hidden).map((c) => c.id);
  }
}

export const commentAlreadyHidden = (id: string) =>
  new DomainError(ErrorCode.CommentAlreadyHidden, `comment ${id} is already hidden`);
