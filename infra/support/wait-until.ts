import { setTimeout as sleep } from 'node:timers/promises';

import { errorMessage, formatElapsed } from './progress-reporter';

export interface WaitOptions {
  /** What is awaited, for the timeout message: "the Temporal frontend at 127.0.0.1:7233". */
  description: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Checked before each try; a returned reason ends the wait at once (e.g. "the process exited"). */
  giveUpIf?: () => string | undefined;
  signal?: AbortSignal;
}

/**
 * Polls `probe` until it returns a value, with a bound. A probe that throws or
 * returns undefined is retried; the last error is quoted when the time is up.
 */
export async function waitUntil<T>(probe: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const { description, timeoutMs, intervalMs = 250, giveUpIf, signal } = options;
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  for (;;) {
    signal?.throwIfAborted();
    const reason = giveUpIf?.();
    if (reason !== undefined) throw new Error(`gave up waiting for ${description}: ${reason}`);
    try {
      const result = await probe();
      if (result !== undefined) return result;
    } catch (error) {
      lastProblem = errorMessage(error);
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${formatElapsed(timeoutMs)} waiting for ${description} (last: ${lastProblem})`);
    }
    await sleep(intervalMs, undefined, signal ? { signal } : undefined);
  }
}
