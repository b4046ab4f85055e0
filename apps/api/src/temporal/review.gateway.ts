import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { ApplicationFailure, UpdateDefinition } from '@temporalio/common';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { DomainError, ERROR_CODES, ErrorCode } from '@aoc/domain/domain-error';
import type { PlanContent, VersionRef } from '@aoc/domain/plan.types';
import { planReviewWorkflow } from '@aoc/workflows/plan-review.workflow';
import {
  ClaimTaskRequest,
  CompleteTaskRequest,
  EndReviewRequest,
  ExtendDeadlineRequest,
  HideCommentRequest,
  PostCommentRequest,
  ReassignTaskRequest,
  cancelUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  releaseTaskUpdate,
  extendDeadlineUpdate,
  hideCommentUpdate,
  planWorkflowId,
  postCommentUpdate,
  reassignTaskUpdate,
  seatsChangedSignal,
  moveStageDeadlineUpdate,
  MoveStageDeadlineRequest,
  submitRevisionUpdate,
  withdrawUpdate,
} from '@aoc/workflows/contracts';
import { reviewStartSearchAttributes } from '@aoc/workflows/search-attributes';

/** What a client should do after a call that timed out or found Temporal down: it depends on the call. */
const RETRY_ADVICE = {
  start: 'the version is frozen and is delivered when you submit again: retrying is safe',
  revision: 'the version is frozen and is delivered when you submit again: retrying is safe',
  decision:
    'if the decision reached the service it will apply once the service is back; retry with the same ' +
    'Idempotency-Key to get its result: that is safe, the decision applies at most once',
  comment:
    'if the comment reached the service it will be posted once the service is back; retry with the same ' +
    'Idempotency-Key: that is safe, the comment is posted at most once (without a key a retry may post it twice)',
  endReview: 'if the request reached the service it will apply once the service is back; retrying is safe',
  other: 'reload, then retry if it has not applied',
} as const;
type Advice = keyof typeof RETRY_ADVICE;

/** gRPC status codes (the numbers are fixed by the gRPC protocol). */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** Whether the error (or a cause of it) says the server did not answer in time or could not be reached. */
function isTimeoutOrUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(e) && (e.code === GRPC_DEADLINE_EXCEEDED || e.code === GRPC_UNAVAILABLE)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The API's only door to Temporal: starts plan reviews and sends them Updates, turning
 * Temporal's errors into DomainErrors with a code the HTTP edge understands. Every call
 * carries a deadline (TEMPORAL_CALL_TIMEOUT): a worker or a server that does not answer makes
 * it a 503 with advice, never a hanging request.
 */
@Injectable()
export class ReviewGateway {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts `plan-<id>`; a second start of the same plan is a no-op. The review starts with its
   * search attributes (status, kind, countries), which the workflow then keeps up to date.
   */
  async start(
    planId: string,
    submittedBy: string,
    version: VersionRef,
    plan: { kind: PlanContent['kind']; countries: string[] },
  ): Promise<string> {
    const workflowId = planWorkflowId(planId);
    try {
      await this.withDeadline(() =>
        this.client.workflow.start(planReviewWorkflow, {
          workflowId,
          taskQueue: this.config.temporal.taskQueue,
          workflowIdConflictPolicy: 'USE_EXISTING',
          typedSearchAttributes: reviewStartSearchAttributes(plan),
          args: [
            {
              planId,
              submittedBy,
              version,
              settings: this.config.review,
            },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw this.translate(error, 'start');
    }
    return workflowId;
  }

  submitRevision(planId: string, version: VersionRef, actor: string) {
    return this.update(
      planWorkflowId(planId),
      submitRevisionUpdate,
      `revision-v${version.number}`,
      { version, actor },
      'revision',
    );
  }

  withdraw(planId: string, request: EndReviewRequest) {
    return this.update(planWorkflowId(planId), withdrawUpdate, `withdraw`, request, 'endReview');
  }

  cancel(planId: string, request: EndReviewRequest) {
    return this.update(planWorkflowId(planId), cancelUpdate, `cancel`, request, 'endReview');
  }

  moveStageDeadline(planId: string, request: MoveStageDeadlineRequest) {
    return this.update(planWorkflowId(planId), moveStageDeadlineUpdate, undefined, request, 'other');
  }

  completeTask(workflowId: string, request: CompleteTaskRequest) {
    return this.update(
      workflowId,
      completeTaskUpdate,
      `complete:${request.taskId}:${request.idempotencyKey}`,
      request,
      'decision',
    );
  }

  claimTask(workflowId: string, request: ClaimTaskRequest) {
    return this.update(workflowId, claimTaskUpdate, undefined, request, 'other');
  }

  releaseTask(workflowId: string, request: ClaimTaskRequest) {
    return this.update(workflowId, releaseTaskUpdate, undefined, request, 'other');
  }

  extendDeadline(workflowId: string, request: ExtendDeadlineRequest) {
    return this.update(workflowId, extendDeadlineUpdate, undefined, request, 'other');
  }

  reassignTask(workflowId: string, request: ReassignTaskRequest) {
    return this.update(workflowId, reassignTaskUpdate, undefined, request, 'other');
  }

  postComment(planId: string, request: PostCommentRequest) {
    return this.update(planWorkflowId(planId), postCommentUpdate, `comment:${request.commentId}`, request, 'comment');
  }

  hideComment(planId: string, request: HideCommentRequest) {
    return this.update(planWorkflowId(planId), hideCommentUpdate, undefined, request, 'other');
  }

  /**
   * Tells a plan's workflow that the Group of Friends seats changed. Best effort: a review that
   * has ended ignores it, and one that misses it lists the seats again within the hour.
   */
  async seatsChanged(planId: string): Promise<boolean> {
    return this.withDeadline(() =>
      this.client.workflow.getHandle(planWorkflowId(planId)).signal(seatsChangedSignal),
    ).then(
      () => true,
      () => false,
    );
  }

  private async update<Ret, Arg>(
    workflowId: string,
    def: UpdateDefinition<Ret, [Arg]>,
    updateId: string | undefined,
    arg: Arg,
    advice: Advice,
  ): Promise<Ret> {
    try {
      const handle = this.client.workflow.getHandle(workflowId);
      return await this.withDeadline(() => handle.executeUpdate(def, { args: [arg], updateId }));
    } catch (error) {
      throw this.translate(error, advice);
    }
  }

  /** Runs `call` with a deadline for every gRPC request in it, retries included. */
  private withDeadline<T>(call: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + this.config.temporal.callTimeoutMs, call);
  }

  private translate(error: unknown, advice: Advice): unknown {
    if (isTimeoutOrUnreachable(error)) {
      const seconds = this.config.temporal.callTimeoutMs / 1000;
      return new DomainError(
        ErrorCode.Unavailable,
        `the workflow service did not answer within ${seconds} s (it or its worker is down or overloaded); ${RETRY_ADVICE[advice]}`,
      );
    }
    if (error instanceof WorkflowUpdateFailedError) {
      if (error.cause instanceof ApplicationFailure) {
        const type = error.cause.type ?? '';
        const code = ERROR_CODES.includes(type) ? (type as ErrorCode) : ErrorCode.Conflict;
        return new DomainError(code, error.cause.message);
      }
      return new DomainError(ErrorCode.ReviewEnded, 'the review changed while this was applied (it is ending); reload');
    }
    if (error instanceof WorkflowNotFoundError) {
      return new DomainError(
        ErrorCode.ReviewEnded,
        'the review of this plan is not running (it has ended or not started)',
      );
    }
    if (error instanceof ServiceError) {
      const message = error.message.toLowerCase();
      if (message.includes('workflow execution already completed') || message.includes('not found')) {
        return new DomainError(ErrorCode.ReviewEnded, 'the review of this plan has already ended');
      }
      return new DomainError(
        ErrorCode.Unavailable,
        `the workflow service is unavailable (${error.message}); ${RETRY_ADVICE[advice]}`,
      );
    }
    return error;
  }
}
