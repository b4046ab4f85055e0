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
  /** The plan is not a DRAFT nor in REVISION: there is nothing to submit. */
  PlanNotSubmittable = 'PLAN_NOT_SUBMITTABLE',
  /** The plan is under review: its draft cannot change now. */
  PlanNotEditable = 'PLAN_NOT_EDITABLE',
  /** A revised version was attached, but no comments await their disposition. */
  NoDispositionPending = 'NO_DISPOSITION_PENDING',
  /** No deadline of the kind asked for is running (no comment window, no silence procedure). */
  NoDeadlineRunning = 'NO_DEADLINE_RUNNING',
  /** A new version arrived while the plan is not in REVISION. */
  RevisionNotExpected = 'REVISION_NOT_EXPECTED',
  /** A version older than the one under review. */
  VersionOutdated = 'VERSION_OUTDATED',
  /** The Group of Friends seat exists already. */
  SeatExists = 'SEAT_EXISTS',
  /** A registry entry with this key exists already (retired or not). */
  RegistryEntryExists = 'REGISTRY_ENTRY_EXISTS',
  /** The review has ended, or is ending: it takes nothing more. */
  ReviewEnded = 'REVIEW_ENDED',
  Unavailable = 'UNAVAILABLE',
  /** An Idempotency-Key already used with a different request. */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  /** A task cannot be given to this user: unknown to the directory, without its role or scope, or the plan's submitter. */
  AssigneeNotEligible = 'ASSIGNEE_NOT_ELIGIBLE',
  /** A state-changing request authenticated by the session cookie, from an origin that is not the API's own or allowed. */
  CsrfRejected = 'CSRF_REJECTED',
  /** The browser sign-in could not be completed (refused at the provider, altered or expired state, a bad code). */
  SignInFailed = 'SIGN_IN_FAILED',
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
/** A refusal because of the state things are in (409); `code` says which state. */
export const conflict = (code: ErrorCode, message: string) => new DomainError(code, message);
export const forbidden = (message: string) => new DomainError(ErrorCode.Forbidden, message);
export const notFound = (message: string) => new DomainError(ErrorCode.NotFound, message);
