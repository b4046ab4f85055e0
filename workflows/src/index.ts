/** Every workflow the worker registers. Deterministic code only: see the lint rules for this folder. */
export { planReviewWorkflow } from './plan-review.workflow';
export { nationalConsultationWorkflow } from './national-consultation.workflow';
export { notifyWorkflow } from './notification.workflow';
