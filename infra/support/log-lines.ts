import { prettyFactory } from 'pino-pretty';

/** pino's level numbers, which pino-pretty labels and colours. */
export const LEVEL = { fatal: 60, error: 50, warn: 40, info: 30, debug: 20, trace: 10 } as const;

/** The level names our processes write: Nest's ConsoleLogger, the Temporal runtime's logger, the CLIs. */
const LEVEL_NUMBERS: Record<string, number> = {
  fatal: LEVEL.fatal,
  error: LEVEL.error,
  warn: LEVEL.warn,
  warning: LEVEL.warn,
  log: LEVEL.info,
  info: LEVEL.info,
  debug: LEVEL.debug,
  verbose: LEVEL.trace,
  trace: LEVEL.trace,
};

/** A JSON log line, its level as pino's number and its time under `time`. */
export interface LogRecord extends Record<string, unknown> {
  level: number;
}

/**
 * Reads one of our JSON log lines ({"level":"warn","timestamp":…,"message":…}); undefined for
 * any other line (PostgreSQL's, a stack trace, a JSON value that is no log record).
 */
export function parseLogLine(line: string): LogRecord | undefined {
  if (!line.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { level, timestamp, ...rest } = value as Record<string, unknown>;
  const number =
    typeof level === 'number' ? level : typeof level === 'string' ? LEVEL_NUMBERS[level.toLowerCase()] : undefined;
  if (number === undefined) return undefined;
  return { ...rest, level: number, ...(rest.time === undefined && timestamp !== undefined ? { time: timestamp } : {}) };
}

/** Turns a log record into one readable line: "[07:41:02] WARN (worker): TemporalWorkerService: message {…}". */
export type Prettifier = (part: string, record: LogRecord) => string;

export function createPrettifier(colors: boolean): Prettifier {
  const pretty = prettyFactory({
    colorize: colors,
    translateTime: 'SYS:HH:MM:ss',
    messageKey: 'message',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}{context}: {end}{message}',
    singleLine: true,
  });
  return (part, record) => pretty({ ...record, name: part }).replace(/\r?\n$/, '');
}
