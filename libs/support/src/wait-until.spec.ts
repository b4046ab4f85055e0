import { waitUntil } from './wait-until';

describe('waitUntil', () => {
  const fast = { description: 'the thing', timeoutMs: 200, intervalMs: 5 };

  it('answers the first value the probe returns, after the undefined ones', async () => {
    let calls = 0;
    await expect(waitUntil(async () => (++calls >= 3 ? `call ${calls}` : undefined), fast)).resolves.toBe('call 3');
  });

  it('tries a probe that throws again by default', async () => {
    let calls = 0;
    const probe = async () => {
      if (++calls < 3) throw new Error('connection refused');
      return true;
    };
    await expect(waitUntil(probe, fast)).resolves.toBe(true);
  });

  it('names what it waited for when the time is up, with the last error if there was one', async () => {
    await expect(waitUntil(async () => undefined, fast)).rejects.toThrow(/^timed out after .* waiting for the thing$/);
    await expect(
      waitUntil(async () => {
        throw new Error('connection refused');
      }, fast),
    ).rejects.toThrow(/waiting for the thing \(last: connection refused\)$/);
  });

  it("ends at once with the probe's error when onError is fail", async () => {
    let calls = 0;
    const probe = async () => {
      calls++;
      throw new Error('403 Forbidden');
    };
    await expect(waitUntil(probe, { ...fast, timeoutMs: 10_000, onError: 'fail' })).rejects.toThrow('403 Forbidden');
    expect(calls).toBe(1);
  });

  it('gives up when giveUpIf names a reason', async () => {
    await expect(
      waitUntil(async () => undefined, { ...fast, timeoutMs: 10_000, giveUpIf: () => 'the process exited' }),
    ).rejects.toThrow('gave up waiting for the thing: the process exited');
  });
});
