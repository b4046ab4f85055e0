import { Actor, hasRole } from '../actor';
import { DomainError, ErrorCode, invalid } from '../domain-error';
import { AtDeadline, OutcomeOf, TaskOutcome, TaskSpec, TaskStatus, TaskType } from '../task.types';

/** A running deadline moves later only, and into the future (DOMAIN §5). */
export function assertLaterDeadline(current: number, dueAt: number, now: number): void {
  if (!(dueAt > now)) throw invalid('the new due date must be in the future');
  if (!(dueAt > current)) {
    throw invalid(`a deadline can only be moved later: it is ${new Date(current).toISOString()}`);
  }
}

export interface TrackedTask<T extends TaskType = TaskType> extends TaskSpec<T> {
  status: TaskStatus;
  outcome?: OutcomeOf<T>;
  /** What the task's deadline does, as its stage declares it. */
  atDeadline: AtDeadline;
  /** The user who holds the task (DOMAIN §5): nobody else decides it meanwhile. */
  claimedBy?: string;
  reminded: boolean;
  overdue: boolean;
}

/** A task that is no longer open takes no decision, claim or deadline. */
export function taskClosed(task: Pick<TrackedTask, 'id' | 'status'>): DomainError {
  return new DomainError(ErrorCode.TaskClosed, `task ${task.id} is already ${task.status}`);
}

/** A task held by one user: the others are told who holds it. */
export function assertNotClaimedByAnother(task: Pick<TrackedTask, 'claimedBy'>, actor: Pick<Actor, 'sub'>): void {
  if (task.claimedBy && task.claimedBy !== actor.sub) {
    throw new DomainError(ErrorCode.TaskClaimed, `the task is claimed by ${task.claimedBy}`);
  }
}

/** A claim is released by its holder, or by an admin. */
export function assertMayRelease(task: Pick<TrackedTask, 'claimedBy'>, actor: Actor): void {
  if (!task.claimedBy) throw new DomainError(ErrorCode.TaskNotClaimed, 'the task is not claimed');
  if (task.claimedBy !== actor.sub && !hasRole(actor, 'admin')) {
    throw new DomainError(ErrorCode.TaskClaimed, `the task is claimed by ${task.claimedBy}`);
  }
}

export interface DueTimers {
  reminders: TrackedTask[];
  overdue: TrackedTask[];
}

/** The reminder fires at 75% of a task's time (DOMAIN §5). */
export function reminderAt(task: Pick<TaskSpec, 'createdAt' | 'dueAt'>): number {
  return task.createdAt + Math.floor((task.dueAt - task.createdAt) * 0.75);
}

/**
 * The open tasks of one workflow and their timers. Pure: the workflow asks it when to wake
 * up next and which reminders and overdue notices are due, then does the I/O.
 */
export class TaskBook {
  private readonly tasks = new Map<string, TrackedTask>();
  /** Bumped on every change, so a waiting workflow can notice one. */
  revision = 0;

  /** Tracks a new open task; the book hands it back typed by its task type, outcome included. */
  add<T extends TaskType>(spec: TaskSpec<T>, atDeadline: AtDeadline<T>): TrackedTask<T>;
  add(spec: TaskSpec, atDeadline: AtDeadline): TrackedTask {
    const task: TrackedTask = { ...spec, atDeadline, status: 'open', reminded: false, overdue: false };
    this.tasks.set(spec.id, task);
    this.revision++;
    return task;
  }

  get(id: string): TrackedTask | undefined {
    return this.tasks.get(id);
  }

  all(): TrackedTask[] {
    return [...this.tasks.values()];
  }

  open(): TrackedTask[] {
    return this.all().filter((t) => t.status === 'open');
  }

  complete(id: string, outcome: TaskOutcome): TrackedTask {
    const task = this.require(id);
    task.status = 'completed';
    task.outcome = outcome;
    this.revision++;
    return task;
  }

  cancelOpen(): TrackedTask[] {
    const open = this.open();
    for (const task of open) task.status = 'cancelled';
    if (open.length > 0) this.revision++;
    return open;
  }

  /**
   * Moves a deadline; a later deadline re-arms the reminder and overdue notices. A reminder
   * already sent is not repeated if the new reminder time has passed; one never sent still goes out.
   */
  extend(id: string, dueAt: number, now: number): TrackedTask {
    const task = this.require(id);
    task.dueAt = dueAt;
    task.reminded = task.reminded && now >= reminderAt(task);
    task.overdue = false;
    this.revision++;
    return task;
  }

  /** Gives the task to one user, who still needs its role and scope to decide it. */
  reassign(id: string, assignee: string): TrackedTask {
    const task = this.require(id);
    task.assignee = assignee;
    task.claimedBy = undefined;
    this.revision++;
    return task;
  }

  claim(id: string, sub: string): TrackedTask {
    const task = this.require(id);
    task.claimedBy = sub;
    this.revision++;
    return task;
  }

  release(id: string): TrackedTask {
    const task = this.require(id);
    task.claimedBy = undefined;
    this.revision++;
    return task;
  }

  /** The earliest moment a timer of an open task fires, if any. */
  nextWakeup(): number | undefined {
    let next: number | undefined;
    for (const task of this.open()) {
      const at = !task.reminded ? reminderAt(task) : !task.overdue ? task.dueAt : undefined;
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** Takes the timers due by `now`, marking them handled. */
  takeDue(now: number): DueTimers {
    const due: DueTimers = { reminders: [], overdue: [] };
    for (const task of this.open()) {
      if (!task.reminded && now >= reminderAt(task)) {
        task.reminded = true;
        due.reminders.push(task);
      }
      if (!task.overdue && now >= task.dueAt) {
        task.overdue = true;
        due.overdue.push(task);
      }
    }
    return due;
  }

  private require(id: string): TrackedTask {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`unknown task ${id}`);
    return task;
  }
}
