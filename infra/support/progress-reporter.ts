import { formatElapsed } from '@aoc/support/format';
import { terminalOutput, type TerminalOutput } from './terminal-output';

export interface ProgressReporterOptions {
  /**
   * One line per step: the "Starting X…" line is replaced by the step's outcome when nothing
   * else was printed meanwhile (for a terminal; elsewhere each is a line of its own).
   */
  condensed?: boolean;
  output?: TerminalOutput;
}

/**
 * Readable progress output for the infrastructure scripts: one line per event,
 * each with the time and the scope that printed it, e.g.
 *   07:41:02 [start] ✔ PostgreSQL ready on 127.0.0.1:54329 (3.1s)
 */
export class ProgressReporter {
  private readonly output: TerminalOutput;

  constructor(
    private readonly scope: string,
    private readonly options: ProgressReporterOptions = {},
  ) {
    this.output = options.output ?? terminalOutput;
  }

  info(message: string): void {
    this.output.write('stdout', `${this.format(' ', message)}\n`);
  }

  success(message: string): void {
    this.output.write('stdout', `${this.format('✔', message)}\n`);
  }

  warn(message: string): void {
    this.output.write('stderr', `${this.format('!', message)}\n`);
  }

  error(message: string): void {
    this.output.write('stderr', `${this.format('✘', message)}\n`);
  }

  /** Runs one step, announcing it and reporting how long it took or how it failed. */
  async step<T>(title: string, run: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    const announcement = this.format(' ', `${title}…`);
    if (this.options.condensed) this.output.writePending(announcement);
    else this.output.write('stdout', `${announcement}\n`);
    const outcome = (stream: 'stdout' | 'stderr', mark: string, message: string): void =>
      this.output.replacePending(announcement, stream, `${this.format(mark, message)}\n`);
    const startedAt = Date.now();
    try {
      const result = await run();
      const detail = describe ? `: ${describe(result)}` : '';
      outcome('stdout', '✔', `${title}${detail} (${formatElapsed(Date.now() - startedAt)})`);
      return result;
    } catch (error) {
      const elapsed = formatElapsed(Date.now() - startedAt);
      if (isAbortError(error)) outcome('stdout', ' ', `${title}: interrupted after ${elapsed}`);
      else outcome('stderr', '✘', `${title} failed after ${elapsed}`);
      throw error;
    }
  }

  private format(mark: string, message: string): string {
    const time = new Date().toTimeString().slice(0, 8);
    return `${time} [${this.scope}] ${mark} ${message}`;
  }
}

/** The error of an aborted wait (AbortSignal, timers/promises). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
