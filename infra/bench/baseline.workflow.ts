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
