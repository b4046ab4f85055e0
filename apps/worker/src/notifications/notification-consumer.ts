import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { NotificationSettings } from '@aoc/config/config.schema';
import type { EventType } from '@aoc/domain/event.types';
import { notifies } from '@aoc/domain/notification.rules';
import { listenForEvents } from '@aoc/persistence/repositories/event-log';
import {
  claimDueDeliveries,
  giveUpDelivery,
  retryDeliveryLater,
  takeOutboxEvents,
} from '@aoc/persistence/repositories/notification-deliveries';
import type { Mailer } from '@aoc/notifications/mailer';
import { attemptDelivery, isRefusal, planDeliveries } from './delivery';

/** Without an announcement (or while the LISTEN connection is down), the consumer looks this often. */
const POLL_MS = 1_000;
/** Events taken from the outbox in one transaction. */
const OUTBOX_BATCH = 100;
/** Deliveries attempted at once by one worker process. */
const IN_FLIGHT = 8;
const BACKOFF_MAX_MS = 15_000;
/**
 * Woken by an announcement, it waits this long for more before it looks: under load every decision
 * announces an event, and one look per batch of them (not per event) keeps the worker's CPU for the
 * decisions. A notification leaves that much later.
 */
const GATHER_MS = 100;

export interface ConsumerOptions {
  pollMs?: number;
  /** How long it gathers announcements before it looks (GATHER_MS). */
  gatherMs?: number;
  inFlight?: number;
  /** `application_name` of its connection, to tell it apart in pg_stat_activity. */
  name?: string;
  /** Where its warnings go (the worker's logger); by default, nowhere. */
  warn?: (message: string, meta: Record<string, unknown>) => void;
}

/**
 * The notifications of the event log (DOMAIN §8; docs/notifications.md), in the worker process
 * and off Temporal: the event log is the outbox. A trigger queues every new event in
 * `notification_outbox`, in the transaction that appends it; this consumer
 * 1. takes queued events in order (`FOR UPDATE SKIP LOCKED`: several worker processes share them,
 *    none takes an event another holds), works out who hears about each (`eventAudience`) and opens
 *    one delivery per recipient (unique on event, channel and target: once per event and recipient),
 *    deleting the events from the queue in the same transaction (a consumer that dies before its
 *    commit leaves them to the next);
 * 2. claims due deliveries (`FOR UPDATE SKIP LOCKED` again), each for one attempt whose timeout
 *    (NOTIFICATION_ATTEMPT_TIMEOUT) is its new due time, so a consumer that dies mid-attempt leaves
 *    it to another after that; records every attempt; on a failure schedules the next attempt
 *    (NOTIFICATION_RETRY_*: doubling waits) or, when the attempts run out or the address is
 *    refused, marks it failed for the admins (GET /api/admin/notifications/failed).
 * It wakes on the events' announcements (LISTEN `aoc_events`) and looks every second anyway (for
 * due retries, and while the LISTEN connection is down).
 */
export class NotificationConsumer {
  private stopped = false;
  private running?: Promise<void>;
  private listener?: PgClient;
  private woken = false;
  private wakeIdle?: () => void;
  private inFlight = new Set<Promise<void>>();
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly databaseUrl: string,
    private readonly settings: NotificationSettings,
    private readonly mailer: Mailer,
    private readonly options: ConsumerOptions = {},
  ) {}

  private warn(message: string, meta: Record<string, unknown>): void {
    this.options.warn?.(message, meta);
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Stops taking work and waits for the attempts under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp();
    await this.running;
    await Promise.allSettled([...this.inFlight]);
    await this.listener?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (!this.listener) void this.listen();
      let busy = false;
      try {
        // Busy: a full batch was taken (more may be queued), or every delivery slot was filled.
        busy = (await this.planNext()) >= OUTBOX_BATCH;
        busy = (await this.deliverDue()) || busy;
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.warn('the notification consumer could not read or write its work; trying again', {
          error: (error as Error).message,
        });
      }
      if (this.stopped) break;
      if (!busy || this.failures > 0) await this.idle();
    }
  }

  /** Takes a batch of queued events and opens their deliveries, in one transaction. */
  private async planNext(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const events = await takeOutboxEvents(tx, OUTBOX_BATCH);
      for (const event of events) {
        if (notifies(event.type as EventType)) await planDeliveries(tx, event.key, true);
      }
      return events.length;
    });
  }

  /**
   * Claims the due deliveries that fit in the free slots and attempts each, without waiting for
   * them; whether it filled every free slot (more may be due).
   */
  private async deliverDue(): Promise<boolean> {
    const free = (this.options.inFlight ?? IN_FLIGHT) - this.inFlight.size;
    if (free <= 0) return false;
    const claimed = await claimDueDeliveries(this.dataSource.manager, free, this.settings.attemptTimeoutMs);
    for (const delivery of claimed) {
      const attempt = this.attempt(delivery.id, delivery.attempt).finally(() => {
        this.inFlight.delete(attempt);
        this.wakeUp();
      });
      this.inFlight.add(attempt);
    }
    return claimed.length === free;
  }

  private async attempt(deliveryId: string, attempt: number): Promise<void> {
    const db = this.dataSource.manager;
    const { retry } = this.settings;
    try {
      await attemptDelivery(db, this.settings, this.mailer, deliveryId, attempt, 'consumer');
    } catch (error) {
      const reason = (error as Error).message;
      try {
        if (isRefusal(error) || attempt >= retry.maximumAttempts) {
          await giveUpDelivery(db, deliveryId, reason);
          this.warn('a notification was given up', { deliveryId, attempts: attempt, error: reason });
        } else {
          const wait = Math.min(retry.initialIntervalMs * 2 ** (attempt - 1), retry.maximumIntervalMs);
          await retryDeliveryLater(db, deliveryId, wait);
        }
      } catch (bookkeeping) {
        // PostgreSQL away: the claim runs out and the delivery is attempted again then.
        this.warn('could not record the outcome of a notification attempt', {
          deliveryId,
          error: (bookkeeping as Error).message,
        });
      }
    }
  }

  /** Wakes the loop: now if it is idle, else as soon as it is (nothing announced meanwhile is left waiting). */
  private wakeUp(): void {
    this.woken = true;
    this.wakeIdle?.();
  }

  /**
   * Waits for an announcement or a finished attempt (then GATHER_MS more, for others to join), or
   * for the poll interval (longer while PostgreSQL fails).
   */
  private idle(): Promise<void> {
    const base = this.options.pollMs ?? POLL_MS;
    const wait = this.failures > 0 ? Math.min(base * 2 ** this.failures, BACKOFF_MAX_MS) : base;
    const gather = this.stopped ? 0 : (this.options.gatherMs ?? GATHER_MS);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wakeIdle = undefined;
        resolve();
      }, wait);
      this.wakeIdle = () => {
        this.wakeIdle = undefined;
        clearTimeout(timer);
        setTimeout(resolve, this.stopped ? 0 : gather);
      };
      if (this.woken) this.wakeIdle();
    }).then(() => {
      this.woken = false;
    });
  }

  /** LISTENs on the events' announcements to wake at once; on any error it is dropped, and polling goes on. */
  private async listen(): Promise<void> {
    const client = new PgClient({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: 5_000,
      application_name: this.options.name ?? 'aoc-notification-consumer',
    });
    this.listener = client;
    const drop = () => {
      if (this.listener === client) this.listener = undefined;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
    };
    client.on('notification', () => this.wakeUp());
    client.on('error', drop);
    client.on('end', drop);
    try {
      await client.connect();
      await listenForEvents(client);
      if (this.stopped) drop();
    } catch {
      drop();
    }
  }
}
