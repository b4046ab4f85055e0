import { CancellationScope, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DomainEvent, EventType } from '../../libs/domain/src/event.types';
import type { VersionRef } from '../../libs/domain/src/plan.types';
import type { PlanActivities, ProjectionBatch } from './activities.contract';

/** Activities retry until PostgreSQL answers again: a database outage delays the process, never loses it. */
export const activities = proxyActivities<PlanActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '15s' },
});

/**
 * Writes the workflow's projection into PostgreSQL, and builds its domain events with keys
 * that are deterministic (`<workflowId>/<runId>#<n>`): a replayed or retried write is a no-op.
 *
 * Batches are written one after the other, in the order the workflow made them, so a slow or
 * retried batch can never land after a later one. A batch that has started is finished even
 * when its scope is cancelled (a withdrawal), so the final projection is always the last word.
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
      CancellationScope.nonCancellable(() => activities.project({ planId: this.planId, ...batch })),
    );
    this.queue = written.catch(() => undefined);
    return written;
  }
}
