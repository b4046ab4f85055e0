import type { DomainEvent } from '@aoc/domain/event.types';
import type { PlanContent, PlanStatus, Stage, VersionRef } from '@aoc/domain/plan.types';
import type { CommentDisposition, TaskOutcome, TaskSpec } from '@aoc/domain/task.types';

/**
 * One transactional batch of idempotent writes that project the workflow's state into
 * PostgreSQL. Every part is keyed so that an activity retry writes nothing twice.
 */
export interface ProjectionBatch {
  planId: string;
  status?: { status: PlanStatus; version: VersionRef; returnTo?: Stage | null };
  events?: DomainEvent[];
  createTasks?: TaskSpec[];
  completeTasks?: { outcome: TaskOutcome; idempotencyKey?: string }[];
  /** Cancels these open tasks; `'all-open'` cancels every open task of the plan. */
  cancelTasks?: string[] | 'all-open';
  reassignTasks?: { taskId: string; assignee: string }[];
  moveDeadlines?: { taskId: string; dueAt: number }[];
  postComments?: CommentRecord[];
  hideComments?: { commentId: string; reason: string; actor: string; at: number }[];
  disposeComments?: { dispositions: CommentDisposition[]; actor: string; at: number }[];
}

export interface CommentRecord {
  id: string;
  planId: string;
  author: string;
  org: string;
  text: string;
  field?: string;
  version: VersionRef;
  postedAt: number;
}

export interface VersionSnapshot {
  version: VersionRef;
  content: PlanContent;
}

/**
 * The failure type of a projection that PostgreSQL refuses for its data (SQLSTATE class 22,
 * e.g. a NUL byte in a text): retrying cannot help, so the activity fails at once.
 */
export const PROJECTION_REFUSED = 'ProjectionRefused';

/** The activities the workflows call; implemented by the worker. */
export interface PlanActivities {
  project(batch: ProjectionBatch): Promise<void>;
  loadVersion(planId: string, number: number): Promise<VersionSnapshot>;
  listGofSeats(): Promise<string[]>;
}
