import type { EventType } from '@aoc/domain/event.types';
import type { PlanActivities, ReviewRecords } from './activities.contract';

/** The steps, in the order a write that holds several is named by (the first found names it). */
export const RECORD_STEPS = [
  'recordEnd',
  'enterStage',
  'requestRevision',
  'completeStage',
  'recordVersion',
  'recordDecision',
  'recordDisposition',
  'recordComment',
  'moderateComment',
  'openTasks',
  'recordSubmission',
  'recordTaskChange',
  'recordEscalation',
  'recordEvents',
] as const;
export type RecordStep = (typeof RECORD_STEPS)[number];

/** Which step each event records. */
const STEP_OF_EVENT: Record<EventType, RecordStep> = {
  PLAN_CREATED: 'recordSubmission',
  PLAN_SUBMITTED: 'recordSubmission',
  STAGE_ENTERED: 'enterStage',
  STAGE_COMPLETED: 'completeStage',
  TASK_CREATED: 'openTasks',
  TASK_CLAIMED: 'recordTaskChange',
  TASK_UNCLAIMED: 'recordTaskChange',
  TASK_COMPLETED: 'recordDecision',
  TASK_CANCELLED: 'recordTaskChange',
  TASK_REMINDER: 'recordTaskChange',
  TASK_OVERDUE: 'recordTaskChange',
  TASK_REASSIGNED: 'recordTaskChange',
  DEADLINE_EXTENDED: 'recordTaskChange',
  COMMENT_POSTED: 'recordComment',
  COMMENT_HIDDEN: 'moderateComment',
  COMMENT_DISPOSED: 'recordDisposition',
  REVISION_REQUESTED: 'requestRevision',
  VERSION_CREATED: 'recordVersion',
  SILENCE_BROKEN: 'recordDecision',
  PLAN_ENDORSED: 'recordEnd',
  PLAN_REJECTED: 'recordEnd',
  PLAN_WITHDRAWN: 'recordEnd',
  PLAN_CANCELLED: 'recordEnd',
  RECORD_ISSUED: 'recordEnd',
  ESCALATED: 'recordEscalation',
};

/** The step a write records: named by its most telling event (RECORD_STEPS' order). */
export function stepOf(records: Omit<ReviewRecords, 'planId'>): RecordStep {
  const steps = new Set<RecordStep>((records.events ?? []).map((e) => STEP_OF_EVENT[e.type]));
  if (records.completeTasks?.length) steps.add('recordDecision');
  if (records.postComments?.length) steps.add('recordComment');
  if (records.hideComments?.length) steps.add('moderateComment');
  if (records.createTasks?.length) steps.add('openTasks');
  if (records.reassignTasks?.length || records.claimTasks?.length || records.moveDeadlines?.length) {
    steps.add('recordTaskChange');
  }
  return RECORD_STEPS.find((step) => steps.has(step)) ?? 'recordEvents';
}

/** The activities a review calls from NAMED_STEPS on: one per step, each the same write. */
export type RecordStepActivities = Record<RecordStep, PlanActivities['writeReviewRecords']>;

/** Everything a review's workflows may call. */
export type ReviewActivities = PlanActivities & RecordStepActivities;

/**
 * The worker's activities with every step registered as the write (after any test wrapper, so
 * that a wrapped `writeReviewRecords` is what each step runs).
 */
export function withRecordSteps(activities: PlanActivities): ReviewActivities {
  const steps = Object.fromEntries(
    RECORD_STEPS.map((step) => [step, (records: ReviewRecords) => activities.writeReviewRecords(records)]),
  ) as RecordStepActivities;
  return { ...activities, ...steps };
}
