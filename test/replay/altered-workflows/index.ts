import { proxyActivities } from '@temporalio/workflow';
import type { PlanActivities } from '@aoc/workflows/activities.contract';
import type { PlanReviewInput, PlanReviewResult } from '@aoc/workflows/contracts';
import { planReviewWorkflow as released } from '@aoc/workflows/plan-review.workflow';

export { nationalConsultationWorkflow } from '@aoc/workflows/national-consultation.workflow';

/**
 * The released workflows with one deliberate, unpatched change, for the replay test's negative
 * control: planReviewWorkflow first asks for the Group of Friends seats, an extra activity that
 * every recorded history lacks. No worker ever registers this code.
 */
const { readGofSeats } = proxyActivities<PlanActivities>({ startToCloseTimeout: '30s' });

export async function planReviewWorkflow(input: PlanReviewInput): Promise<PlanReviewResult> {
  await readGofSeats();
  return released(input);
}
