import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  log,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '@aoc/domain/actor';
import type { DomainEvent, EventType } from '@aoc/domain/event.types';
import type { VersionRef } from '@aoc/domain/plan.types';
import { PROJECTION_REFUSED, PlanActivities, ProjectionBatch } from './activities.contract';

/**
 * Activities retry until PostgreSQL answers again: a database outage delays the process, never
 * loses it. A batch is one short transaction, so an attempt lost with its worker (a crash) is
 * retried after 10 s rather than holding the decision that waits on it any longer.
 */
export const activities = proxyActivities<PlanActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '15s' },
});

/**
 * Writes the workflow's projection into PostgreSQL, and builds its domain events with keys
 * that are deterministic (`<workflowId>/<runId>#<n>`): a replayed or retried write is a no-op.
 *
 * Batches are written one after the other, in the order the workflow made them, so a slow or
 * retried batch can never land after a later one. A batch that has started is finished even
 * when its scope is cancelled (a withdrawal), so the final projection is always the last word.
 *
 * A batch that PostgreSQL refuses for its data fails at once instead of retrying forever: the
 * review goes on, and an `ESCALATED` event tells the admins what was not written.
 */
export class Projector {
  private seq = 0;
  private queue: Promise<void> = Promise.resolve();
  readonly workflowId = workflowInfo().workflowId;
  private readonly runId = workflowInfo().runId;

  constructor(readonly planId: string) {}

  event(
    type: EventType,
    actor: string,
    version: VersionRef | undefined,
    payload: Record<string, unknown> = {},
  ): DomainEvent {
    return {
      key: `${this.workflowId}/${this.runId}#${++this.seq}`,
      planId: this.planId,
      type,
      actor,
      version,
      at: Date.now(),
      payload,
    };
  }

  write(batch: Omit<ProjectionBatch, 'planId'>): Promise<void> {
    const written = this.queue.then(() =>
      CancellationScope.nonCancellable(() =>
        activities.project({ planId: this.planId, ...batch }).catch((error: unknown) => this.escalate(batch, error)),
      ),
    );
    this.queue = written.catch(() => undefined);
    return written;
  }

  /** Reports a refused batch to the admins, with what it would have written but none of its data. */
  private async escalate(batch: Omit<ProjectionBatch, 'planId'>, error: unknown): Promise<void> {
    const refusal = error instanceof ActivityFailure ? error.cause : undefined;
    if (!(refusal instanceof ApplicationFailure) || refusal.type !== PROJECTION_REFUSED) throw error;
    log.error('projection refused by PostgreSQL; the review goes on', { planId: this.planId, error: refusal.message });
    const escalation = this.event('ESCALATED', SYSTEM_ACTOR, batch.status?.version ?? batch.events?.[0]?.version, {
      reason: 'projection refused by PostgreSQL',
      error: refusal.message,
      sqlState: (refusal.details?.[0] as { sqlState?: string } | undefined)?.sqlState,
      unwritten: {
        events: batch.events?.map((e) => ({ key: e.key, type: e.type })) ?? [],
        createdTasks: batch.createTasks?.map((t) => t.id) ?? [],
        completedTasks: batch.completeTasks?.map((c) => c.outcome.taskId) ?? [],
        postedComments: batch.postComments?.map((c) => c.id) ?? [],
        status: batch.status?.status,
      },
    });
    await activities.project({ planId: this.planId, events: [escalation] });
  }
}
