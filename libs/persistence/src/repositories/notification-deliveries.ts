import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * The only writer of `notification_deliveries` and `notification_attempts` (DOMAIN §8), called
 * by the worker's notification activities. Every write is keyed: a delivery by (event, channel,
 * target), an attempt by (delivery, attempt number), so a retried activity records nothing twice.
 */
export interface DeliveryTarget {
  eventKey: string;
  eventId: string;
  eventType: string;
  planId: string;
  channel: 'email' | 'webhook';
  target: string;
  address: string;
}

export interface OpenDelivery {
  id: string;
  status: 'pending' | 'delivered' | 'failed';
}

/** Opens the delivery of an event to a target, or finds the one opened before. */
export async function openDelivery(db: EntityManager, t: DeliveryTarget): Promise<OpenDelivery> {
  const rows = (await db.query(
    `INSERT INTO notification_deliveries (id, event_key, event_id, event_type, plan_id, channel, target, address, status)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'pending')
     ON CONFLICT (event_key, channel, target) DO UPDATE SET event_key = EXCLUDED.event_key
     RETURNING id, status`,
    [randomUUID(), t.eventKey, t.eventId, t.eventType, t.planId, t.channel, t.target, t.address],
  )) as OpenDelivery[];
  return rows[0];
}

export interface AttemptOutcome {
  ok: boolean;
  statusCode?: number;
  error?: string;
}

/** Records one attempt's outcome; a success marks the delivery delivered. */
export async function recordAttempt(
  db: EntityManager,
  deliveryId: string,
  attempt: number,
  outcome: AttemptOutcome,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO notification_attempts (delivery_id, attempt, at, ok, status_code, error)
       VALUES ($1,$2,now(),$3,$4,$5) ON CONFLICT (delivery_id, attempt) DO NOTHING`,
      [deliveryId, attempt, outcome.ok, outcome.statusCode ?? null, outcome.error?.slice(0, 2000) ?? null],
    );
    await tx.query(
      `UPDATE notification_deliveries SET attempts = GREATEST(attempts, $2), updated_at = now(),
         status = CASE WHEN $3 THEN 'delivered' ELSE status END,
         delivered_at = CASE WHEN $3 THEN now() ELSE delivered_at END,
         last_error = CASE WHEN $3 THEN last_error ELSE $4 END
       WHERE id = $1 AND status <> 'delivered'`,
      [deliveryId, attempt, outcome.ok, outcome.error?.slice(0, 2000) ?? null],
    );
  });
}

/** The retries were given up: the delivery is failed (never a delivered one). */
export async function giveUpDelivery(db: EntityManager, deliveryId: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE notification_deliveries SET status = 'failed', updated_at = now(), last_error = COALESCE(last_error, $2)
     WHERE id = $1 AND status = 'pending'`,
    [deliveryId, reason.slice(0, 2000)],
  );
}
