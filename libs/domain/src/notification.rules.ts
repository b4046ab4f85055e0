import type { EventType } from './event.types';

/**
 * Who hears about what (DOMAIN §8): the kinds of notification, the events behind each, and
 * which kinds a user may turn off. Pure data: the worker's notification activities and the
 * API's preferences both read it from here.
 */
export const NOTIFICATION_KINDS = [
  'task_created',
  'task_reminder',
  'task_overdue',
  'escalation',
  'task_reassigned',
  'deadline_moved',
  'plan_status',
  'comment_disposed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The kinds nobody may turn off: work that is theirs now (a new or reassigned task), work that
 * is late, and escalations to the admins. The others are optional.
 */
export const REQUIRED_KINDS: readonly NotificationKind[] = [
  'task_created',
  'task_overdue',
  'escalation',
  'task_reassigned',
];
export const OPTIONAL_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter(
  (k) => !REQUIRED_KINDS.includes(k),
);

/** The events that notify someone, and the kind each is. */
export const KIND_OF_EVENT: Partial<Record<EventType, NotificationKind>> = {
  TASK_CREATED: 'task_created',
  TASK_REMINDER: 'task_reminder',
  TASK_OVERDUE: 'task_overdue',
  ESCALATED: 'escalation',
  TASK_REASSIGNED: 'task_reassigned',
  DEADLINE_EXTENDED: 'deadline_moved',
  STAGE_ENTERED: 'plan_status',
  REVISION_REQUESTED: 'plan_status',
  PLAN_ENDORSED: 'plan_status',
  PLAN_REJECTED: 'plan_status',
  PLAN_WITHDRAWN: 'plan_status',
  PLAN_CANCELLED: 'plan_status',
  COMMENT_DISPOSED: 'comment_disposed',
};

/** The event types that notify: the only ones a notification workflow is started for, and webhooks may subscribe to. */
export const NOTIFYING_EVENT_TYPES = Object.keys(KIND_OF_EVENT) as EventType[];

export function notificationKindOf(type: EventType): NotificationKind | undefined {
  return KIND_OF_EVENT[type];
}

/** Whether an event notifies anyone (a user or a webhook): the others start no notification. */
export function notifies(type: EventType): boolean {
  return KIND_OF_EVENT[type] !== undefined;
}

/** Whether a user who turned `disabled` off still gets a notification of this kind. */
export function wantsNotification(kind: NotificationKind, disabled: readonly string[]): boolean {
  return REQUIRED_KINDS.includes(kind) || !disabled.includes(kind);
}

/** The workflow id of an event's notifications: one per event key, so a second start is a no-op. */
export const notifyWorkflowId = (eventKey: string) => `notify/${eventKey}`;
