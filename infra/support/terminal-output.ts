/** The part of a stream the writer needs (process.stdout, or a fake in tests). */
export interface OutputStream {
  write(text: string): unknown;
  /** Width of the terminal, when the stream is one. */
  columns?: number;
}

const CLEAR_LINE = '\r\u001b[2K';
/** For a terminal that does not tell its width. */
const ASSUMED_COLUMNS = 80;

/**
 * Every line the start scripts print goes through one writer, so that an
 * unfinished line ("Starting PostgreSQL…", no newline yet) can later be
 * replaced by its outcome, and is first ended if anything else gets printed
 * in between.
 */
export class TerminalOutput {
  private pending: string | undefined;

  constructor(
    private readonly stdout: OutputStream,
    private readonly stderr: OutputStream,
  ) {}

  /** Writes `text` (whole lines, newline included) to one of the streams. */
  write(stream: 'stdout' | 'stderr', text: string): void {
    this.endPending();
    this[stream].write(text);
  }

  /**
   * Writes `line` without its newline, to be replaced by `replacePending`. A line that would
   * wrap cannot be cleared by a carriage return, so it is written whole and not kept.
   */
  writePending(line: string): void {
    this.endPending();
    const columns = this.stdout.columns || ASSUMED_COLUMNS;
    if ([...line].length >= columns) {
      this.stdout.write(`${line}\n`);
      return;
    }
    this.stdout.write(line);
    this.pending = line;
  }

  /** Replaces the pending line `line` by `text` if it is still the last thing printed; else just writes `text`. */
  replacePending(line: string, stream: 'stdout' | 'stderr', text: string): void {
    if (this.pending !== undefined && this.pending === line) {
      this.pending = undefined;
      this.stdout.write(CLEAR_LINE);
    }
    this.write(stream, text);
  }

  private endPending(): void {
    if (this.pending === undefined) return;
    this.pending = undefined;
    this.stdout.write('\n');
  }
}

/** The process's own terminal output. */
export const terminalOutput = new TerminalOutput(process.stdout, process.stderr);
