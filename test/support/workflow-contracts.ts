/** The workflow contracts the tests drive, in one import. */
export * from '../../workflows/src/contracts';
export { planReviewWorkflow } from '../../workflows/src/plan-review.workflow';
