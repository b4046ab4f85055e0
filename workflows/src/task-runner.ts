import { ApplicationFailure, condition, setHandler, uuid4 } from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '@aoc/domain/actor';
import { DomainError, conflict, invalid, notFound } from '@aoc/domain/domain-error';
import type { DomainEvent } from '@aoc/domain/event.types';
import { assertStorableText } from '@aoc/domain/text.rules';
import type { VersionRef } from '@aoc/domain/plan.types';
import { assertAssignable, assertMayDecide, assertValidDecision } from '@aoc/domain/review/decision.rules';
import { TaskBook, TrackedTask, assertLaterDeadline } from '@aoc/domain/review/task-book';
import { AUTOMATIC_OUTCOMES, Decision, TaskOutcome, TaskSpec } from '@aoc/domain/task.types';
import type { ProjectionBatch } from './activities.contract';
import {
  CompleteTaskRequest,
  ReassignTaskRequest,
  completeTaskUpdate,
  extendDeadlineUpdate,
  reassignTaskUpdate,
} from './contracts';
import type { Projector } from './projector';

export type NewTask = Omit<TaskSpec, 'id' | 'createdAt' | 'workflowId' | 'version'>;

/** Extra behaviour of a workflow's tasks. */
export interface TaskHooks {
  /** The comment ids a disposition must cover. */
  visibleCommentIds?: () => string[];
  /** Rules of the workflow's own state that a decision must also satisfy. */
  validateDecision?: (task: TrackedTask, input: CompleteTaskRequest['input']) => void;
  /** Further writes that go with a completion, in the same batch. */
  onCompleted?: (task: TrackedTask, outcome: TaskOutcome) => Omit<ProjectionBatch, 'planId'>;
}

/**
 * An Update validator: refuses a request with a text PostgreSQL could not store, then runs the
 * domain `check`; a refusal keeps its error code. Every Update handler's validator is one.
 */
export function refuseUnless(request: unknown, check: () => void): void {
  try {
    assertStorableText(request);
    check();
  } catch (error) {
    if (error instanceof DomainError) {
      throw ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true });
    }
    throw error;
  }
}

/**
 * The human tasks of one workflow: creation, decisions arriving as Updates, deadlines that
 * admins can move, reminders at 75% and overdue notices at the due date.
 */
export class TaskRunner {
  readonly book = new TaskBook();
  /** Set when the review is ending: no decision or deadline change is taken any more. */
  private closedBecause?: string;
  /** Handler writes still in flight; a stage moves on only when its decisions are written. */
  private writing = 0;

  constructor(
    private readonly projector: Projector,
    private readonly submittedBy: string,
    private readonly version: () => VersionRef,
    private readonly hooks: TaskHooks = {},
  ) {
    setHandler(completeTaskUpdate, (req) => this.whileWriting(() => this.complete(req)), {
      validator: (req) => refuseUnless(req, () => this.validateCompletion(req)),
    });
    setHandler(
      extendDeadlineUpdate,
      (req) => this.whileWriting(() => this.extend([req.taskId], req.dueAt, req.actor)),
      {
        validator: (req) => refuseUnless(req, () => this.validateExtension([req.taskId], req.dueAt)),
      },
    );
    setHandler(reassignTaskUpdate, (req) => this.whileWriting(() => this.reassign(req)), {
      validator: (req) =>
        refuseUnless(req, () => assertAssignable(this.requireOpen(req.taskId), req.assignee, this.submittedBy)),
    });
  }

  /** Refuses every further decision, deadline change and reassignment, saying why. */
  close(reason: string): void {
    this.closedBecause ??= reason;
  }

  async open(tasks: NewTask[]): Promise<TrackedTask[]> {
    const now = Date.now();
    const created = tasks.map((t) =>
      this.book.add({
        ...t,
        id: uuid4(),
        createdAt: now,
        version: this.version(),
        workflowId: this.projector.workflowId,
      }),
    );
    if (created.length === 0) return created;
    await this.projector.write({
      createTasks: created.map(({ status: _s, reminded: _r, overdue: _o, outcome: _out, ...spec }) => spec),
      events: created.map((t) =>
        this.projector.event('TASK_CREATED', SYSTEM_ACTOR, t.version, {
          taskId: t.id,
          taskType: t.type,
          stage: t.stage,
          candidate: t.candidate,
          assignee: t.assignee,
          dueAt: new Date(t.dueAt).toISOString(),
        }),
      ),
    });
    return created;
  }

  /**
   * Waits until `done()` holds or the time `until()` (a stage deadline: the comment window's
   * close, which an admin may move) has come, firing reminder and overdue timers on the way.
   *
   * `done` must read workflow state only, never the clock: a condition's predicate is also
   * evaluated in workflow tasks that leave no event in the history (a refused Update), so a
   * clock in it decides things that replay cannot reproduce (TMPRL1100). Time is read here, in
   * the loop, after the timer that wakes it has fired.
   */
  async runUntil(done: () => boolean, until: () => number | undefined = () => undefined): Promise<void> {
    const finished = () => done() || Date.now() >= (until() ?? Infinity);
    while (!finished()) {
      const revision = this.book.revision;
      const deadline = until();
      const wake = [this.book.nextWakeup(), deadline].filter((t): t is number => t !== undefined);
      const changed = () => done() || this.book.revision !== revision || until() !== deadline;
      if (wake.length === 0) {
        await condition(changed);
      } else {
        const timeoutMs = Math.max(1, Math.min(...wake) - Date.now());
        await condition(changed, timeoutMs);
      }
      await this.fireDueTimers();
    }
    await condition(() => this.writing === 0);
  }

  async cancelOpen(): Promise<void> {
    const cancelled = this.book.cancelOpen();
    if (cancelled.length === 0) return;
    await this.projector.write({
      cancelTasks: cancelled.map((t) => t.id),
      events: cancelled.map((t) => this.projector.event('TASK_CANCELLED', SYSTEM_ACTOR, t.version, { taskId: t.id })),
    });
  }

  private async fireDueTimers(): Promise<void> {
    const now = Date.now();
    const due = this.book.takeDue(now);
    const events: DomainEvent[] = [];
    const completions: TaskOutcome[] = [];
    for (const task of due.reminders) {
      events.push(this.timerEvent('TASK_REMINDER', task));
    }
    for (const task of due.overdue) {
      events.push(this.timerEvent('TASK_OVERDUE', task));
      const automatic = AUTOMATIC_OUTCOMES[task.type];
      if (automatic) {
        const outcome: TaskOutcome = {
          taskId: task.id,
          decision: automatic,
          actor: SYSTEM_ACTOR,
          completedAt: now,
          version: task.version,
        };
        this.book.complete(task.id, outcome);
        completions.push(outcome);
        events.push(
          this.projector.event('TASK_COMPLETED', SYSTEM_ACTOR, task.version, { taskId: task.id, decision: automatic }),
        );
      } else {
        events.push(
          this.projector.event('ESCALATED', SYSTEM_ACTOR, task.version, {
            reason: 'task overdue',
            taskId: task.id,
            taskType: task.type,
          }),
        );
      }
    }
    if (events.length === 0) return;
    await this.projector.write({ events, completeTasks: completions.map((outcome) => ({ outcome })) });
  }

  private timerEvent(type: 'TASK_REMINDER' | 'TASK_OVERDUE', task: TrackedTask): DomainEvent {
    return this.projector.event(type, SYSTEM_ACTOR, task.version, {
      taskId: task.id,
      taskType: task.type,
      candidate: task.candidate,
      assignee: task.assignee,
      dueAt: new Date(task.dueAt).toISOString(),
    });
  }

  private async whileWriting<T>(handler: () => Promise<T>): Promise<T> {
    this.writing++;
    try {
      return await handler();
    } finally {
      this.writing--;
    }
  }

  private requireOpen(taskId: string): TrackedTask {
    if (this.closedBecause) throw conflict(this.closedBecause);
    const task = this.book.get(taskId);
    if (!task) throw notFound(`task ${taskId} does not belong to this workflow`);
    if (task.status !== 'open') throw conflict(`task ${taskId} is already ${task.status}`);
    return task;
  }

  private validateCompletion(req: CompleteTaskRequest): void {
    const task = this.requireOpen(req.taskId);
    assertMayDecide(req.actor, task, this.submittedBy);
    assertValidDecision(task.type, req.input, this.hooks.visibleCommentIds?.());
    this.hooks.validateDecision?.(task, req.input);
    const revised = req.input.revisedVersion;
    if (revised && revised.number <= task.version.number) {
      throw invalid(`the attached version ${revised.number} is not newer than version ${task.version.number}`);
    }
  }

  private async complete(req: CompleteTaskRequest): Promise<TaskOutcome> {
    const task = this.requireOpen(req.taskId);
    const outcome: TaskOutcome = {
      taskId: task.id,
      decision: req.input.decision as Decision,
      comment: req.input.comment,
      reason: req.input.reason,
      dispositions: req.input.dispositions,
      revisedVersion: req.input.revisedVersion,
      actor: req.actor.sub,
      completedAt: Date.now(),
      version: task.version,
    };
    this.book.complete(task.id, outcome);
    const extra = this.hooks.onCompleted?.(task, outcome) ?? {};
    await this.projector.write({
      ...extra,
      completeTasks: [{ outcome, idempotencyKey: req.idempotencyKey }],
      events: [
        this.projector.event('TASK_COMPLETED', req.actor.sub, task.version, {
          taskId: task.id,
          taskType: task.type,
          decision: outcome.decision,
          comment: outcome.comment,
          reason: outcome.reason,
        }),
        ...(extra.events ?? []),
      ],
    });
    return outcome;
  }

  /** Refuses to move these open tasks' deadline unless it is later for each of them. */
  validateExtension(taskIds: string[], dueAt: number): void {
    for (const id of taskIds) assertLaterDeadline(this.requireOpen(id).dueAt, dueAt, Date.now());
  }

  /** Moves the open tasks' deadline (later): their running timers move with it, and each move is recorded. */
  async extend(taskIds: string[], dueAt: number, actor: string): Promise<{ taskId: string; dueAt: number }> {
    const tasks = taskIds.map((id) => this.book.extend(id, dueAt, Date.now()));
    await this.projector.write({
      moveDeadlines: tasks.map((t) => ({ taskId: t.id, dueAt: t.dueAt })),
      events: tasks.map((t) =>
        this.projector.event('DEADLINE_EXTENDED', actor, t.version, {
          taskId: t.id,
          dueAt: new Date(t.dueAt).toISOString(),
        }),
      ),
    });
    return { taskId: tasks[0].id, dueAt };
  }

  private async reassign(req: ReassignTaskRequest): Promise<{ taskId: string; assignee: string }> {
    const previous = this.book.get(req.taskId)?.assignee;
    const task = this.book.reassign(req.taskId, req.assignee);
    await this.projector.write({
      reassignTasks: [{ taskId: task.id, assignee: req.assignee }],
      events: [
        this.projector.event('TASK_REASSIGNED', req.actor, task.version, {
          taskId: task.id,
          from: previous ?? null,
          to: req.assignee,
        }),
      ],
    });
    return { taskId: task.id, assignee: req.assignee };
  }
}
