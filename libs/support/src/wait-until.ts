import { setTimeout as sleep } from 'node:timers/promises';

import { errorMessage, formatElapsed } from './format';

export interface WaitOptions {
  /** What is awaited, for the timeout message: "the Temporal frontend at 127.0.0.1:7233". */
  description: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Checked before each try; a returned reason ends the wait at once (e.g. "the process exited"). */
  giveUpIf?: () => string | undefined;
  signal?: AbortSignal;
  /**
   * A probe that throws: `retry` it (the default: a server that is still starting refuses
   * connections), or `fail`, ending the wait with that error (a test's check that found a wrong
   * answer, not a late one).
   */
  onError?: 'retry' | 'fail';
}

/**
 * Polls `probe` until it returns a value, with a bound: the one polling helper of the project, for
 * the start-up scripts, the CLI and the tests. A probe that returns undefined is tried again; one
 * that throws is tried again (the last error is quoted when the time is up) unless `onError` is
 * `fail`.
 */
export async function waitUntil<T>(probe: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const { description, timeoutMs, intervalMs = 250, giveUpIf, signal, onError = 'retry' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastProblem: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const reason = giveUpIf?.();
    if (reason !== undefined) throw new Error(`gave up waiting for ${description}: ${reason}`);
    try {
      const result = await probe();
      if (result !== undefined) return result;
    } catch (error) {
      if (onError === 'fail') throw error;
      lastProblem = errorMessage(error);
    }
    if (Date.now() >= deadline) {
      const last = lastProblem === undefined ? '' : ` (last: ${lastProblem})`;
      throw new Error(`timed out after ${formatElapsed(timeoutMs)} waiting for ${description}${last}`);
    }
    await sleep(intervalMs, undefined, signal ? { signal } : undefined);
  }
}
