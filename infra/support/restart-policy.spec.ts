import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restart-policy';

const SECOND = 1_000;

describe('RestartPolicy', () => {
  it('restarts after 1 s, doubling with each quick death up to 30 s', () => {
    // Small enough a window-full that the part is never given up: one end per 25 s.
    const policy = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, windowMs: 60 * SECOND, maxEnds: 5 });
    const delays: number[] = [];
    let now = 0;
    let startedAt = 0;
    for (let n = 0; n < 8; n++) {
      now += 25 * SECOND;
      const decision = policy.ended(now, startedAt);
      if (decision.action !== 'restart') throw new Error(`gave up at end ${n + 1}`);
      delays.push(decision.delayMs);
      startedAt = now + decision.delayMs;
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30, 30].map((s) => s * SECOND));
  });

  it('counts the restarts', () => {
    const policy = new RestartPolicy();
    expect(policy.ended(10 * SECOND, 0)).toMatchObject({ action: 'restart', restart: 1 });
    expect(policy.ended(20 * SECOND, 11 * SECOND)).toMatchObject({ action: 'restart', restart: 2 });
  });

  it('starts again from 1 s after a run that lasted a whole window', () => {
    const policy = new RestartPolicy();
    expect(policy.ended(5 * SECOND, 0)).toMatchObject({ delayMs: 1 * SECOND });
    expect(policy.ended(10 * SECOND, 6 * SECOND)).toMatchObject({ delayMs: 2 * SECOND });
    // Up for 10 minutes, then dies: a fresh crash, not a crash loop.
    expect(policy.ended(612 * SECOND, 12 * SECOND)).toMatchObject({ delayMs: 1 * SECOND });
  });

  it('gives up on a part that ends 5 times within a minute, and says why', () => {
    const policy = new RestartPolicy();
    const decisions = [0, 2, 5, 10, 19].map((s) => policy.ended(s * SECOND, Math.max(0, s - 1) * SECOND));
    expect(decisions.slice(0, 4).map((d) => d.action)).toEqual(['restart', 'restart', 'restart', 'restart']);
    expect(decisions[4]).toEqual({ action: 'give-up', reason: 'it ended 5 times within 1 minute' });
  });

  it('forgets ends older than the window', () => {
    const policy = new RestartPolicy();
    for (const s of [0, 10, 20, 30]) expect(policy.ended(s * SECOND, s * SECOND).action).toBe('restart');
    // The end at 0 s is more than a minute old at 65 s: 4 within the window, not 5.
    expect(policy.ended(65 * SECOND, 64 * SECOND).action).toBe('restart');
    expect(policy.ended(66 * SECOND, 66 * SECOND)).toMatchObject({ action: 'give-up' });
  });
});
