import type { Identity } from './claims';
import { DIRECTORY_WRITE_INTERVAL_MS, SeenThrottle } from './seen-throttle';

const identity = (roles: Identity['actor']['roles'] = ['cso'], sub = 'u1'): Identity => ({
  actor: { sub, roles, org: 'youth-network' },
  name: 'Una',
  email: 'una@example.org',
});

describe('SeenThrottle (when the users directory writes)', () => {
  it('lets a user be written at most once per interval', () => {
    const throttle = new SeenThrottle();
    expect(throttle.take(identity(), 0)).toBe(true);
    expect(throttle.take(identity(), 1_000)).toBe(false);
    expect(throttle.take(identity(), DIRECTORY_WRITE_INTERVAL_MS - 1)).toBe(false);
    expect(throttle.take(identity(), DIRECTORY_WRITE_INTERVAL_MS)).toBe(true);
  });

  it('writes again at once when the roles or scope change, and counts each user apart', () => {
    const throttle = new SeenThrottle();
    expect(throttle.take(identity(['cso']), 0)).toBe(true);
    expect(throttle.take(identity(['cso', 'admin']), 10)).toBe(true);
    expect(throttle.take(identity(['admin', 'cso']), 20)).toBe(false); // the same roles
    expect(throttle.take(identity(['cso'], 'u2'), 30)).toBe(true);
  });

  it('writes again after a failed write is forgotten', () => {
    const throttle = new SeenThrottle();
    throttle.take(identity(), 0);
    throttle.forget('u1');
    expect(throttle.take(identity(), 10)).toBe(true);
  });

  it('forgets users not seen for the interval once it remembers many', () => {
    const throttle = new SeenThrottle();
    for (let i = 0; i < 10_000; i += 1) throttle.take(identity(['cso'], `old-${i}`), 0);
    throttle.take(identity(['cso'], 'new'), DIRECTORY_WRITE_INTERVAL_MS);
    expect(throttle.size).toBeLessThanOrEqual(10_000);
    expect(throttle.take(identity(['cso'], 'new'), DIRECTORY_WRITE_INTERVAL_MS + 1)).toBe(false);
  });
});
