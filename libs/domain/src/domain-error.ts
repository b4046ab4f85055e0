/** Every refusal the domain can give; mapped to HTTP statuses once, at the API's edge. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  InvalidState = 'INVALID_STATE',
  CommentWindowClosed = 'COMMENT_WINDOW_CLOSED',
  /** The task is completed or cancelled. */
  TaskClosed = 'TASK_CLOSED',
  /** Another user holds the task. */
  TaskClaimed = 'TASK_CLAIMED',
  /** A release of a task nobody holds. */
  TaskNotClaimed = 'TASK_NOT_CLAIMED',
  /** The comment is hidden already. */
  CommentAlreadyHidden = 'COMMENT_ALREADY_HIDDEN',
  /** The review has ended, or is ending: it takes nothing more. */
  ReviewEnded = 'REVIEW_ENDED',
  Unavailable = 'UNAVAILABLE',
  /** An Idempotency-Key already used with a different request. */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
}

export const ERROR_CODES = Object.values(ErrorCode) as string[];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, details?: unknown) =>
  new DomainError(ErrorCode.ValidationFailed, message, details);
export const conflict = (message: string) => new DomainError(ErrorCode.Conflict, message);
export const forbidden = (message: string) => new DomainError(ErrorCode.Forbidden, message);
export const notFound = (message: string) => new DomainError(ErrorCode.NotFound, message);
