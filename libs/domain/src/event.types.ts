import { VersionRef } from './plan.types';

/** The append-only domain event log (DOMAIN §6). */
export const EVENT_TYPES = [
  'PLAN_CREATED',
  'PLAN_SUBMITTED',
  'STAGE_ENTERED',
  'STAGE_COMPLETED',
  'TASK_CREATED',
  'TASK_CLAIMED',
  'TASK_UNCLAIMED',
  'TASK_COMPLETED',
  'TASK_CANCELLED',
  'TASK_REMINDER',
  'TASK_OVERDUE',
  'TASK_REASSIGNED',
  'DEADLINE_EXTENDED',
  'COMMENT_POSTED',
  'COMMENT_HIDDEN',
  'COMMENT_DISPOSED',
  'REVISION_REQUESTED',
  'VERSION_CREATED',
  'SILENCE_BROKEN',
  'PLAN_ENDORSED',
  'PLAN_REJECTED',
  'PLAN_WITHDRAWN',
  'PLAN_CANCELLED',
  'RECORD_ISSUED',
  'ESCALATED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface DomainEvent {
  /** Unique and deterministic: writing the same event twice is a no-op. */
  key: string;
  planId: string;
  type: EventType;
  actor: string;
  version?: VersionRef;
  at: number;
  payload: Record<string, unknown>;
}
