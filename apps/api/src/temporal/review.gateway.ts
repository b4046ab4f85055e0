import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, UpdateDefinition } from '@temporalio/common';
import { APP_CONFIG } from '../../../../libs/config/src/config.module';
import type { AppConfig } from '../../../../libs/config/src/config.schema';
import { DomainError, ERROR_CODES, ErrorCode } from '../../../../libs/domain/src/domain-error';
import type { VersionRef } from '../../../../libs/domain/src/plan.types';
import {
  CompleteTaskRequest,
  EndReviewRequest,
  ExtendDeadlineRequest,
  HideCommentRequest,
  PostCommentRequest,
  ReassignTaskRequest,
  cancelUpdate,
  completeTaskUpdate,
  extendDeadlineUpdate,
  hideCommentUpdate,
  planWorkflowId,
  postCommentUpdate,
  reassignTaskUpdate,
  submitRevisionUpdate,
  withdrawUpdate,
} from '../../../../workflows/src/contracts';

/**
 * The API's only door to Temporal: starts plan reviews and sends them Updates, turning
 * Temporal's errors into DomainErrors with a code the HTTP edge understands.
 */
@Injectable()
export class ReviewGateway {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts `plan-<id>`; a second start of the same plan is a no-op. */
  async start(planId: string, submittedBy: string, version: VersionRef): Promise<string> {
    const workflowId = planWorkflowId(planId);
    const { stages } = this.config;
    try {
      await this.client.workflow.start('planReviewWorkflow', {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [
          {
            planId,
            submittedBy,
            version,
            settings: {
              durations: {
                nationalConsultationMs: stages.nationalConsultationMs,
                commentWindowMs: stages.commentWindowMs,
                secretariatReviewMs: stages.secretariatReviewMs,
                endorsementMs: stages.endorsementMs,
              },
              maxRevisionRounds: stages.maxRevisionRounds,
            },
          },
        ],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw this.translate(error);
    }
    return workflowId;
  }

  submitRevision(planId: string, version: VersionRef, actor: string) {
    return this.update(planWorkflowId(planId), submitRevisionUpdate, `revision-v${version.number}`, { version, actor });
  }

  withdraw(planId: string, request: EndReviewRequest) {
    return this.update(planWorkflowId(planId), withdrawUpdate, `withdraw`, request);
  }

  cancel(planId: string, request: EndReviewRequest) {
    return this.update(planWorkflowId(planId), cancelUpdate, `cancel`, request);
  }

  completeTask(workflowId: string, request: CompleteTaskRequest) {
    return this.update(workflowId, completeTaskUpdate, `complete:${request.taskId}:${request.idempotencyKey}`, request);
  }

  extendDeadline(workflowId: string, request: ExtendDeadlineRequest) {
    return this.update(workflowId, extendDeadlineUpdate, undefined, request);
  }

  reassignTask(workflowId: string, request: ReassignTaskRequest) {
    return this.update(workflowId, reassignTaskUpdate, undefined, request);
  }

  postComment(planId: string, request: PostCommentRequest) {
    return this.update(planWorkflowId(planId), postCommentUpdate, `comment:${request.commentId}`, request);
  }

  hideComment(planId: string, request: HideCommentRequest) {
    return this.update(planWorkflowId(planId), hideCommentUpdate, undefined, request);
  }

  private async update<Ret, Arg>(
    workflowId: string,
    def: UpdateDefinition<Ret, [Arg]>,
    updateId: string | undefined,
    arg: Arg,
  ): Promise<Ret> {
    try {
      const handle = this.client.workflow.getHandle(workflowId);
      return await handle.executeUpdate(def, { args: [arg], updateId });
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    if (error instanceof WorkflowUpdateFailedError) {
      if (error.cause instanceof ApplicationFailure) {
        const type = error.cause.type ?? '';
        const code = ERROR_CODES.includes(type) ? (type as ErrorCode) : ErrorCode.Conflict;
        return new DomainError(code, error.cause.message);
      }
      return new DomainError(ErrorCode.Conflict, 'the review changed while this was applied (it is ending); reload');
    }
    if (error instanceof WorkflowNotFoundError) {
      return new DomainError(
        ErrorCode.Conflict,
        'the review of this plan is not running (it has ended or not started)',
      );
    }
    if (error instanceof ServiceError) {
      const message = error.message.toLowerCase();
      if (message.includes('workflow execution already completed') || message.includes('not found')) {
        return new DomainError(ErrorCode.Conflict, 'the review of this plan has already ended');
      }
      return new DomainError(
        ErrorCode.Unavailable,
        `the workflow service is unavailable: ${error.message}; retry shortly`,
      );
    }
    return error;
  }
}
