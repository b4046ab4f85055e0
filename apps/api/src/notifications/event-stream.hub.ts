import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import type { EventEntity, PlanEntity } from '@aoc/persistence';
import { EVENTS_CHANNEL, eventsAfter, eventsByIds, listenForEvents } from '@aoc/persistence/repositories/event-log';
import { findPlansByIds } from '@aoc/persistence/repositories/plans';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;
const CATCH_UP_PAGE = 500;
/** The `application_name` of the LISTEN connections, to tell them apart in pg_stat_activity. */
export const LISTENER_NAME = 'aoc-event-stream';

/** An event with the plan it belongs to, as the stream's visibility needs it. */
export interface StreamedEvent {
  event: EventEntity;
  plan: PlanEntity;
}

export interface StreamListener {
  deliver(events: StreamedEvent[]): void;
  /** Ends the stream: the API is shutting down (an open stream would keep the HTTP server from closing). */
  end(): void;
}

/**
 * The live feed of new events for this API instance: one dedicated PostgreSQL connection
 * LISTENs on `aoc_events` (so an event written through any instance, or by the worker, reaches
 * every instance), reads the announced events with their plans, and hands them to the
 * connected streams. A lost connection is reconnected with backoff, and the events written
 * meanwhile are read from the table (every id past the last one seen), so no stream misses one.
 */
@Injectable()
export class EventStreamHub implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('event-stream');
  private readonly listeners = new Set<StreamListener>();
  private client?: PgClient;
  private stopped = false;
  private retryMs = RECONNECT_MIN_MS;
  private reconnectTimer?: NodeJS.Timeout;
  private lastSeenId = 0n;
  private pending: string[] = [];
  /** Who waits for a task's completion to be announced (`taskCompleted`), by task id. */
  private taskWaiters = new Map<string, Set<() => void>>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    void this.connect(false);
  }

  /** Ends the open streams before the HTTP server closes (it waits for its connections). */
  beforeApplicationShutdown(): void {
    for (const listener of [...this.listeners]) listener.end();
    this.listeners.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  /** Whether the LISTEN connection is up now. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * Resolves when a `TASK_COMPLETED` event of the task is announced (committed, with the task's
   * row), or after `timeoutMs` (while the LISTEN connection is down nothing is announced: the caller
   * looks again then). Call it before reading the row, so that no announcement falls in between.
   * The announced events are read once for every waiter (and stream).
   */
  taskCompleted(taskId: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.taskWaiters.get(taskId) ?? new Set<() => void>();
      this.taskWaiters.set(taskId, waiters);
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0 && this.taskWaiters.get(taskId) === waiters) this.taskWaiters.delete(taskId);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      timer.unref();
      waiters.add(wake);
    });
  }

  subscribe(listener: StreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The events after `afterId` (oldest first, a page), with their plans: for a stream's resumption. */
  async eventsAfter(afterId: string, limit: number, planId?: string): Promise<StreamedEvent[]> {
    return this.withPlans(await eventsAfter(this.db.manager, afterId, limit, planId));
  }

  private async connect(reconnecting: boolean): Promise<void> {
    if (this.stopped) return;
    const client = new PgClient({
      connectionString: this.config.databaseUrl,
      connectionTimeoutMillis: 5_000,
      application_name: LISTENER_NAME,
    });
    client.on('notification', (message) => {
      if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
      this.announce(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await listenForEvents(client);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    this.client = client;
    this.retryMs = RECONNECT_MIN_MS;
    this.logger.log(reconnecting ? 'listening for events again' : 'listening for events', { channel: EVENTS_CHANNEL });
    if (reconnecting) this.catchUp();
  }

  private lost(client: PgClient, error: Error): void {
    if (this.client !== undefined && this.client !== client) return;
    const wasUp = this.client === client;
    this.client = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    if (wasUp) this.logger.warn('lost the events connection; reconnecting', { error: error.message });
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect(true);
    }, wait);
  }

  /** Collects announced ids and reads them in one query per turn of the event loop. */
  private announce(id: string): void {
    if (!/^\d+$/.test(id)) return;
    this.pending.push(id);
    if (this.pending.length > 1) return;
    setImmediate(() => {
      const ids = this.pending;
      this.pending = [];
      this.enqueue(async () => {
        if (this.listeners.size === 0 && this.taskWaiters.size === 0) return this.seen(ids);
        const events = await eventsByIds(this.db.manager, ids);
        for (const event of events) {
          const taskId = (event.payload as { taskId?: unknown }).taskId;
          if (event.type !== 'TASK_COMPLETED' || typeof taskId !== 'string') continue;
          for (const wake of [...(this.taskWaiters.get(taskId) ?? [])]) wake();
        }
        if (this.listeners.size === 0) return this.seen(ids);
        this.dispatch(await this.withPlans(events));
      });
    });
  }

  /** After a reconnection: reads what was written while no notification could arrive. */
  private catchUp(): void {
    this.enqueue(async () => {
      if (this.lastSeenId === 0n || this.listeners.size === 0) return;
      for (;;) {
        const page = await this.eventsAfter(this.lastSeenId.toString(), CATCH_UP_PAGE);
        this.dispatch(page);
        if (page.length < CATCH_UP_PAGE) return;
      }
    });
  }

  /** Runs reads one after the other, so that events reach the streams in the order they were announced. */
  private enqueue(work: () => Promise<void>): void {
    this.flushing = this.flushing.then(work).catch((error: unknown) => {
      this.logger.warn('could not read new events for the live streams', { error: (error as Error).message });
    });
  }

  private seen(ids: string[]): void {
    for (const id of ids) if (BigInt(id) > this.lastSeenId) this.lastSeenId = BigInt(id);
  }

  private dispatch(events: StreamedEvent[]): void {
    if (events.length === 0) return;
    this.seen(events.map((e) => e.event.id));
    for (const listener of this.listeners) listener.deliver(events);
  }

  private async withPlans(events: EventEntity[]): Promise<StreamedEvent[]> {
    if (events.length === 0) return [];
    const planIds = [...new Set(events.map((e) => e.planId))];
    const plans = await findPlansByIds(this.db.manager, planIds);
    const byId = new Map(plans.map((p) => [p.id, p]));
    return events.filter((e) => byId.has(e.planId)).map((event) => ({ event, plan: byId.get(event.planId)! }));
  }
}
