import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  isCancellation,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '@aoc/domain/actor';
import { DomainError, ErrorCode, forbidden, invalid, notFound } from '@aoc/domain/domain-error';
import { assertStorableText } from '@aoc/domain/text.rules';
import type { VersionRef } from '@aoc/domain/plan.types';
import { assertAssignable, assertMayDecide, assertValidDecision } from '@aoc/domain/review/decision.rules';
import {
  TaskBook,
  TrackedTask,
  assertLaterDeadline,
  assertMayRelease,
  assertNotClaimedByAnother,
  taskClosed,
} from '@aoc/domain/review/task-book';
import {
  AtDeadline,
  AutomaticOutcome,
  TaskDecisionInput,
  TaskOutcome,
  TaskSpec,
  TaskType,
  isDecisionFor,
} from '@aoc/domain/task.types';
import type { ClaimTaskRequest, CompleteTaskRequest, ExtendDeadlineRequest, ReassignTaskRequest } from './contracts';
import type { Journal } from './journal';

export type NewTask<T extends TaskType = TaskType> = Omit<TaskSpec<T>, 'id' | 'createdAt' | 'workflowId' | 'version'>;

/** Rules of the workflow's own state that a decision must also satisfy. */
export interface DecisionRules {
  /** The comment ids a disposition must cover. */
  visibleCommentIds?: () => string[];
  /** A further check of the decision against the review's state. */
  validate?: (task: TrackedTask, input: TaskDecisionInput) => void;
  /** The plan's countries: the submitter's own task goes only to a submitter of one of them. */
  planCountries?: () => readonly string[];
}

/**
 * An Update validator: refuses a request with a text PostgreSQL could not store, then runs the
 * domain `check`; a refusal keeps its error code. Every Update handler's validator is one.
 */
export function guard<R>(check: (request: R) => void): (request: R) => void {
  return (request) => {
    try {
      assertStorableText(request);
      check(request);
    } catch (error) {
      if (error instanceof DomainError) {
        throw ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true });
      }
      throw error;
    }
  };
}

/**
 * The human tasks of one workflow: creation, claims and decisions arriving as Updates,
 * deadlines that admins can move, reminders at 75% and, at the due date, the outcome the
 * task's stage declared or an escalation. The workflow registers the handlers; the methods
 * here are their validators and bodies.
 */
export class TaskRunner {
  readonly book = new TaskBook();
  /** Set when the review is ending: no decision, claim or deadline change is taken any more. */
  private closedBecause?: string;

  constructor(
    private readonly journal: Journal,
    private readonly submittedBy: string,
    private readonly version: () => VersionRef,
    private readonly rules: DecisionRules = {},
  ) {}

  /** Refuses every further decision, claim, deadline change and reassignment, saying why. */
  close(reason: string): void {
    this.closedBecause ??= reason;
  }

  /** Opens tasks; `atDeadline` is what their stage says a deadline means for them. */
  async open<T extends TaskType>(tasks: NewTask<T>[], atDeadline: AtDeadline<T>): Promise<TrackedTask<T>[]> {
    const now = Date.now();
    const created = tasks.map((t) =>
      this.book.add<T>(
        { ...t, id: uuid4(), createdAt: now, version: this.version(), workflowId: this.journal.workflowId },
        atDeadline,
      ),
    );
    if (created.length > 0) await this.journal.tasksCreated(created);
    return created;
  }

  /**
   * Waits until `done()` holds or the time `until()` (a stage deadline: the comment window's
   * close, which an admin may move) has come, firing reminder and overdue timers on the way,
   * and then until every Update handler has finished writing.
   *
   * `done` must read workflow state only, never the clock: a condition's predicate is also
   * evaluated in workflow tasks that leave no event in the history (a refused Update), so a
   * clock in it decides things that replay cannot reproduce (TMPRL1100). Time is read here, in
   * the loop, after the timer that wakes it has fired.
   */
  async runUntil(done: () => boolean, until: () => number | undefined = () => undefined): Promise<void> {
    if (this.journal.oneStep) return this.runOnTimer(done, until);
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
    await condition(allHandlersFinished);
  }

  /**
   * runUntil under ONE_STEP_DECISIONS: the records the stage keeps for its next write are written
   * before it waits, and the timer for the next wakeup runs on while that time stays the same (a
   * decision that leaves the next reminder or deadline where it was costs no timer command); it is
   * cancelled and started anew only when the time moves.
   */
  private async runOnTimer(done: () => boolean, until: () => number | undefined): Promise<void> {
    if (this.journal.holding) await this.journal.flush();
    const finished = () => done() || Date.now() >= (until() ?? Infinity);
    let timer: ReturnType<typeof startTimer> | undefined;
    try {
      while (!finished()) {
        const revision = this.book.revision;
        const deadline = until();
        const wake = [this.book.nextWakeup(), deadline].filter((t): t is number => t !== undefined);
        const wakeAt = wake.length > 0 ? Math.min(...wake) : undefined;
        if (timer && timer.at !== wakeAt) {
          timer.cancel();
          timer = undefined;
        }
        if (!timer && wakeAt !== undefined) timer = startTimer(wakeAt);
        const changed = () => done() || this.book.revision !== revision || until() !== deadline;
        const fired = await Promise.race([condition(changed).then(() => false), ...(timer ? [timer.fired] : [])]);
        if (fired) timer = undefined;
        await this.fireDueTimers();
      }
    } finally {
      timer?.cancel();
    }
    await condition(allHandlersFinished);
  }

  async cancelOpen(): Promise<void> {
    await this.journal.tasksCancelled(this.book.cancelOpen());
  }

  private async fireDueTimers(): Promise<void> {
    const now = Date.now();
    const { reminders, overdue } = this.book.takeDue(now);
    const automatic: TaskOutcome[] = [];
    for (const task of overdue) {
      if (task.atDeadline === 'escalate') continue;
      const outcome = automaticOutcome(task, task.atDeadline, now);
      this.book.complete(task.id, outcome);
      automatic.push(outcome);
    }
    await this.journal.deadlinesReached({ reminders, overdue, automatic });
  }

  private requireOpen(taskId: string): TrackedTask {
    if (this.closedBecause) throw new DomainError(ErrorCode.ReviewEnded, this.closedBecause);
    const task = this.book.get(taskId);
    if (!task) throw notFound(`task ${taskId} does not belong to this workflow`);
    if (task.status !== 'open') throw taskClosed(task);
    return task;
  }

  // Decisions.

  readonly validateCompletion = (req: CompleteTaskRequest): void => {
    const task = this.requireOpen(req.taskId);
    assertMayDecide(req.actor, task, this.submittedBy);
    assertNotClaimedByAnother(task, req.actor);
    assertValidDecision(task.type, req.input, this.rules.visibleCommentIds?.());
    this.rules.validate?.(task, req.input);
    const revised = req.input.revisedVersion;
    if (revised && revised.number <= task.version.number) {
      throw invalid(`the attached version ${revised.number} is not newer than version ${task.version.number}`);
    }
  };

  readonly complete = async (req: CompleteTaskRequest): Promise<TaskOutcome> => {
    const task = this.requireOpen(req.taskId);
    const outcome = decidedOutcome(task, req.input, req.actor.sub, Date.now());
    this.book.complete(task.id, outcome);
    const written = this.journal.taskCompleted(task, outcome, req.idempotencyKey);
    // One task (ONE_TASK_DECISIONS): the outcome answers in the workflow task that accepts the
    // Update; the write, scheduled in that same task, lands after (the API waits for its row).
    if (this.journal.oneTask) this.journal.inBackground(written);
    else await written;
    return outcome;
  };

  // Claims: a claimed task is decided by its holder only (DOMAIN §5).

  readonly validateClaim = (req: ClaimTaskRequest): void => {
    const task = this.requireOpen(req.taskId);
    assertMayDecide(req.actor, task, this.submittedBy);
    assertNotClaimedByAnother(task, req.actor);
  };

  readonly claim = async (req: ClaimTaskRequest): Promise<{ taskId: string; claimedBy: string }> => {
    const task = this.requireOpen(req.taskId);
    if (task.claimedBy !== req.actor.sub) {
      this.book.claim(task.id, req.actor.sub);
      await this.journal.taskClaimed(task, req.actor.sub);
    }
    return { taskId: task.id, claimedBy: req.actor.sub };
  };

  readonly validateRelease = (req: ClaimTaskRequest): void => {
    const task = this.requireOpen(req.taskId);
    // Rights before state: somebody who could not decide the task hears 403, not who holds it.
    if (task.claimedBy !== req.actor.sub && !req.actor.roles.includes('admin')) {
      assertMayDecide(req.actor, task, this.submittedBy);
    }
    assertMayRelease(task, req.actor);
  };

  readonly release = async (req: ClaimTaskRequest): Promise<{ taskId: string }> => {
    const task = this.requireOpen(req.taskId);
    const holder = task.claimedBy;
    if (holder) {
      this.book.release(task.id);
      await this.journal.taskReleased(task, holder, req.actor.sub);
    }
    return { taskId: task.id };
  };

  // Deadlines and reassignment (admins).

  /** Refuses to move these open tasks' deadline unless it is later for each of them. */
  readonly validateExtension = (taskIds: string[], dueAt: number): void => {
    for (const id of taskIds) assertLaterDeadline(this.requireOpen(id).dueAt, dueAt, Date.now());
  };

  /** Moves the open tasks' deadline (later): their running timers move with it, and each move is recorded. */
  readonly extend = async (taskIds: string[], dueAt: number, actor: string): Promise<void> => {
    const tasks = taskIds.map((id) => this.book.extend(id, dueAt, Date.now()));
    await this.journal.deadlinesMoved(tasks, actor);
  };

  readonly validateTaskExtension = (req: ExtendDeadlineRequest): void =>
    this.validateExtension([req.taskId], req.dueAt);

  readonly extendTask = async (req: ExtendDeadlineRequest): Promise<{ taskId: string; dueAt: number }> => {
    await this.extend([req.taskId], req.dueAt, req.actor);
    return { taskId: req.taskId, dueAt: req.dueAt };
  };

  readonly validateReassignment = (req: ReassignTaskRequest): void => {
    assertAssignable(
      this.requireOpen(req.taskId),
      req.assignee,
      req.assigneeProfile,
      this.submittedBy,
      this.rules.planCountries?.(),
    );
  };

  readonly reassign = async (req: ReassignTaskRequest): Promise<{ taskId: string; assignee: string }> => {
    const previous = this.book.get(req.taskId)?.assignee;
    const task = this.book.reassign(req.taskId, req.assignee);
    await this.journal.taskReassigned(task, previous, req.actor);
    return { taskId: task.id, assignee: req.assignee };
  };
}

/**
 * A timer to `at`, in a scope of its own so that the loop can cancel it when the time moves: then
 * `fired` answers false. Cancelled from outside (the review is ending), `fired` rejects with the
 * cancellation, which ends the loop as a cancelled condition would.
 */
function startTimer(at: number): { at: number; fired: Promise<boolean>; cancel: () => void } {
  const scope = new CancellationScope();
  let cancelledHere = false;
  const fired = scope
    .run(() => sleep(Math.max(1, at - Date.now())))
    .then(
      () => true,
      (error: unknown) => {
        if (cancelledHere && isCancellation(error)) return false;
        throw error;
      },
    );
  const cancel = () => {
    cancelledHere = true;
    scope.cancel();
  };
  return { at, fired, cancel };
}

/** A person's decision as the outcome of its task's type; the validator has checked it. */
function decidedOutcome(task: TrackedTask, input: TaskDecisionInput, actor: string, now: number): TaskOutcome {
  const base = { taskId: task.id, actor, completedAt: now, version: task.version };
  const refused = () => forbidden(`decision "${input.decision}" is not one for a ${task.type} task`);
  switch (task.type) {
    case 'consultation':
      if (!isDecisionFor('consultation', input.decision)) throw refused();
      return { ...base, type: task.type, decision: input.decision, comment: input.comment, reason: input.reason };
    case 'disposition':
      if (!isDecisionFor('disposition', input.decision)) throw refused();
      return {
        ...base,
        type: task.type,
        decision: input.decision,
        dispositions: input.dispositions ?? [],
        revisedVersion: input.revisedVersion,
      };
    case 'secretariat_review':
      if (!isDecisionFor('secretariat_review', input.decision)) throw refused();
      return { ...base, type: task.type, decision: input.decision, reason: input.reason };
    case 'endorsement':
      if (!isDecisionFor('endorsement', input.decision)) throw refused();
      return { ...base, type: task.type, decision: input.decision, reason: input.reason };
  }
}

/** The outcome a deadline gives, recorded as `system`'s. */
function automaticOutcome(task: TrackedTask, outcome: AutomaticOutcome, now: number): TaskOutcome {
  const base = { taskId: task.id, actor: SYSTEM_ACTOR, completedAt: now, version: task.version };
  if (task.type === 'consultation' && outcome === 'no_response') return { ...base, type: task.type, decision: outcome };
  if (task.type === 'endorsement' && outcome === 'silent') return { ...base, type: task.type, decision: outcome };
  throw new Error(`a ${task.type} task has no automatic outcome "${outcome}"`);
}
