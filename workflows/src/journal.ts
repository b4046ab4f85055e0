import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  currentUpdateInfo,
  log,
  workflowInfo,
} from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '@aoc/domain/actor';
import type { DomainEvent, EventType } from '@aoc/domain/event.types';
import type { PlanStatus, Stage, TerminalStatus, VersionRef } from '@aoc/domain/plan.types';
import { TaskOutcome, TaskSpec, outcomeRecord } from '@aoc/domain/task.types';
import { RECORDS_REFUSED, type CommentRecord, type ReviewRecords } from './activities.contract';
import { activities } from './activity-proxies';
import { fnv1a64 } from './fnv';
import { mergeRecords } from './merge-records';
import { type ReviewActivities, stepOf } from './record-steps';

/** Who made a decision that moves the plan on, and what they gave with it (a reason, an outcome). */
export interface Decided {
  actor: string;
  payload: Record<string, unknown>;
}

const END_EVENTS: Record<TerminalStatus, EventType> = {
  ENDORSED: 'PLAN_ENDORSED',
  REJECTED: 'PLAN_REJECTED',
  WITHDRAWN: 'PLAN_WITHDRAWN',
  CANCELLED: 'PLAN_CANCELLED',
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The review's record in PostgreSQL: one named method for each thing that happens in a review,
 * each writing the plan's status, tasks and comments together with the events that tell it
 * (DOMAIN §6). This is the only writer of those rows; the stages say what happened, the
 * journal says how it is recorded.
 *
 * Event keys are deterministic (`<workflowId>/<runId>#<n>`): a replayed or retried write is a
 * no-op. Writes land one after the other, in the order the workflow made them, so a slow or
 * retried one can never land after a later one. A write that has started is finished even when
 * its scope is cancelled (a withdrawal), so the final record is always the last word.
 *
 * A write that PostgreSQL refuses for its data fails at once instead of retrying forever: the
 * review goes on, and an `ESCALATED` event tells the admins what was not written.
 */
export class Journal {
  private seq = 0;
  /** One step: how many events each Update's handler has keyed. */
  private readonly updateEvents = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();
  /** Records kept to go with the next write (one step: a stage change is written at once). */
  private carried?: Omit<ReviewRecords, 'planId'>;
  readonly workflowId = workflowInfo().workflowId;
  private readonly runId = workflowInfo().runId;

  /** A write nobody awaited (ONE_TASK_DECISIONS: a decision's) that failed: raised by `settled`. */
  private unawaitedFailure?: unknown;

  /**
   * `oneStep`: the review runs under ONE_STEP_DECISIONS (a stage change in one write, an Update's
   * events keyed by it); `ruleEvents`: under RULE_EVENTS (the events of DOMAIN §6 as clarified);
   * `oneTask`: under ONE_TASK_DECISIONS too (a decision's handler does not wait for its write).
   */
  constructor(
    readonly planId: string,
    readonly oneStep = false,
    readonly ruleEvents = false,
    readonly oneTask = false,
    /** NAMED_STEPS: each write is the activity named for the step it records. */
    readonly namedSteps = false,
  ) {}

  /**
   * One task: queues a write that the caller does not wait for (a decision's, whose Update has
   * answered already). It lands in its place in the queue; `settled` waits for it.
   */
  inBackground(written: Promise<void>): void {
    written.catch((error: unknown) => {
      this.unawaitedFailure ??= error;
    });
  }

  /**
   * Waits until every queued write has landed, and raises the failure of one that nobody awaited.
   * A workflow waits for it before it ends (one task: its decisions' writes may still be running).
   */
  async settled(): Promise<void> {
    await this.queue;
    if (this.unawaitedFailure !== undefined) throw this.unawaitedFailure;
  }

  /** Whether records are waiting for the next write: `flush` them before the review waits for anyone. */
  get holding(): boolean {
    return this.carried !== undefined;
  }

  /** Writes the records kept for the next write, if any. */
  flush(): Promise<void> {
    return this.carried ? this.write({}) : Promise.resolve();
  }

  // The plan and its stages.

  /** One step: kept for the next write, with the stage it enters. */
  planSubmitted(version: VersionRef, actor: string): Promise<void> {
    return this.writeOrCarry({
      events: [this.event('PLAN_SUBMITTED', actor, version), this.event('VERSION_CREATED', actor, version)],
    });
  }

  /** One step: kept for the next write (the stage it enters). A new version the review takes; `inStage` is the stage that takes it at once (a disposition's revision). */
  versionCreated(version: VersionRef, actor: string, inStage?: Stage): Promise<void> {
    return this.writeOrCarry({
      ...(inStage ? { status: { status: inStage, version, returnTo: null } } : {}),
      events: [this.event('VERSION_CREATED', actor, version)],
    });
  }

  /** One step: kept for the next write (the stage's first tasks), flushed before the stage waits. */
  stageEntered(stage: Stage, version: VersionRef, payload: Record<string, unknown> = {}): Promise<void> {
    return this.writeOrCarry({
      status: { status: stage, version, returnTo: null },
      events: [this.event('STAGE_ENTERED', SYSTEM_ACTOR, version, { stage, ...payload })],
    });
  }

  /**
   * One step: kept for the next write (what follows the stage: the next one, a revision, the end).
   * `actor`: whose decision completed it (the secretariat's reviewer); by default the process's.
   */
  stageCompleted(
    stage: Stage,
    version: VersionRef,
    payload: Record<string, unknown> = {},
    actor: string = SYSTEM_ACTOR,
  ): Promise<void> {
    return this.writeOrCarry({ events: [this.event('STAGE_COMPLETED', actor, version, { stage, ...payload })] });
  }

  revisionRequested(
    returnTo: Stage,
    version: VersionRef,
    by: Decided,
    escalation?: { rounds: number; maxRounds: number },
  ): Promise<void> {
    const events = [this.event('REVISION_REQUESTED', by.actor, version, { returnTo, ...by.payload })];
    if (escalation) {
      events.push(
        this.event('ESCALATED', SYSTEM_ACTOR, version, {
          reason: `more than ${escalation.maxRounds} revision rounds`,
          rounds: escalation.rounds,
        }),
      );
    }
    return this.write({ status: { status: 'REVISION', version, returnTo }, events });
  }

  escalated(version: VersionRef, payload: { reason: string } & Record<string, unknown>): Promise<void> {
    return this.write({ events: [this.event('ESCALATED', SYSTEM_ACTOR, version, payload)] });
  }

  /** The review's end. A withdrawal or a cancellation also cancels every task still open. */
  planEnded(status: TerminalStatus, version: VersionRef, by: Decided): Promise<void> {
    const interrupted = status === 'WITHDRAWN' || status === 'CANCELLED';
    return this.write({
      status: { status, version, returnTo: null },
      ...(interrupted ? { cancelTasks: 'all-open' as const } : {}),
      events: [this.event(END_EVENTS[status], by.actor, version, { ...by.payload })],
    });
  }

  // Tasks.

  tasksCreated(tasks: TaskSpec[]): Promise<void> {
    return this.write({
      createTasks: tasks.map((t) => ({
        id: t.id,
        type: t.type,
        stage: t.stage,
        assignee: t.assignee,
        candidate: t.candidate,
        dueAt: t.dueAt,
        createdAt: t.createdAt,
        version: t.version,
        workflowId: t.workflowId,
      })),
      events: tasks.map((t) =>
        this.event('TASK_CREATED', SYSTEM_ACTOR, t.version, {
          taskId: t.id,
          taskType: t.type,
          stage: t.stage,
          candidate: t.candidate,
          assignee: t.assignee,
          dueAt: iso(t.dueAt),
        }),
      ),
    });
  }

  /**
   * A person's decision, with what it carries: a disposition records each comment's answer, a
   * broken silence is announced. `idempotencyKey` is the client's, kept to answer its retries.
   */
  taskCompleted(task: TaskSpec, outcome: TaskOutcome, idempotencyKey: string): Promise<void> {
    const { comment, reason } = outcomeRecord(outcome);
    const events = [
      this.event('TASK_COMPLETED', outcome.actor, task.version, {
        taskId: task.id,
        taskType: task.type,
        decision: outcome.decision,
        comment,
        reason,
      }),
    ];
    const records: Omit<ReviewRecords, 'planId'> = { completeTasks: [{ outcome, idempotencyKey }] };
    if (outcome.type === 'disposition') {
      const at = outcome.completedAt;
      records.disposeComments = [{ dispositions: outcome.dispositions, actor: outcome.actor, at }];
      events.push(
        ...outcome.dispositions.map((d) => this.event('COMMENT_DISPOSED', outcome.actor, task.version, { ...d })),
      );
    }
    if (outcome.type === 'endorsement' && outcome.decision === 'break_silence') {
      events.push(
        this.event('SILENCE_BROKEN', outcome.actor, task.version, {
          seat: task.candidate.seat,
          reason: outcome.reason,
        }),
      );
    }
    return this.write({ ...records, events });
  }

  /**
   * The timers that came due: reminders at 75%, then at the due date either the outcome the
   * stage declared for a deadline (recorded as `system`'s) or an escalation to the admins.
   */
  deadlinesReached(due: { reminders: TaskSpec[]; overdue: TaskSpec[]; automatic: TaskOutcome[] }): Promise<void> {
    const events: DomainEvent[] = due.reminders.map((t) => this.timerEvent('TASK_REMINDER', t));
    for (const task of due.overdue) {
      const outcome = due.automatic.find((o) => o.taskId === task.id);
      // RULE_EVENTS: a task its due date closes is not overdue (DOMAIN §5): no event, no e-mail.
      if (!(outcome && this.ruleEvents)) events.push(this.timerEvent('TASK_OVERDUE', task));
      events.push(
        outcome
          ? this.event('TASK_COMPLETED', SYSTEM_ACTOR, task.version, { taskId: task.id, decision: outcome.decision })
          : this.event('ESCALATED', SYSTEM_ACTOR, task.version, {
              reason: 'task overdue',
              taskId: task.id,
              taskType: task.type,
            }),
      );
    }
    if (events.length === 0) return Promise.resolve();
    return this.write({ events, completeTasks: due.automatic.map((outcome) => ({ outcome })) });
  }

  tasksCancelled(tasks: TaskSpec[]): Promise<void> {
    if (tasks.length === 0) return Promise.resolve();
    return this.writeOrCarry({
      cancelTasks: tasks.map((t) => t.id),
      events: tasks.map((t) => this.event('TASK_CANCELLED', SYSTEM_ACTOR, t.version, { taskId: t.id })),
    });
  }

  deadlinesMoved(tasks: TaskSpec[], actor: string): Promise<void> {
    return this.write({
      moveDeadlines: tasks.map((t) => ({ taskId: t.id, dueAt: t.dueAt })),
      events: tasks.map((t) =>
        this.event('DEADLINE_EXTENDED', actor, t.version, { taskId: t.id, dueAt: iso(t.dueAt) }),
      ),
    });
  }

  taskReassigned(task: TaskSpec, from: string | undefined, actor: string): Promise<void> {
    return this.write({
      reassignTasks: [{ taskId: task.id, assignee: task.assignee! }],
      events: [
        this.event('TASK_REASSIGNED', actor, task.version, { taskId: task.id, from: from ?? null, to: task.assignee }),
      ],
    });
  }

  taskClaimed(task: TaskSpec, actor: string): Promise<void> {
    return this.write({
      claimTasks: [{ taskId: task.id, claimedBy: actor }],
      events: [this.event('TASK_CLAIMED', actor, task.version, { taskId: task.id })],
    });
  }

  taskReleased(task: TaskSpec, holder: string, actor: string): Promise<void> {
    return this.write({
      claimTasks: [{ taskId: task.id, claimedBy: null }],
      events: [this.event('TASK_UNCLAIMED', actor, task.version, { taskId: task.id, holder })],
    });
  }

  // Comments.

  commentPosted(comment: CommentRecord, org: string | undefined): Promise<void> {
    return this.write({
      postComments: [comment],
      events: [
        this.event('COMMENT_POSTED', comment.author, comment.version, {
          commentId: comment.id,
          org,
          field: comment.field,
          // RULE_EVENTS: the log keeps the text, also once the comment is hidden (DOMAIN §6).
          ...(this.ruleEvents ? { text: comment.text } : {}),
        }),
      ],
    });
  }

  commentHidden(commentId: string, reason: string, actor: string, version: VersionRef): Promise<void> {
    return this.write({
      hideComments: [{ commentId, reason, actor, at: Date.now() }],
      events: [this.event('COMMENT_HIDDEN', actor, version, { commentId, reason })],
    });
  }

  commentWindowMoved(closesAt: number, actor: string, version: VersionRef): Promise<void> {
    return this.write({
      events: [
        this.event('DEADLINE_EXTENDED', actor, version, {
          stage: 'CIVIL_SOCIETY_COMMENT',
          commentWindowClosesAt: iso(closesAt),
        }),
      ],
    });
  }

  private timerEvent(type: 'TASK_REMINDER' | 'TASK_OVERDUE', task: TaskSpec): DomainEvent {
    return this.event(type, SYSTEM_ACTOR, task.version, {
      taskId: task.id,
      taskType: task.type,
      candidate: task.candidate,
      assignee: task.assignee,
      dueAt: iso(task.dueAt),
    });
  }

  private event(
    type: EventType,
    actor: string,
    version: VersionRef | undefined,
    payload: Record<string, unknown> = {},
  ): DomainEvent {
    return {
      key: this.nextKey(),
      planId: this.planId,
      type,
      actor,
      version,
      at: Date.now(),
      payload,
    };
  }

  /** 0.2 writes at once; one step keeps the records for the next write. */
  private writeOrCarry(records: Omit<ReviewRecords, 'planId'>): Promise<void> {
    if (!this.oneStep) return this.write(records);
    this.carried = this.carried ? mergeRecords(this.carried, records) : records;
    return Promise.resolve();
  }

  /**
   * The next event key: `<workflowId>/<runId>#<n>`, n counting the review's events. One step: an
   * Update handler's events are keyed by the Update instead (`…/u<hash of its ID>#<n>`): an Update
   * refused or never accepted takes no key the review's later events will use.
   */
  private nextKey(): string {
    const update = this.oneStep ? currentUpdateInfo() : undefined;
    if (!update) return `${this.workflowId}/${this.runId}#${++this.seq}`;
    const n = (this.updateEvents.get(update.id) ?? 0) + 1;
    this.updateEvents.set(update.id, n);
    return `${this.workflowId}/${this.runId}/u${fnv1a64(update.id)}#${n}`;
  }

  /**
   * Queues the records (with those carried) behind the writes before them, as one activity. An
   * Update handler's write too: the Update is accepted with the command that schedules it.
   */
  private write(given: Omit<ReviewRecords, 'planId'>): Promise<void> {
    const records = this.carried ? mergeRecords(this.carried, given) : given;
    this.carried = undefined;
    // Never a local activity, which would write inside the workflow task that accepts the Update:
    // a worker killed before completing that task left a decision in PostgreSQL that the history
    // never accepted, and the API answered the client's retry from the closed row: the plan was
    // stuck for good (docs/workflow-versions.md). An activity starts only once the acceptance is
    // in the history, so a task closed in PostgreSQL is closed in the workflow.
    const writer = activities;
    const step = this.namedSteps ? stepOf(records) : 'writeReviewRecords';
    const written = this.queue.then(() =>
      CancellationScope.nonCancellable(() =>
        writer[step]({ planId: this.planId, ...records }).catch((error: unknown) =>
          this.escalate(writer, records, error),
        ),
      ),
    );
    this.queue = written.catch(() => undefined);
    return written;
  }

  /** Reports refused records to the admins, with what they would have written but none of their data. */
  private async escalate(
    writer: Pick<ReviewActivities, 'writeReviewRecords' | 'recordEscalation'>,
    records: Omit<ReviewRecords, 'planId'>,
    error: unknown,
  ): Promise<void> {
    // A remote activity's failure wraps the refusal in an ActivityFailure; a local activity's is the refusal itself.
    const refusal = error instanceof ActivityFailure ? error.cause : error;
    if (!(refusal instanceof ApplicationFailure) || refusal.type !== RECORDS_REFUSED) throw error;
    log.error('PostgreSQL refused a review record; the review goes on', {
      planId: this.planId,
      error: refusal.message,
    });
    const escalation = this.event('ESCALATED', SYSTEM_ACTOR, records.status?.version ?? records.events?.[0]?.version, {
      reason: 'PostgreSQL refused a review record',
      error: refusal.message,
      sqlState: (refusal.details?.[0] as { sqlState?: string } | undefined)?.sqlState,
      unwritten: {
        events: records.events?.map((e) => ({ key: e.key, type: e.type })) ?? [],
        createdTasks: records.createTasks?.map((t) => t.id) ?? [],
        completedTasks: records.completeTasks?.map((c) => c.outcome.taskId) ?? [],
        postedComments: records.postComments?.map((c) => c.id) ?? [],
        status: records.status?.status satisfies PlanStatus | undefined,
      },
    });
    const report = { planId: this.planId, events: [escalation] };
    await (this.namedSteps ? writer.recordEscalation(report) : writer.writeReviewRecords(report));
  }
}
