import type { TaskResponse } from './dto/task.responses';
import type { TaskEntity } from '@aoc/persistence';

export function taskView(task: TaskEntity, latestVersion?: number): TaskResponse {
  return {
    id: task.id,
    planId: task.planId,
    stage: task.stage,
    type: task.type,
    status: task.status,
    assignee: task.assignee,
    candidate: task.candidate,
    claimedBy: task.claimedBy,
    dueAt: task.dueAt.toISOString(),
    createdAt: task.createdAt.toISOString(),
    version: { number: task.versionNumber, hash: task.versionHash },
    stale: latestVersion !== undefined && task.versionNumber < latestVersion,
    outcome:
      task.status === 'completed'
        ? {
            decision: task.decision,
            comment: task.comment ?? undefined,
            reason: task.reason ?? undefined,
            dispositions: task.dispositions ?? undefined,
            completedBy: task.completedBy,
            completedAt: task.completedAt?.toISOString(),
          }
        : undefined,
  };
}
