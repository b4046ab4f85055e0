import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DomainEvent, EventType } from '../../libs/domain/src/event.types';
import type { VersionRef } from '../../libs/domain/src/plan.types';
import type { PlanActivities, ProjectionBatch } from './activities.contract';

/** Activities retry until PostgreSQL answers again: a database outage delays the process, never loses it. */
export const activities = proxyActivities<PlanActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '15s' },
});

/**
 * Builds domain events with deterministic keys (`<workflowId>#<n>`) and writes projection
 * batches. Replays produce the same keys, so a retried write is a no-op.
 */
export class Projector {
  private seq = 0;
  readonly workflowId = workflowInfo().workflowId;

  constructor(readonly planId: string) {}

  event(
    type: EventType,
    actor: string,
    version: VersionRef | undefined,
    payload: Record<string, unknown> = {},
  ): DomainEvent {
    return {
      key: `${this.workflowId}#${++this.seq}`,
      planId: this.planId,
      type,
      actor,
      version,
      at: Date.now(),
      payload,
    };
  }

  async write(batch: Omit<ProjectionBatch, 'planId'>): Promise<void> {
    await activities.project({ planId: this.planId, ...batch });
  }
}
