import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { PLAN_STATUSES, STAGES } from '@aoc/domain/plan.types';
import {
  deliveriesByOutcome,
  openTasksByStage,
  plansByStatus,
  stageSpansAfter,
} from '@aoc/persistence/repositories/monitoring';
import { MetricsRegistry } from './metrics.registry';

/** How long a scrape waits for PostgreSQL before it answers with what it has. */
const SCRAPE_QUERY_TIMEOUT_MS = 3_000;
/**
 * Completions are read after the last id seen, less this many ids: an event whose transaction
 * committed after one with a higher id is still seen (ids are taken at insert, not at commit).
 */
const ID_OVERLAP = 1_000;

const CHANNELS = ['email', 'webhook'] as const;
const OUTCOMES = ['pending', 'delivered', 'failed'] as const;

/**
 * The review's figures for Prometheus, read from PostgreSQL when Prometheus scrapes (never on a
 * timer, so an idle instance costs nothing):
 * - `aoc_plans{status}`, `aoc_open_tasks{stage}`, `aoc_overdue_tasks{stage}`: gauges, two queries
 *   on indexes (idx_plans_status, idx_tasks_open_stage), shared by every gauge of one scrape;
 * - `aoc_stage_duration_seconds{stage}`: a histogram of the time each stage took, observed from
 *   the event log (a STAGE_COMPLETED paired with its STAGE_ENTERED). Each scrape reads only the
 *   completions after the last one seen; the first reads them all. So every instance, restarted
 *   or not, reports the same cumulative histogram: the whole log's, as Prometheus expects of a
 *   histogram (a counter that never goes back), and a workflow need not report anything;
 * - `aoc_notification_deliveries{channel,outcome}`: the notifications recorded, by channel (email,
 *   webhook) and outcome (pending, delivered, failed); the worker delivers them, so the figures
 *   come from its table (notification_deliveries), not from a counter of this process;
 * - `aoc_metrics_database_up`: 0 when the last scrape could not read PostgreSQL (the gauges then
 *   keep their last values).
 */
@Injectable()
export class ReviewMetrics {
  private readonly logger = new Logger('metrics');
  private readonly plans: Gauge<'status'>;
  private readonly openTasks: Gauge<'stage'>;
  private readonly overdueTasks: Gauge<'stage'>;
  private readonly stageDuration: Histogram<'stage'>;
  private readonly databaseUp: Gauge;
  private readonly deliveries: Gauge<'channel' | 'outcome'>;
  /** The read under way: every metric of one scrape (their collect calls start together) shares it. */
  private refreshing?: Promise<void>;
  private lastCompletedId = 0;
  private readonly seen = new Set<number>();

  constructor(
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(DataSource) private readonly db: DataSource,
  ) {
    const collect = () => this.refresh();
    this.plans = metrics.gauge({ name: 'aoc_plans', help: 'Plans by status', labelNames: ['status'], collect });
    this.openTasks = metrics.gauge({
      name: 'aoc_open_tasks',
      help: 'Open tasks by stage',
      labelNames: ['stage'],
      collect,
    });
    this.overdueTasks = metrics.gauge({
      name: 'aoc_overdue_tasks',
      help: 'Open tasks past their due date, by stage',
      labelNames: ['stage'],
      collect,
    });
    this.stageDuration = metrics.histogram({
      name: 'aoc_stage_duration_seconds',
      help: 'Time from entering a stage to completing it, from the event log',
      labelNames: ['stage'],
      // Seconds (tests, the demo) to the weeks of the default durations (14, 30, 21 and 10 days).
      buckets: [
        10,
        60,
        600,
        3_600,
        6 * 3_600,
        86_400,
        3 * 86_400,
        7 * 86_400,
        14 * 86_400,
        21 * 86_400,
        30 * 86_400,
        60 * 86_400,
      ],
      collect,
    });
    this.deliveries = metrics.gauge({
      name: 'aoc_notification_deliveries',
      help: 'Notification deliveries recorded, by channel and outcome (pending, delivered, failed)',
      labelNames: ['channel', 'outcome'],
      collect,
    });
    this.databaseUp = metrics.gauge({
      name: 'aoc_metrics_database_up',
      help: '1 when the last scrape read the figures from PostgreSQL, 0 when it could not (they keep their last values)',
      collect,
    });
  }

  /** Reads the figures once for all the metrics of one scrape; the next scrape reads them again. */
  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const done = this.read().then(
      () => this.databaseUp.set(1),
      (error: unknown) => {
        this.databaseUp.set(0);
        this.logger.warn('metrics: PostgreSQL did not answer; the review figures keep their last values', {
          error: (error as Error).message,
        });
      },
    );
    this.refreshing = done.finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async read(): Promise<void> {
    const [plans, tasks, deliveries] = await withTimeout(
      Promise.all([
        plansByStatus(this.db.manager),
        openTasksByStage(this.db.manager),
        deliveriesByOutcome(this.db.manager),
      ]),
    );
    for (const channel of CHANNELS) {
      for (const outcome of OUTCOMES) {
        const row = deliveries.find((r) => r.channel === channel && r.status === outcome);
        this.deliveries.set({ channel, outcome }, row?.deliveries ?? 0);
      }
    }
    for (const status of PLAN_STATUSES) {
      this.plans.set({ status }, plans.find((r) => r.status === status && r.return_to === null)?.plans ?? 0);
    }
    for (const stage of STAGES) {
      const row = tasks.find((r) => r.stage === stage);
      this.openTasks.set({ stage }, row?.open ?? 0);
      this.overdueTasks.set({ stage }, row?.overdue ?? 0);
    }
    await this.observeStageDurations();
  }

  private async observeStageDurations(): Promise<void> {
    const from = Math.max(0, this.lastCompletedId - ID_OVERLAP);
    const spans = await withTimeout(stageSpansAfter(this.db.manager, from));
    for (const span of spans) {
      const id = Number(span.completed_id);
      if (this.seen.has(id) || !(STAGES as readonly string[]).includes(span.stage)) continue;
      this.seen.add(id);
      this.lastCompletedId = Math.max(this.lastCompletedId, id);
      this.stageDuration.observe({ stage: span.stage }, Math.max(0, Number(span.ms)) / 1000);
    }
    for (const id of this.seen) if (id <= this.lastCompletedId - ID_OVERLAP) this.seen.delete(id);
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`PostgreSQL did not answer within ${SCRAPE_QUERY_TIMEOUT_MS} ms`)),
        SCRAPE_QUERY_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}
