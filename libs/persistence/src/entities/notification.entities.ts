import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One notification of one event to one recipient: a user's e-mail or an admin's webhook
 * (DOMAIN §8). Unique on (event, channel, target): an event is delivered to a recipient once,
 * however often its workflow or activity runs. `status` is `pending` while attempts go on,
 * `delivered`, or `failed` once the retries are given up (listed for the admins).
 *
 * One writer: the worker's notification activities, through
 * libs/persistence/src/repositories/notification-deliveries.ts.
 */
@Entity('notification_deliveries')
@Index('uq_notification_deliveries_target', ['eventKey', 'channel', 'target'], { unique: true })
@Index('idx_notification_deliveries_failed', ['updatedAt'], { where: `"status" = 'failed'` })
@Index('idx_notification_deliveries_webhook', ['target', 'createdAt'], { where: `"channel" = 'webhook'` })
export class NotificationDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'event_key', type: 'varchar', length: 300 })
  eventKey: string;

  @Column({ name: 'event_id', type: 'bigint' })
  eventId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 40 })
  eventType: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** `email` or `webhook`. */
  @Column({ type: 'varchar', length: 16 })
  channel: 'email' | 'webhook';

  /** The user's id (e-mail) or the webhook's id. */
  @Column({ type: 'varchar', length: 200 })
  target: string;

  /** The e-mail address or the webhook's URL at the time. */
  @Column({ type: 'varchar', length: 2000 })
  address: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'pending' | 'delivered' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /**
   * When the notification consumer may (next) attempt it; past a claimed attempt's timeout while
   * that attempt runs. NULL: the delivery of a `notifyWorkflow` (0.4), which that workflow drives.
   */
  @Index('idx_notification_deliveries_due', { where: `"status" = 'pending'` })
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;
}

/**
 * Every attempt of a delivery and its outcome, keyed by the delivery and the attempt's number
 * (Temporal's activity attempt), so a retried write records an attempt once.
 *
 * One writer: the worker's notification activities (repositories/notification-deliveries.ts).
 */
@Entity('notification_attempts')
export class NotificationAttemptEntity {
  @PrimaryColumn({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @PrimaryColumn({ type: 'int' })
  attempt: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'boolean' })
  ok: boolean;

  /** The webhook receiver's HTTP status, or the SMTP server's reply code. */
  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}

/**
 * The notifications a user turned off (DOMAIN §8): optional kinds only, the required ones
 * always reach them.
 *
 * One writer: the API's NotificationPreferencesService, through repositories/notification-preferences.ts.
 */
@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 200 })
  userId: string;

  @Column({ type: 'varchar', length: 40, array: true })
  disabled: string[];

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A webhook an admin registered: the URL, the event types it wants and the secret its
 * deliveries are signed with (Standard Webhooks).
 *
 * One writer: the API's WebhooksService, through repositories/webhooks.ts.
 */
@Entity('webhooks')
export class WebhookEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 40, array: true })
  events: string[];

  @Column({ type: 'varchar', length: 200 })
  secret: string;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
