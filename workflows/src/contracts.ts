import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '@aoc/domain/actor';
import type { ConsultationAnswer, ReviewSettings } from '@aoc/domain/review/plan-review.state';
import type { PlanStatus, Stage, VersionRef } from '@aoc/domain/plan.types';
import type { TaskDecisionInput, TaskOutcome } from '@aoc/domain/task.types';

/** The contract between the API and the workflows: inputs, updates and queries. */

export const planWorkflowId = (planId: string) => `plan-${planId}`;

export interface PlanReviewInput {
  planId: string;
  submittedBy: string;
  version: VersionRef;
  settings: ReviewSettings;
}

export interface PlanReviewResult {
  status: PlanStatus;
  version: VersionRef;
}

export interface NationalConsultationInput {
  planId: string;
  submittedBy: string;
  country: string;
  bodies: string[];
  version: VersionRef;
  durationMs: number;
}

export type NationalConsultationResult = ConsultationAnswer[];

export interface CompleteTaskRequest {
  taskId: string;
  idempotencyKey: string;
  actor: Actor;
  input: TaskDecisionInput;
}

/** A claim, or its release: the actor's token claims decide whether they may. */
export interface ClaimTaskRequest {
  taskId: string;
  actor: Actor;
}

export interface ExtendDeadlineRequest {
  taskId: string;
  dueAt: number;
  actor: string;
}

export interface PostCommentRequest {
  commentId: string;
  actor: Actor;
  text: string;
  field?: string;
}

export interface PostedComment {
  id: string;
  version: VersionRef;
  postedAt: number;
}

export interface HideCommentRequest {
  commentId: string;
  reason: string;
  actor: string;
}

export interface SubmitRevisionRequest {
  version: VersionRef;
  actor: string;
}

export interface EndReviewRequest {
  actor: string;
  reason?: string;
}

export interface ReviewSnapshot {
  status: PlanStatus;
  stage?: Stage;
  version: VersionRef;
  returnTo?: Stage;
  secretariatRevisionRounds: number;
  commentWindowClosesAt?: number;
  openTaskIds: string[];
}

export const completeTaskUpdate = defineUpdate<TaskOutcome, [CompleteTaskRequest]>('completeTask');
export const claimTaskUpdate = defineUpdate<{ taskId: string; claimedBy: string }, [ClaimTaskRequest]>('claimTask');
export const releaseTaskUpdate = defineUpdate<{ taskId: string }, [ClaimTaskRequest]>('releaseTask');
export const extendDeadlineUpdate = defineUpdate<{ taskId: string; dueAt: number }, [ExtendDeadlineRequest]>(
  'extendDeadline',
);
export const postCommentUpdate = defineUpdate<PostedComment, [PostCommentRequest]>('postComment');
export const hideCommentUpdate = defineUpdate<void, [HideCommentRequest]>('hideComment');
export const submitRevisionUpdate = defineUpdate<ReviewSnapshot, [SubmitRevisionRequest]>('submitRevision');
export const withdrawUpdate = defineUpdate<PlanReviewResult, [EndReviewRequest]>('withdraw');
export const cancelUpdate = defineUpdate<PlanReviewResult, [EndReviewRequest]>('cancel');
export const snapshotQuery = defineQuery<ReviewSnapshot>('snapshot');
/** Moves the running stage's deadline later: the comment window's close, or the silence procedure's end. */
export const moveStageDeadlineUpdate = defineUpdate<{ stage: Stage; dueAt: number }, [MoveStageDeadlineRequest]>(
  'moveStageDeadline',
);

export interface MoveStageDeadlineRequest {
  dueAt: number;
  actor: string;
}
/** A Group of Friends seat was added: an endorsement waiting for seats lists them again. */
export const seatsChangedSignal = defineSignal('seatsChanged');

export interface ReassignTaskRequest {
  taskId: string;
  assignee: string;
  actor: string;
  /**
   * The assignee's roles and scope as the users directory knows them (the API reads it there): the
   * validator checks them against the task (assertAssignable). Absent from requests sent before it
   * existed; the validator refuses a new request without it (validators do not run on replay).
   */
  assigneeProfile?: Actor;
}
export const reassignTaskUpdate = defineUpdate<{ taskId: string; assignee: string }, [ReassignTaskRequest]>(
  'reassignTask',
);
