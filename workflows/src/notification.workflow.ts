import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities, NotifyInput, NotifyResult, PlannedDelivery } from './notification.contract';

/** Reads and bookkeeping: retried until PostgreSQL answers again. */
const bookkeeping = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/**
 * The notifications of one event (DOMAIN §8), started as `notify/<event key>` by whoever has
 * just committed the event, so that a second start is a no-op: the event is notified once.
 * Who hears about it is decided once (`planNotification`, which records a delivery for each
 * recipient); then each delivery is attempted with its own bounded retries and backoff. A
 * delivery whose retries run out is recorded as failed, for the admins to see; the others go on.
 */
export async function notifyWorkflow(input: NotifyInput): Promise<NotifyResult> {
  const { retry } = input;
  const delivery = proxyActivities<NotificationActivities>({
    startToCloseTimeout: '2m',
    retry: {
      maximumAttempts: retry.maximumAttempts,
      initialInterval: retry.initialIntervalMs,
      maximumInterval: retry.maximumIntervalMs,
      backoffCoefficient: 2,
      nonRetryableErrorTypes: ['DeliveryRefused'],
    },
  });
  const planned = await bookkeeping.planNotification(input.eventKey);
  const outcomes = await Promise.all(
    planned.map(async (d: PlannedDelivery) => {
      try {
        await delivery.deliverNotification(d);
        return true;
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        const cause = error.cause;
        const reason = cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : error.message;
        await bookkeeping.giveUpDelivery(d, reason);
        return false;
      }
    }),
  );
  return { delivered: outcomes.filter(Boolean).length, failed: outcomes.filter((ok) => !ok).length };
}
