/**
 * How a review calls its activities: the writes as activities, the lookups (from
 * ONE_STEP_DECISIONS on) as local activities in the workflow task that needs them.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { PlanActivities } from './activities.contract';
import type { ReviewActivities } from './record-steps';

/**
 * Activities retry until PostgreSQL answers again: a database outage delays the process, never
 * loses it. A write is one short transaction, so an attempt lost with its worker (a crash) is
 * retried after 10 s rather than holding the decision that waits on it any longer.
 */
export const activities = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '15s' },
});

/**
 * The same activities run as local activities, in the workflow task that asks for them: the
 * lookups only (ONE_STEP_DECISIONS), which write nothing. A lookup is one short query: an attempt
 * that has not finished in 5 s (PostgreSQL stalled) is abandoned and retried, with the same backoff
 * as the remote activities; while PostgreSQL is down, the attempts back off up to 15 s apart and
 * the worker keeps the workflow task alive (it heartbeats a task held by a local activity). A
 * worker that dies mid-lookup leaves the workflow task to time out; the next worker reads again.
 */
export const localActivities = proxyLocalActivities<PlanActivities>({
  startToCloseTimeout: '5s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '15s' },
});

/** The lookups a review makes: activities (0.2) or local activities (from ONE_STEP_DECISIONS on). */
export const lookupsFor = (oneStep: boolean): Pick<PlanActivities, 'readPlanVersion' | 'readGofSeats'> =>
  oneStep ? localActivities : activities;
