import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { AppConfig } from './config.schema';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

/** Structured logs: one JSON object a line, for every process. */
export function createLogger(level: AppConfig['logLevel'] = 'info', context?: string): ConsoleLogger {
  return new ConsoleLogger(context ?? 'app', {
    json: true,
    logLevels: LEVELS[level],
    flattenParams: true,
    redact: ['authorization', 'password', 'jwtSecret'],
  });
}
