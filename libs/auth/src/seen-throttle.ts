import type { Identity } from './claims';

/** A user's directory row is written at most this often (and whenever what their token says changes). */
export const DIRECTORY_WRITE_INTERVAL_MS = 60_000;
/** Past this many users remembered, those not written within the interval are forgotten. */
const MAX_REMEMBERED = 10_000;

/**
 * Decides when the users directory records an identity again: at most once per interval per
 * user, unless their name, e-mail, roles or scope changed. In memory, per process (the SQL of
 * the write holds the same limit across processes).
 */
export class SeenThrottle {
  /** sub → when it was last written, and what was written. */
  private readonly written = new Map<string, { at: number; fingerprint: string }>();

  /** Whether to write `identity` now; if so, it counts as written. */
  take(identity: Identity, now: number): boolean {
    const { actor } = identity;
    const fingerprint = JSON.stringify([
      identity.name,
      identity.email,
      [...actor.roles].sort(),
      actor.country,
      actor.body,
      actor.seat,
      actor.org,
    ]);
    const last = this.written.get(actor.sub);
    if (last && last.fingerprint === fingerprint && now - last.at < DIRECTORY_WRITE_INTERVAL_MS) return false;
    this.written.delete(actor.sub);
    this.written.set(actor.sub, { at: now, fingerprint });
    this.prune(now);
    return true;
  }

  /** After a failed write: the next sight writes again. */
  forget(sub: string): void {
    this.written.delete(sub);
  }

  get size(): number {
    return this.written.size;
  }

  private prune(now: number): void {
    if (this.written.size <= MAX_REMEMBERED) return;
    // Oldest first (a Map keeps insertion order, and each write re-inserts).
    for (const [sub, entry] of this.written) {
      if (this.written.size <= MAX_REMEMBERED) break;
      if (now - entry.at < DIRECTORY_WRITE_INTERVAL_MS && this.written.size <= 2 * MAX_REMEMBERED) break;
      this.written.delete(sub);
    }
  }
}
