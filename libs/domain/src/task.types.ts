import { Role } from './actor';
import { Stage, VersionRef } from './plan.types';

/** Tasks and their decisions (DOMAIN §4, §5). */
export const TASK_TYPES = ['consultation', 'disposition', 'secretariat_review', 'endorsement'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

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

/** Outcomes the workflow records when a deadline passes without a human decision. */
export type AutomaticOutcome = 'no_response' | 'silent';

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

export interface TaskSpec {
  id: string;
  type: TaskType;
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

export interface TaskOutcome {
  taskId: string;
  decision: Decision | AutomaticOutcome;
  comment?: string;
  reason?: string;
  dispositions?: CommentDisposition[];
  revisedVersion?: VersionRef;
  actor: string;
  completedAt: number;
  version: VersionRef;
}

/**
 * What a deadline means for an open task: consultation silence is `no_response` and
 * Group of Friends silence is consent. Any other task stays open and is escalated.
 */
export const AUTOMATIC_OUTCOMES: Partial<Record<TaskType, AutomaticOutcome>> = {
  consultation: 'no_response',
  endorsement: 'silent',
};
