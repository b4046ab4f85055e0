import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { NotificationAttemptEntity, NotificationDeliveryEntity } from '../entities/notification.entities';

/**
 * The only writer of `notification_deliveries` and `notification_attempts` (DOMAIN §8), called
 * by the worker's notification activities. Every write is keyed: a delivery by (event, channel,
 * target), an attempt by (delivery, attempt number), so a retried activity records nothing twice.
 * Also their reads: a delivery to attempt, and the delivery log the API shows the admins.
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
  /** Whether the notification consumer drives it (else a 0.4 `notifyWorkflow` does). */
  byConsumer: boolean;
}

/**
 * Opens the delivery of an event to a target, or finds the one opened before. `byConsumer`: the
 * notification consumer opens it, due at once (`next_attempt_at`); a `notifyWorkflow` (0.4) opens
 * it without, and drives it itself. Whoever opened it first keeps it.
 */
export async function openDelivery(db: EntityManager, t: DeliveryTarget, byConsumer = false): Promise<OpenDelivery> {
  const rows = (await db.query(
    `INSERT INTO notification_deliveries (id, event_key, event_id, event_type, plan_id, channel, target, address, status, next_attempt_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'pending', CASE WHEN $9 THEN now() END)
     ON CONFLICT (event_key, channel, target) DO UPDATE SET event_key = EXCLUDED.event_key
     RETURNING id, status, next_attempt_at IS NOT NULL AS "byConsumer"`,
    [randomUUID(), t.eventKey, t.eventId, t.eventType, t.planId, t.channel, t.target, t.address, byConsumer],
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

/**
 * Takes up to `limit` events from the outbox (oldest first), skipping rows another consumer holds,
 * and deletes them: call it in the transaction that opens their deliveries, so that a consumer that
 * dies before its commit leaves them in the outbox for the next. An event whose row is gone is
 * skipped (its plan was deleted).
 */
export async function takeOutboxEvents(
  tx: EntityManager,
  limit: number,
): Promise<{ eventId: string; key: string; type: string }[]> {
  return (await tx.query(
    `WITH taken AS (
       DELETE FROM notification_outbox WHERE event_id IN (
         SELECT event_id FROM notification_outbox ORDER BY event_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING event_id)
     SELECT e.id AS "eventId", e.key, e.type FROM taken JOIN events e ON e.id = taken.event_id ORDER BY e.id`,
    [limit],
  )) as { eventId: string; key: string; type: string }[];
}

/** A delivery the consumer claimed for one attempt. */
export interface ClaimedDelivery {
  id: string;
  /** This attempt's number, from 1. */
  attempt: number;
}

/**
 * Claims up to `limit` of the consumer's deliveries that are due, skipping those another consumer
 * is claiming: each one's attempt count goes up and its next attempt moves `holdMs` away, so that
 * while this attempt runs nobody else takes it, and if its consumer dies it is taken again then.
 */
export async function claimDueDeliveries(db: EntityManager, limit: number, holdMs: number): Promise<ClaimedDelivery[]> {
  return (await db.query(
    `WITH claimed AS (
       UPDATE notification_deliveries d
          SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::float8 / 1000), updated_at = now()
        WHERE d.id IN (
          SELECT id FROM notification_deliveries
           WHERE status = 'pending' AND next_attempt_at <= now()
           ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.attempts)
     SELECT id, attempts AS attempt FROM claimed`,
    [limit, holdMs],
  )) as ClaimedDelivery[];
}

/** A failed attempt's delivery is tried again after `delayMs` (unless it was delivered meanwhile). */
export async function retryDeliveryLater(db: EntityManager, deliveryId: string, delayMs: number): Promise<void> {
  await db.query(
    `UPDATE notification_deliveries SET next_attempt_at = now() + make_interval(secs => $2::float8 / 1000), updated_at = now()
     WHERE id = $1 AND status = 'pending'`,
    [deliveryId, delayMs],
  );
}

/** The delivery, which must exist (TypeORM's EntityNotFoundError otherwise). */
export function findDeliveryOrFail(
  db: Pick<EntityManager, 'getRepository'>,
  id: string,
): Promise<NotificationDeliveryEntity> {
  return db.getRepository(NotificationDeliveryEntity).findOneByOrFail({ id });
}

/** A delivery of the log, with its attempts in order. */
export interface LoggedDelivery {
  delivery: NotificationDeliveryEntity;
  attempts: NotificationAttemptEntity[];
}

/**
 * A page of the delivery log (newest first) of the deliveries that match `where`, with their
 * attempts, and how many match in all.
 */
export async function deliveryLog(
  db: Pick<EntityManager, 'getRepository'>,
  where: Partial<Pick<NotificationDeliveryEntity, 'channel' | 'target' | 'status'>>,
  page: { offset: number; limit: number },
): Promise<{ items: LoggedDelivery[]; total: number }> {
  const [rows, total] = await db.getRepository(NotificationDeliveryEntity).findAndCount({
    where,
    order: { createdAt: 'DESC', id: 'ASC' },
    skip: page.offset,
    take: page.limit,
  });
  const attempts = rows.length
    ? await db
        .getRepository(NotificationAttemptEntity)
        .createQueryBuilder('a')
        .where('a.delivery_id = ANY(:ids)', { ids: rows.map((r) => r.id) })
        .orderBy('a.attempt', 'ASC')
        .getMany()
    : [];
  return {
    items: rows.map((delivery) => ({ delivery, attempts: attempts.filter((a) => a.deliveryId === delivery.id) })),
    total,
  };
}
