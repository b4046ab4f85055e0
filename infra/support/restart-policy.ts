/** When a part that ended unexpectedly is started again, and when the supervisor gives up on it. */
export interface RestartPolicyOptions {
  /** The wait before the first restart; it doubles with each quick death. */
  initialDelayMs: number;
  /** The longest wait between restarts. */
  maxDelayMs: number;
  /** This many unexpected ends within `windowMs` and the part is given up. */
  maxEnds: number;
  windowMs: number;
}

/** 1 s doubling to 30 s; given up after 5 ends within a minute. */
export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxEnds: 5,
  windowMs: 60_000,
};

export type RestartDecision =
  { action: 'restart'; delayMs: number; restart: number } | { action: 'give-up'; reason: string };

/**
 * The restart policy of one part, pure (times are given, never read): each unexpected end gets a
 * restart after a backoff that starts at `initialDelayMs` and doubles up to `maxDelayMs`; a run
 * that lasted a whole window resets it. A part that ends `maxEnds` times within `windowMs` (a
 * restart that fails counts as an end) keeps dying at once: the supervisor gives up on it.
 */
export class RestartPolicy {
  private recentEnds: number[] = [];
  private quickDeaths = 0;
  private restarts = 0;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** The part ended unexpectedly at `now`, having run since `startedAt` (or never come up, when equal). */
  ended(now: number, startedAt: number): RestartDecision {
    const { initialDelayMs, maxDelayMs, maxEnds, windowMs } = this.options;
    this.recentEnds = [...this.recentEnds.filter((at) => now - at < windowMs), now];
    if (this.recentEnds.length >= maxEnds) {
      return {
        action: 'give-up',
        reason: `it ended ${this.recentEnds.length} times within ${formatSeconds(windowMs)}`,
      };
    }
    if (now - startedAt >= windowMs) this.quickDeaths = 0;
    const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** this.quickDeaths);
    this.quickDeaths++;
    this.restarts++;
    return { action: 'restart', delayMs, restart: this.restarts };
  }
}

/** 1000 -> "1s", 60000 -> "1 minute", 90000 -> "90s". */
export function formatSeconds(ms: number): string {
  if (ms === 60_000) return '1 minute';
  return `${Math.round(ms / 100) / 10}s`;
}
