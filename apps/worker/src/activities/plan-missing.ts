import { log, metricMeter } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { RECORDS_REFUSED, type ReviewRecords } from '@aoc/workflows/activities.contract';

/**
 * Counts the review records refused because their plan is not in PostgreSQL (the two stores
 * disagree): `aoc_review_records_plan_missing` on the worker's metrics (WORKER_METRICS_PORT).
 */
export const PLAN_MISSING_METRIC = 'aoc_review_records_plan_missing';

/** SQLSTATE foreign_key_violation. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Whether PostgreSQL refused a review's records for a foreign key. Every foreign key of those
 * records is to `plans`: the plan row is gone while its workflow runs on (PostgreSQL restored from
 * a backup older than the plan, or the row deleted; docs/operations.md, "When PostgreSQL and
 * Temporal disagree"). No retry can mend that.
 */
export function isPlanMissing(error: unknown): boolean {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ??
    (error as { code?: unknown }).code;
  return code === FOREIGN_KEY_VIOLATION;
}

/**
 * The end of a write whose plan is gone. It fails at once, not retryable (RECORDS_REFUSED), so
 * that the workflow escalates (workflows/src/journal.ts) and the review goes on instead of
 * retrying forever. That escalation (an `ESCALATED` event) cannot be written either, since events
 * have a foreign key to plans: its write is then this line in the worker's log and the metric,
 * and ends without an error. The review waits, as it would, for people and for an admin, who
 * cancels it with `temporal workflow cancel --workflow-id plan-<id>` (the API knows no such plan).
 */
export function planMissing(records: ReviewRecords, error: Error): void {
  metricMeter
    .createCounter(PLAN_MISSING_METRIC, 'records', 'review records refused: their plan is not in PostgreSQL')
    .add(1);
  const events = records.events ?? [];
  if (events.length > 0 && events.every((e) => e.type === 'ESCALATED')) {
    log.error('plan is not in PostgreSQL while its review runs: escalated here; an admin must cancel its workflow', {
      planId: records.planId,
      escalations: events.map((e) => e.payload),
    });
    return;
  }
  throw ApplicationFailure.create({
    type: RECORDS_REFUSED,
    nonRetryable: true,
    message:
      `plan ${records.planId} is not in PostgreSQL (restored from an older backup?): ` +
      `its records cannot be written (SQLSTATE ${FOREIGN_KEY_VIOLATION}): ${error.message}`,
    details: [{ sqlState: FOREIGN_KEY_VIOLATION, planMissing: true }],
  });
}
