/** The contract of the notification workflow (DOMAIN §8): its input and its activities. */

/** Each delivery's retries (NOTIFICATION_RETRY_*): attempts in all, doubling waits between them. */
export interface DeliveryRetry {
  maximumAttempts: number;
  initialIntervalMs: number;
  maximumIntervalMs: number;
}

export interface NotifyInput {
  /** The event's key in the `events` table. */
  eventKey: string;
  retry: DeliveryRetry;
}

/** One delivery to make: a row of `notification_deliveries`, by channel. */
export interface PlannedDelivery {
  deliveryId: string;
  channel: 'email' | 'webhook';
  /** The user's id or the webhook's id, for the history. */
  target: string;
}

export interface NotifyResult {
  delivered: number;
  failed: number;
}

/** The failure type of a delivery that no retry can mend (a refused address, a removed webhook). */
export const DELIVERY_REFUSED = 'DeliveryRefused';

export interface NotificationActivities {
  /** Who hears about the event (users by e-mail, webhooks): opens a delivery row for each, once. */
  planNotification(eventKey: string): Promise<PlannedDelivery[]>;
  /** One attempt of one delivery; each attempt's outcome is recorded. Throws to be retried. */
  deliverNotification(delivery: PlannedDelivery): Promise<void>;
  /** Records that the retries were given up: the delivery is listed as failed for the admins. */
  giveUpDelivery(delivery: PlannedDelivery, reason: string): Promise<void>;
}
