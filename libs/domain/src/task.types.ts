import { Role } from './actor';
import { Stage, VersionRef } from './plan.types';

/** Tasks and their decisions (DOMAIN §4, §5). */
export const TASK_TYPES = ['consultation', 'disposition', 'secretariat_review', 'endorsement'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Who decides each type of task: the role its candidate names (DOMAIN §4), where the stages open them. */
export const CANDIDATE_ROLES = {
  consultation: 'consultee',
  disposition: 'submitter',
  secretariat_review: 'secretariat',
  endorsement: 'gof_member',
} as const satisfies Record<TaskType, Role>;

export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const DECISIONS = {
  consultation: ['support', 'support_with_comments', 'object'],
  disposition: ['dispose'],
  secretariat_review: ['approve', 'request_revision', 'reject'],
  endorsement: ['endorse', 'break_silence'],
} as const satisfies Record<TaskType, readonly string[]>;

export type Decision<T extends TaskType = TaskType> = (typeof DECISIONS)[T][number];
export const ALL_DECISIONS = [...new Set(Object.values(DECISIONS).flat())] as Decision[];

/** The decisions that must give a reason (an objection, a revision request, a rejection, a broken silence). */
export const DECISIONS_NEEDING_A_REASON: readonly string[] = ['object', 'request_revision', 'reject', 'break_silence'];
/** The decisions that must give a comment. */
export const DECISIONS_NEEDING_A_COMMENT: readonly string[] = ['support_with_comments'];

/**
 * The outcomes a deadline can give an open task, as its stage declares it (the workflow's
 * stages say which): a consultation body's silence is `no_response`, a Group of Friends
 * seat's silence is consent (`silent`). A task with neither is escalated instead.
 */
export type AtDeadline<T extends TaskType = TaskType> =
  'escalate' | (T extends 'consultation' ? 'no_response' : T extends 'endorsement' ? 'silent' : never);
export type AutomaticOutcome = Exclude<AtDeadline, 'escalate'>;

export const DISPOSITIONS = ['accepted', 'partially_accepted', 'not_accepted'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export interface CommentDisposition {
  commentId: string;
  disposition: Disposition;
  response: string;
}

/** Who may act on a task: one user, or a role within a scope. */
export interface TaskCandidate {
  role: Role;
  country?: string;
  body?: string;
  seat?: string;
}

export interface TaskSpec<T extends TaskType = TaskType> {
  id: string;
  type: T;
  stage: Stage;
  /** The owner of a personal task (the submitter's disposition task). */
  assignee?: string;
  candidate: TaskCandidate;
  dueAt: number;
  createdAt: number;
  version: VersionRef;
  workflowId: string;
}

export interface TaskDecisionInput {
  decision: string;
  comment?: string;
  reason?: string;
  dispositions?: CommentDisposition[];
  /** A disposition may come with a revised version of the plan (DOMAIN §4.2). */
  revisedVersion?: VersionRef;
}

interface OutcomeOfTask<T extends TaskType, D extends string> {
  type: T;
  taskId: string;
  decision: D;
  /** Who decided: a user, or `system` for an outcome the deadline gave. */
  actor: string;
  completedAt: number;
  /** The version the task was given on. */
  version: VersionRef;
}

export interface ConsultationOutcome extends OutcomeOfTask<'consultation', Decision<'consultation'> | 'no_response'> {
  comment?: string;
  reason?: string;
}

export interface DispositionOutcome extends OutcomeOfTask<'disposition', Decision<'disposition'>> {
  dispositions: CommentDisposition[];
  revisedVersion?: VersionRef;
}

export interface SecretariatOutcome extends OutcomeOfTask<'secretariat_review', Decision<'secretariat_review'>> {
  reason?: string;
}

export interface EndorsementOutcome extends OutcomeOfTask<'endorsement', Decision<'endorsement'> | 'silent'> {
  reason?: string;
}

/** How a task ended; each task type has its own decisions and fields. */
export type TaskOutcome = ConsultationOutcome | DispositionOutcome | SecretariatOutcome | EndorsementOutcome;
export type OutcomeOf<T extends TaskType> = Extract<TaskOutcome, { type: T }>;

/** The fields of an outcome that a record of it keeps, whatever the task type. */
export function outcomeRecord(outcome: TaskOutcome): {
  comment?: string;
  reason?: string;
  dispositions?: CommentDisposition[];
  revisedVersion?: VersionRef;
} {
  switch (outcome.type) {
    case 'consultation':
      return { comment: outcome.comment, reason: outcome.reason };
    case 'disposition':
      return { dispositions: outcome.dispositions, revisedVersion: outcome.revisedVersion };
    case 'secretariat_review':
    case 'endorsement':
      return { reason: outcome.reason };
  }
}

/** Is `decision` one a person may give on a task of this type? */
export function isDecisionFor<T extends TaskType>(type: T, decision: string): decision is Decision<T> {
  return (DECISIONS[type] as readonly string[]).includes(decision);
}
