/**
 * Readable progress output for the infrastructure scripts: one line per event,
 * each with the time and the scope that printed it, e.g.
 *   07:41:02 [start] ✔ PostgreSQL ready on 127.0.0.1:54329 (3.1s)
 */
export class ProgressReporter {
  constructor(private readonly scope: string) {}

  info(message: string): void {
    process.stdout.write(this.format(' ', message));
  }

  success(message: string): void {
    process.stdout.write(this.format('✔', message));
  }

  warn(message: string): void {
    process.stderr.write(this.format('!', message));
  }

  error(message: string): void {
    process.stderr.write(this.format('✘', message));
  }

  /** Runs one step, announcing it and reporting how long it took or how it failed. */
  async step<T>(title: string, run: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    this.info(`${title}…`);
    const startedAt = Date.now();
    try {
      const result = await run();
      const detail = describe ? `: ${describe(result)}` : '';
      this.success(`${title}${detail} (${formatElapsed(Date.now() - startedAt)})`);
      return result;
    } catch (error) {
      const elapsed = formatElapsed(Date.now() - startedAt);
      if (isAbortError(error)) this.info(`${title}: interrupted after ${elapsed}`);
      else this.error(`${title} failed after ${elapsed}`);
      throw error;
    }
  }

  private format(mark: string, message: string): string {
    const time = new Date().toTimeString().slice(0, 8);
    return `${time} [${this.scope}] ${mark} ${message}\n`;
  }
}

/** 1.234 s -> "1.2s"; 150 s -> "2m30s". */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)}m${String(totalSeconds % 60).padStart(2, '0')}s`;
}

/** The error of an aborted wait (AbortSignal, timers/promises). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
