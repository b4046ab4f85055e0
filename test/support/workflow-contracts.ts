/** The workflow contracts the tests drive, in one import. */
export * from '@aoc/workflows/contracts';
export { planReviewWorkflow } from '@aoc/workflows/plan-review.workflow';
export { notifyWorkflow } from '@aoc/workflows/notification.workflow';
