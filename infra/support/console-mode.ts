import { createPrettifier, LEVEL, parseLogLine, type Prettifier } from './log-lines';
import type { OutputMode } from './managed-process';

/**
 * How `npm start` talks to whoever runs it; the one place that decides it.
 *
 * - In a terminal, calm: one readable line per step, then only the warnings and
 *   errors of the parts, pretty-printed; their full output goes to `.data/logs/`.
 * - In a terminal, verbose (`--verbose`, or LOG_LEVEL=debug): every line of
 *   every part, the JSON ones pretty-printed.
 * - Outside a terminal (CI, containers): every line as it is, JSON lines
 *   staying JSON lines.
 */
export interface ConsoleMode {
  /** Our standard output is a terminal: lines for people, step lines replaced as steps end. */
  terminal: boolean;
  /** Every line of every part reaches our output (always so outside a terminal). */
  verbose: boolean;
  /** The terminal shows colours (not with NO_COLOR, for one). */
  colors: boolean;
  /** Command-line arguments that are not options of `npm start`. */
  unknownArgs: string[];
}

const VERBOSE_FLAGS = new Set(['--verbose', '-v']);

/** The bits of process.stdout that matter here. */
export interface StdoutTraits {
  isTTY?: boolean;
  hasColors?: () => boolean;
}

export function consoleMode(args: readonly string[], env: NodeJS.ProcessEnv, stdout: StdoutTraits): ConsoleMode {
  const isTTY = stdout.isTTY === true;
  const verboseFlag = args.some((arg) => VERBOSE_FLAGS.has(arg));
  const debugLevel = env.LOG_LEVEL?.trim().toLowerCase() === 'debug';
  return {
    terminal: isTTY,
    verbose: !isTTY || verboseFlag || debugLevel,
    colors: isTTY && stdout.hasColors?.() === true,
    unknownArgs: args.filter((arg) => !VERBOSE_FLAGS.has(arg)),
  };
}

/** Only warnings and errors are shown: the rest is in the log files. */
export function isCalm(mode: ConsoleMode): boolean {
  return mode.terminal && !mode.verbose;
}

/**
 * How the output of a part that writes JSON log lines (the API, the worker, the migrations)
 * reaches ours: as it is outside a terminal; in one, pretty-printed, and when calm only the
 * warnings and errors (every other line is in its log file).
 */
export function jsonLogOutput(mode: ConsoleMode, part: string, prettify?: Prettifier): OutputMode {
  if (!mode.terminal) return 'as-is';
  const pretty = prettify ?? createPrettifier(mode.colors);
  return (line) => {
    const record = parseLogLine(line);
    if (!mode.verbose) return record !== undefined && record.level >= LEVEL.warn ? pretty(part, record) : undefined;
    return record !== undefined ? pretty(part, record) : `[${part}] ${line}`;
  };
}

/** Lines of a part's log made readable (to show how its log ends): its JSON records pretty-printed, the rest as they are. */
export function readableLogLines(
  mode: ConsoleMode,
  part: string,
  lines: readonly string[],
  prettify?: Prettifier,
): string[] {
  const pretty = prettify ?? createPrettifier(mode.colors);
  return lines.map((line) => {
    const record = parseLogLine(line);
    return record === undefined ? line : pretty(part, record);
  });
}

/**
 * How the output of a server with a log format of its own (PostgreSQL, the Temporal dev server)
 * reaches ours: prefixed with its name, or, when calm, not at all (it is in its log file, and
 * its last lines are shown if it fails).
 */
export function serverLogOutput(mode: ConsoleMode): OutputMode {
  return isCalm(mode) ? 'quiet' : 'prefixed';
}

/**
 * The one line the Temporal services log that is known to be harmless: the Nexus endpoint
 * registry's long poll to the matching service fails while matching is not up yet (at start) or
 * already gone (at stop, or while it restarts), and the registry polls again. It is kept in the
 * service's log file, never shown.
 */
export function isHarmlessTemporalLine(line: string): boolean {
  return line.includes('"msg":"long poll to refresh Nexus endpoints returned error"');
}

/**
 * How the output of a Temporal service (start:cluster) reaches ours: when calm, not at all (it is
 * in its log file; the supervisor says when a service ends); otherwise prefixed with its name,
 * less the known harmless line.
 */
export function temporalLogOutput(mode: ConsoleMode): (part: string) => OutputMode {
  if (isCalm(mode)) return () => 'quiet';
  return (part) => (line) => (isHarmlessTemporalLine(line) ? undefined : `[${part}] ${line}`);
}
