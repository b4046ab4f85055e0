import { CancellationScope, allHandlersFinished, condition } from '@temporalio/workflow';
import type { ConsultationAnswer, ConsultationDecision } from '@aoc/domain/review/plan-review.state';
import type { NationalConsultationInput, NationalConsultationResult } from './contracts';
import { Projector } from './projector';
import { TaskRunner } from './task-runner';

/**
 * The national consultation of one country (DOMAIN §4.1): one task per consultee body. It
 * ends when every body has answered or its deadline has passed (silence is `no_response`).
 * A regional strategy runs one of these per participating country, in parallel.
 */
export async function nationalConsultationWorkflow(
  input: NationalConsultationInput,
): Promise<NationalConsultationResult> {
  const projector = new Projector(input.planId);
  const runner = new TaskRunner(projector, input.submittedBy, () => input.version);
  // The parent cancels this consultation when the plan is withdrawn or cancelled.
  CancellationScope.current().cancelRequested.catch(() => runner.close('the review has ended'));
  const dueAt = Date.now() + input.durationMs;

  const tasks = await runner.open(
    input.bodies.map((body) => ({
      type: 'consultation' as const,
      stage: 'NATIONAL_CONSULTATION' as const,
      candidate: { role: 'consultee' as const, country: input.country, body },
      dueAt,
    })),
  );
  await runner.runUntil(() => runner.book.open().length === 0);
  await condition(allHandlersFinished);

  return tasks.map((task): ConsultationAnswer => {
    const outcome = task.outcome!;
    return {
      country: input.country,
      body: task.candidate.body!,
      decision: outcome.decision as ConsultationDecision,
      comment: outcome.comment,
      reason: outcome.reason,
      actor: outcome.actor,
      version: outcome.version,
    };
  });
}
