import { CancellationScope, patched, setHandler } from '@temporalio/workflow';
import type { ConsultationAnswer } from '@aoc/domain/review/plan-review.state';
import { CANDIDATE_ROLES } from '@aoc/domain/task.types';
import {
  NationalConsultationInput,
  NationalConsultationResult,
  claimTaskUpdate,
  completeTaskUpdate,
  extendDeadlineUpdate,
  reassignTaskUpdate,
  releaseTaskUpdate,
} from './contracts';
import { Journal } from './journal';
import { NAMED_STEPS, ONE_STEP_DECISIONS, ONE_TASK_DECISIONS, RULE_EVENTS } from './review-patches';
import { TaskRunner, guard } from './task-runner';

/**
 * The national consultation of one country (DOMAIN §4.1): one task per consultee body. It
 * ends when every body has answered or its deadline has passed: a body's silence is
 * `no_response`, not an objection. A regional strategy runs one of these per participating
 * country, in parallel.
 */
export async function nationalConsultationWorkflow(
  input: NationalConsultationInput,
): Promise<NationalConsultationResult> {
  // Decided once, first: a consultation started before 0.3 keeps the 0.2 command order to its end,
  // one started before 0.5 the 0.3 one. From 0.5 (RULE_EVENTS) a body's silence at the due date is
  // not an overdue task, and (ONE_TASK_DECISIONS) a decision's Update does not wait for its write.
  const oneStep = patched(ONE_STEP_DECISIONS);
  const ruleEvents = patched(RULE_EVENTS);
  const oneTask = oneStep && patched(ONE_TASK_DECISIONS);
  // From 0.6 (NAMED_STEPS) each write is the activity named for the step it records.
  const journal = new Journal(input.planId, oneStep, ruleEvents, oneTask, oneTask && patched(NAMED_STEPS));
  const runner = new TaskRunner(journal, input.submittedBy, () => input.version);

  // Messages: every Update this workflow takes.
  setHandler(completeTaskUpdate, runner.complete, { validator: guard(runner.validateCompletion) });
  setHandler(claimTaskUpdate, runner.claim, { validator: guard(runner.validateClaim) });
  setHandler(releaseTaskUpdate, runner.release, { validator: guard(runner.validateRelease) });
  setHandler(extendDeadlineUpdate, runner.extendTask, { validator: guard(runner.validateTaskExtension) });
  setHandler(reassignTaskUpdate, runner.reassign, { validator: guard(runner.validateReassignment) });

  // The parent cancels this consultation when the plan is withdrawn or cancelled.
  CancellationScope.current().cancelRequested.catch(() => runner.close('the review has ended'));

  const tasks = await runner.open(
    input.bodies.map((body) => ({
      type: 'consultation' as const,
      stage: 'NATIONAL_CONSULTATION' as const,
      candidate: { role: CANDIDATE_ROLES.consultation, country: input.country, body },
      dueAt: Date.now() + input.durationMs,
    })),
    'no_response',
  );
  await runner.runUntil(() => runner.book.open().length === 0);
  // One task: the last decision's write may still be running; the consultation ends after it.
  if (journal.oneTask) await journal.settled();

  return tasks.map((task): ConsultationAnswer => {
    const outcome = task.outcome!;
    return {
      country: input.country,
      body: task.candidate.body!,
      decision: outcome.decision,
      comment: outcome.comment,
      reason: outcome.reason,
      actor: outcome.actor,
      version: outcome.version,
    };
  });
}
