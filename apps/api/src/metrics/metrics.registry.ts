import { Injectable } from '@nestjs/common';
import {
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

/**
 * The API's one Prometheus registry, served at GET /metrics (docs/monitoring.md). A module that
 * counts something injects this and makes its metric here, e.g.
 * `metrics.counter({ name: 'aoc_notification_deliveries_total', help: '…', labelNames: ['channel', 'outcome'] })`;
 * names start with `aoc_`. The registry is this instance's own (not prom-client's global one), so
 * that two applications in one process never collide; it holds the process's default metrics.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  /** Every HTTP request's duration, by method, route pattern and status (HttpMetricsMiddleware). */
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpRequestDuration = this.histogram({
      name: 'aoc_http_request_duration_seconds',
      help: 'Duration of HTTP requests, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  counter<T extends string>(config: Omit<CounterConfiguration<T>, 'registers'>): Counter<T> {
    return new Counter({ ...config, registers: [this.registry] });
  }

  gauge<T extends string>(config: Omit<GaugeConfiguration<T>, 'registers'>): Gauge<T> {
    return new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<T extends string>(config: Omit<HistogramConfiguration<T>, 'registers'>): Histogram<T> {
    return new Histogram({ ...config, registers: [this.registry] });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition of every metric; the gauges read from PostgreSQL are collected now. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
