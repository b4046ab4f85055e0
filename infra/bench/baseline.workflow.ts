/**
 * The bench's yardstick (issue 12): the smallest workflow that takes the product's completeTask
 * Update (same name, same request) and answers it at once. No activity, no database, no HTTP: the
 * time a decision takes through it is what Temporal alone costs on this server.
 */
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import type { CompleteTaskRequest } from '@aoc/workflows/contracts';

export const completeTaskUpdate = defineUpdate<{ taskId: string; decision: string }, [CompleteTaskRequest]>(
  'completeTask',
);
export const finishSignal = defineSignal('finish');

export async function baselineReview(): Promise<void> {
  let finished = false;
  setHandler(completeTaskUpdate, (request) => ({ taskId: request.taskId, decision: request.input.decision }));
  setHandler(finishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
}

/**
 * The yardstick of a whole review: a workflow that takes `updates` completeTask Updates, answering
 * each at once, and then ends, as a walked plan takes its Updates and ends ENDORSED.
 */
export async function baselinePlan(updates: number): Promise<void> {
  let taken = 0;
  setHandler(completeTaskUpdate, (request) => {
    taken++;
    return { taskId: request.taskId, decision: request.input.decision };
  });
  await condition(() => taken >= updates);
}
