import { planSubmitter } from '@aoc/domain/plan.policy';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '@aoc/domain/actor';
import { DomainError, ErrorCode, conflict, forbidden, invalid, notFound } from '@aoc/domain/domain-error';
import { assertMayDecide, deciderScope } from '@aoc/domain/review/decision.rules';
import { taskClosed } from '@aoc/domain/review/task-book';
import { type CommentDisposition, type TaskOutcome, outcomeRecord } from '@aoc/domain/task.types';
import type { PlanEntity, TaskEntity } from '@aoc/persistence';
import { findPlanOrFail } from '@aoc/persistence/repositories/plans';
import { INBOX_COUNT_CAP, findTask, readInbox } from '@aoc/persistence/repositories/tasks';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { Page } from '../common/page';
import { UserDirectory } from '../auth/user-directory';
import { EventStreamHub } from '../notifications/event-stream.hub';
import { PlansService } from '../plans/plans.service';
import { ReviewGateway } from '../temporal/review.gateway';
import { CompleteTaskDto, ExtendDeadlineDto, InboxQuery, ReassignTaskDto } from './dto/task.dto';
import { taskView } from './task.views';

type TaskView = ReturnType<typeof taskView>;

/** Without an announcement (the LISTEN connection down), the row is looked at this often. */
const DECISION_ROW_POLL_MS = 250;

/** Task inboxes, claims, and decisions (which the workflows validate and apply). */
@Injectable()
export class TasksService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReviewGateway) private readonly reviews: ReviewGateway,
    @Inject(PlansService) private readonly plans: PlansService,
    @Inject(UserDirectory) private readonly directory: UserDirectory,
    @Inject(EventStreamHub) private readonly announcements: EventStreamHub,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * My inbox: the tasks I may decide, selected by the rule that assertMayDecide checks (deciderScope,
   * DOMAIN §2, §5); an admin sees every task (DOMAIN §2). A claim gives no right of its own.
   */
  async inbox(actor: Actor, query: InboxQuery): Promise<Page<TaskView>> {
    const offset = (query.page - 1) * query.pageSize;
    const { rows, total } = await readInbox(
      this.db.manager,
      hasRole(actor, 'admin') ? 'admin' : deciderScope(actor),
      {
        status: query.status ?? 'open',
        planId: query.planId,
        stage: query.stage,
        overdue: query.overdue,
        country: query.country,
        assignee: query.assignee,
      },
      { limit: query.pageSize, offset },
      query.sort,
    );
    const items = rows.map((r) => taskView(r.task, r.latestVersion));
    const capped = total > INBOX_COUNT_CAP;
    return {
      items,
      page: query.page,
      pageSize: query.pageSize,
      total: capped ? INBOX_COUNT_CAP : total,
      ...(capped ? { totalCapped: true } : {}),
    };
  }

  async get(actor: Actor, id: string): Promise<TaskView> {
    const { task, plan } = await this.load(id);
    if (!hasRole(actor, 'admin') && task.claimedBy !== actor.sub) this.authorize(actor, task, plan);
    return taskView(task, plan.latestVersion);
  }

  /** Claims the task through its workflow, which decides whether the actor may (DOMAIN §5). */
  async claim(actor: Actor, id: string): Promise<TaskView> {
    const { task, plan } = await this.load(id);
    this.authorize(actor, task, plan);
    if (task.status !== 'open') throw taskClosed(task);
    await this.reviews.claimTask(task.workflowId, { taskId: id, actor });
    return taskView(await this.reload(id), plan.latestVersion);
  }

  /** Releases the actor's claim (an admin may release anyone's). */
  async unclaim(actor: Actor, id: string): Promise<TaskView> {
    const { task, plan } = await this.load(id);
    if (task.claimedBy !== actor.sub && !hasRole(actor, 'admin')) this.authorize(actor, task, plan);
    if (task.status !== 'open') throw taskClosed(task);
    await this.reviews.releaseTask(task.workflowId, { taskId: id, actor });
    return taskView(await this.reload(id), plan.latestVersion);
  }

  /**
   * Sends the decision to the owning workflow as an Update whose ID carries the client's
   * Idempotency-Key: repeating the key returns the first result, and a different decision
   * on a closed task is a conflict. The workflow decides whether the actor may decide, and
   * whether another user holds the task.
   */
  async complete(actor: Actor, id: string, dto: CompleteTaskDto, key: string): Promise<TaskView> {
    // The whole answer keeps to the Temporal call's deadline (TEMPORAL_CALL_TIMEOUT), the row's wait included.
    const deadline = Date.now() + this.config.temporal.callTimeoutMs;
    const { task, plan } = await this.load(id);
    this.authorize(actor, task, plan);
    if (task.status !== 'open') return this.replay(task, key, plan.latestVersion, actor, dto);
    if (dto.attachRevision && task.type !== 'disposition') {
      throw invalid('only a disposition may attach a revised version');
    }
    // A version frozen for an earlier, refused disposition is attached again rather than left behind.
    const attach = dto.attachRevision || (task.type === 'disposition' && plan.latestVersion > plan.reviewVersion);
    const revisedVersion = attach ? await this.plans.freezeForDisposition(actor, task.planId) : undefined;
    let outcome: TaskOutcome;
    try {
      outcome = await this.reviews.completeTask(task.workflowId, {
        taskId: id,
        idempotencyKey: key,
        actor,
        input: {
          decision: dto.decision,
          comment: dto.comment,
          reason: dto.reason,
          dispositions: dto.dispositions,
          revisedVersion,
        },
      });
      // A repeated Update ID returns the first request's outcome, whatever this request said.
      assertSameRequest({ ...outcomeRecord(outcome), decision: outcome.decision, actor: outcome.actor }, actor, dto);
    } catch (error) {
      // A consultation's workflow ends with its last decision, in the same step: a decision racing
      // that one finds the workflow gone (REVIEW_ENDED) rather than the task closed. The row tells.
      if (
        error instanceof DomainError &&
        (error.code === ErrorCode.TaskClosed || error.code === ErrorCode.ReviewEnded)
      ) {
        return this.replay(await this.reload(id), key, plan.latestVersion, actor, dto, error);
      }
      throw error;
    }
    return taskView(await this.decided(task, outcome, deadline), plan.latestVersion);
  }

  /**
   * The task's row once its decision is recorded. The Update answers in the workflow task that
   * accepts it, and the decision's write (an activity scheduled in that task) commits right after:
   * read-your-writes comes from waiting for that commit (its TASK_COMPLETED announced, LISTEN/NOTIFY),
   * until the request's deadline (TEMPORAL_CALL_TIMEOUT from its start), rather than for a second
   * workflow task. A review started before 0.5 has written it already. Should the write be slower
   * than that (PostgreSQL struggling, or the worker that was to write it killed: its activity is
   * retried after 10 s), or PostgreSQL not answering, the answer is the Update's outcome on the row
   * as it was: the decision is taken, and its row follows.
   */
  private async decided(open: TaskEntity, outcome: TaskOutcome, deadline: number): Promise<TaskEntity> {
    for (;;) {
      const announced = this.announcements.taskCompleted(open.id, DECISION_ROW_POLL_MS);
      const task = await this.reload(open.id).catch(() => undefined);
      if (!task) return withOutcome(open, outcome);
      if (task.status !== 'open') return task;
      if (Date.now() >= deadline) return withOutcome(task, outcome);
      await announced;
    }
  }

  async reassign(actor: Actor, id: string, dto: ReassignTaskDto): Promise<TaskView> {
    if (!hasRole(actor, 'admin')) throw forbidden('only an admin may reassign a task');
    const { task, plan } = await this.load(id);
    if (task.status !== 'open') throw taskClosed(task);
    // The task's workflow checks the assignee's role and scope (assertAssignable, DOMAIN §5) against
    // what the users directory knows of them; the directory is read here, where I/O is allowed.
    const assigneeProfile = await this.directory.profileOf(dto.assignee);
    await this.reviews.reassignTask(task.workflowId, {
      taskId: id,
      assignee: dto.assignee,
      actor: actor.sub,
      assigneeProfile,
    });
    return taskView(await this.reload(id), plan.latestVersion);
  }

  async extendDeadline(actor: Actor, id: string, dto: ExtendDeadlineDto): Promise<TaskView> {
    if (!hasRole(actor, 'admin')) throw forbidden('only an admin may move a deadline');
    const dueAt = Date.parse(dto.dueAt);
    if (!(dueAt > Date.now())) throw invalid('dueAt must be in the future');
    const { task, plan } = await this.load(id);
    if (task.status !== 'open') throw taskClosed(task);
    await this.reviews.extendDeadline(task.workflowId, { taskId: id, dueAt, actor: actor.sub });
    return taskView(await this.reload(id), plan.latestVersion);
  }

  private authorize(actor: Actor, task: TaskEntity, plan: PlanEntity): void {
    assertMayDecide(actor, task, planSubmitter(plan));
  }

  private replay(
    task: TaskEntity,
    key: string,
    latestVersion: number,
    actor: Actor,
    dto: CompleteTaskDto,
    cause?: DomainError,
  ): TaskView {
    if (task.status === 'completed' && task.completionKey === key) {
      assertSameRequest({ ...task, decision: task.decision ?? '', actor: task.completedBy ?? '' }, actor, dto);
      return taskView(task, latestVersion);
    }
    if (task.status !== 'open') throw taskClosed(task);
    throw cause ?? conflict(ErrorCode.Conflict, 'the task could not be completed; reload it');
  }

  private async load(id: string): Promise<{ task: TaskEntity; plan: PlanEntity }> {
    const task = await this.reload(id);
    const plan = await findPlanOrFail(this.db.manager, task.planId);
    return { task, plan };
  }

  private async reload(id: string): Promise<TaskEntity> {
    const task = await findTask(this.db.manager, id);
    if (!task) throw notFound(`task ${id} does not exist`);
    return task;
  }
}

/** What a completion asked for, in a form that compares equal however it was stored. */
interface RecordedDecision {
  decision: string;
  comment?: string | null;
  reason?: string | null;
  dispositions?: CommentDisposition[] | null;
  actor: string;
}

const fingerprint = (d: Omit<RecordedDecision, 'actor'>) =>
  JSON.stringify([
    d.decision,
    d.comment ?? null,
    d.reason ?? null,
    d.dispositions?.map((x) => [x.commentId, x.disposition, x.response]) ?? null,
  ]);

/**
 * An Idempotency-Key stands for one request: the same key from another user, or with another
 * decision, is refused (422) rather than answered with the first request's result.
 */
function assertSameRequest(recorded: RecordedDecision, actor: Actor, dto: CompleteTaskDto): void {
  if (recorded.actor !== actor.sub || fingerprint(recorded) !== fingerprint(dto)) {
    throw new DomainError(
      ErrorCode.IdempotencyKeyReused,
      'this Idempotency-Key was already used for a different request on this task; send a new key with a new request',
    );
  }
}

/** The row as the decision's write will leave it: the answer when that write is slower than its bound. */
function withOutcome(task: TaskEntity, outcome: TaskOutcome): TaskEntity {
  const { comment, reason } = outcomeRecord(outcome);
  return Object.assign(Object.create(Object.getPrototypeOf(task) as object) as TaskEntity, task, {
    status: 'completed',
    decision: outcome.decision,
    comment: comment ?? null,
    reason: reason ?? null,
    dispositions: outcome.type === 'disposition' ? outcome.dispositions : null,
    completedBy: outcome.actor,
    completedAt: new Date(outcome.completedAt),
  });
}
