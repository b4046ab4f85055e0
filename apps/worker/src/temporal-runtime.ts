import { DefaultLogger, LogLevel, Runtime } from '@temporalio/worker';
import type { AppConfig } from '@aoc/config/config.schema';

const LEVELS: Record<AppConfig['logLevel'], LogLevel> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

/** Where the worker serves the Temporal SDK's Prometheus metrics: HOST and WORKER_METRICS_PORT; undefined when off. */
export function workerMetricsAddress(config: Pick<AppConfig, 'host' | 'metrics'>): string | undefined {
  if (config.metrics.workerPort === 0) return undefined;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `${host}:${config.metrics.workerPort}`;
}

/**
 * Routes the Temporal SDK's own logs (worker, workflows, activities) to the same JSON lines as
 * Nest's and, with WORKER_METRICS_PORT, serves the SDK's metrics (workflow and activity task
 * latencies, schedule-to-start, sticky cache, slots, polls…) in the Prometheus format at
 * `http://<HOST>:<WORKER_METRICS_PORT>/metrics` (docs/monitoring.md).
 */
export function installTemporalRuntime(config: Pick<AppConfig, 'logLevel' | 'host' | 'metrics'>): void {
  const level = config.logLevel;
  const bindAddress = workerMetricsAddress(config);
  try {
    install(level, bindAddress);
  } catch (error) {
    if (!bindAddress) throw error;
    throw new Error(
      `the worker could not serve its metrics on ${bindAddress} (WORKER_METRICS_PORT): ${(error as Error).message}; ` +
        'set WORKER_METRICS_PORT to a free port, or to 0 for none',
    );
  }
}

function install(level: AppConfig['logLevel'], bindAddress: string | undefined): void {
  Runtime.install({
    ...(bindAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress } } } } : {}),
    logger: new DefaultLogger(LEVELS[level], ({ level: severity, message, meta, timestampNanos }) => {
      const line = {
        level: severity.toLowerCase(),
        pid: process.pid,
        timestamp: Number(timestampNanos / 1_000_000n),
        context: 'temporal',
        message,
        ...meta,
      };
      process.stdout.write(
        `${JSON.stringify(line, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))}\n`,
      );
    }),
  });
}
