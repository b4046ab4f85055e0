/**
 * The patches a review's code runs under (docs/workflow-versions.md): each id names a change of the
 * commands a review sends; reviews started before it keep the order they were recorded with.
 */

/**
 * The id of the patch under which a review takes fewer Temporal steps per decision (v0.3): the
 * lookups are local activities, inside the workflow task that needs them; a stage change's records
 * are one write; a timer runs on until its time changes; the search attributes follow each
 * transition. Every write stays an activity (an Update's write is scheduled with its acceptance,
 * never before). Reviews started before it keep the 0.2 command order (docs/workflow-versions.md).
 */
export const ONE_STEP_DECISIONS = 'v0.3-one-step-decisions';

/**
 * The patch from which the review's events say what the rules of DOMAIN §5 and §6 ask (v0.5): a
 * `REVISION_REQUESTED` after a consultation names the objecting bodies, their reasons and the
 * objector; the secretariat's `STAGE_COMPLETED` names the reviewer; `COMMENT_POSTED` keeps the
 * comment's text; a task whose due date closes it (consultation, endorsement) gets no
 * `TASK_OVERDUE`. Reviews started before it keep their events as they were (docs/workflow-versions.md).
 */
export const RULE_EVENTS = 'v0.5-rule-events';

/**
 * The id of the patch under which a decision takes one workflow task (v0.5, on top of
 * ONE_STEP_DECISIONS): the Update's handler validates, completes the task in the workflow's state
 * and returns its outcome in the workflow task that accepts it; the write of the decision's records
 * is an activity scheduled in that same task (dispatched eagerly to the worker that completes it),
 * which the handler does not wait for. The Update's acceptance is still in the history before the
 * write can start. Reviews started before it keep the 0.3 path (docs/workflow-versions.md).
 */
export const ONE_TASK_DECISIONS = 'v0.5-one-task-decisions';

/**
 * The patch from which an endorsed review ends by issuing the plan's adoption record (DOMAIN §10,
 * v0.4). Reviews that ended before it replay without the step (docs/workflow-versions.md).
 */
export const ADOPTION_RECORD = 'v0.4-adoption-record';

/**
 * The patch from which a version attached to a disposition that adds bodies or countries has them
 * consulted before the secretariat's review (DOMAIN §4.1, item 10 of the rule fixes; 0.6). Decided
 * when such a version arrives, so reviews without one record no marker; reviews that passed that
 * point before it went straight to the secretariat (docs/workflow-versions.md).
 */
export const DISPOSITION_CONSULTS_NEW = 'v0.6-disposition-consults-new';

/**
 * The patch from which a review's writes are activities named for the business step they record
 * (0.6), so that a history reads like DOMAIN §4: `recordSubmission`, `enterStage`,
 * `recordDecision`, `completeStage`, `requestRevision`, … instead of `writeReviewRecords` each time.
 * Every step is the same write (one transaction of idempotent records, `writeReviewRecords` in the
 * persistence library); only the activity's name in the history changes. Reviews started before
 * it keep calling `writeReviewRecords` (docs/workflow-versions.md).
 */
export const NAMED_STEPS = 'v0.6-named-steps';
