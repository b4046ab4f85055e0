import type { PlanEvent } from '../api/client';

export interface WaitingTask {
  taskId: string;
  taskType: string;
  stage: string;
  candidate: { role?: string; country?: string; body?: string; seat?: string };
  assignee?: string | null;
  claimedBy?: string | null;
  dueAt: string;
}

/**
 * Who a plan is waiting on, from its timeline: the tasks created and not yet completed or
 * cancelled, with their moved deadlines, reassignments and claims.
 */
export function waitingOnFromTimeline(events: PlanEvent[]): WaitingTask[] {
  const open = new Map<string, WaitingTask>();
  for (const event of events) {
    const p = event.payload as Record<string, unknown>;
    const taskId = typeof p.taskId === 'string' ? p.taskId : undefined;
    if (!taskId) continue;
    const task = open.get(taskId);
    switch (event.type) {
      case 'TASK_CREATED':
        open.set(taskId, {
          taskId,
          taskType: String(p.taskType ?? ''),
          stage: String(p.stage ?? ''),
          candidate: (p.candidate ?? {}) as WaitingTask['candidate'],
          assignee: (p.assignee as string | undefined) ?? null,
          claimedBy: null,
          dueAt: String(p.dueAt ?? ''),
        });
        break;
      case 'TASK_COMPLETED':
      case 'TASK_CANCELLED':
        open.delete(taskId);
        break;
      case 'DEADLINE_EXTENDED':
        if (task && typeof p.dueAt === 'string') task.dueAt = p.dueAt;
        break;
      case 'TASK_REASSIGNED':
        if (task) task.assignee = (p.to as string | undefined) ?? null;
        break;
      case 'TASK_CLAIMED':
        if (task) task.claimedBy = event.actor;
        break;
      case 'TASK_UNCLAIMED':
        if (task) task.claimedBy = null;
        break;
    }
  }
  return [...open.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
