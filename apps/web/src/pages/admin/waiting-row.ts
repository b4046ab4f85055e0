/** One row of "waiting on": a task (or a revision, or a comment window) a plan waits for. */
export interface WaitingRow {
  key: string;
  taskId?: string;
  planId: string;
  planTitle: string;
  kind: string;
  taskType?: string;
  stage: string;
  role?: string;
  country?: string | null;
  body?: string | null;
  seat?: string | null;
  assignee?: string | null;
  claimedBy?: string | null;
  dueAt: string | null;
  overdue: boolean;
}
