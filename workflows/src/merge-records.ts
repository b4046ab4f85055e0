import type { ReviewRecords } from './activities.contract';

/** Two records of the same plan as one: lists joined in order, the later status winning. */
export function mergeRecords(
  a: Omit<ReviewRecords, 'planId'>,
  b: Omit<ReviewRecords, 'planId'>,
): Omit<ReviewRecords, 'planId'> {
  const merged: Omit<ReviewRecords, 'planId'> = { ...a, ...b };
  const lists = [
    'events',
    'createTasks',
    'completeTasks',
    'reassignTasks',
    'claimTasks',
    'moveDeadlines',
    'postComments',
    'hideComments',
    'disposeComments',
  ] as const;
  for (const key of lists) {
    const joined = [...(a[key] ?? []), ...(b[key] ?? [])];
    if (joined.length > 0) (merged as Record<string, unknown>)[key] = joined;
  }
  if (a.cancelTasks || b.cancelTasks) {
    merged.cancelTasks =
      a.cancelTasks === 'all-open' || b.cancelTasks === 'all-open'
        ? 'all-open'
        : [...(a.cancelTasks ?? []), ...(b.cancelTasks ?? [])];
  }
  merged.status = b.status ?? a.status;
  if (!merged.status) delete merged.status;
  return merged;
}
