import { DefaultLogger, LogLevel, Runtime } from '@temporalio/worker';
import type { AppConfig } from '@aoc/config/config.schema';

const LEVELS: Record<AppConfig['logLevel'], LogLevel> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

/** Routes the Temporal SDK's own logs (worker, workflows, activities) to the same JSON lines as Nest's. */
export function installTemporalRuntime(level: AppConfig['logLevel']): void {
  Runtime.install({
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
