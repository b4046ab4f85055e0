import { ProgressReporter } from './progress-reporter';
import { ServiceStack, type RunningService, type ServiceRun } from './service-stack';
import { TerminalOutput } from './terminal-output';
import { waitUntil } from '@aoc/support/wait-until';

/** A run that ends when told to, as a process would. */
class FakeRun implements ServiceRun {
  stopped = false;
  readonly exited: Promise<string>;
  private end: (how: string) => void = () => undefined;

  constructor() {
    this.exited = new Promise((resolve) => (this.end = resolve));
  }

  die(how = 'was killed by SIGKILL'): void {
    this.end(how);
  }

  stop = async (): Promise<void> => {
    this.stopped = true;
    this.end('exited with code 0');
    await this.exited;
  };
}

function capture(): { reporter: ProgressReporter; lines: string[] } {
  const lines: string[] = [];
  const stream = { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)), columns: 200 };
  return { reporter: new ProgressReporter('test', { output: new TerminalOutput(stream, stream) }), lines };
}

/** Milliseconds instead of seconds, so that the test runs in a blink. */
const FAST = { initialDelayMs: 10, maxDelayMs: 80, maxEnds: 5, windowMs: 60_000 };

function service(runs: FakeRun[], restartable = true): RunningService {
  const first = new FakeRun();
  runs.push(first);
  return {
    name: 'worker-1',
    ...first,
    exited: first.exited,
    stop: first.stop,
    restart: restartable
      ? () => {
          const run = new FakeRun();
          runs.push(run);
          return Promise.resolve(run);
        }
      : undefined,
  };
}

const wait = (what: string, done: () => boolean) =>
  waitUntil(() => Promise.resolve(done() ? true : undefined), { description: what, timeoutMs: 5_000, intervalMs: 5 });

describe('ServiceStack supervision', () => {
  it('restarts a part that ends, says what ended, how and when it comes back, and keeps the stack up', async () => {
    const { reporter, lines } = capture();
    const stack = new ServiceStack(reporter, { restartPolicy: FAST });
    const runs: FakeRun[] = [];
    stack.add(service(runs));
    runs[0].die();
    await wait('a second run', () => runs.length === 2);
    expect(lines.join('\n')).toMatch(
      /worker-1 was killed by SIGKILL; restarting it in 0\.0s, at \d\d:\d\d:\d\d \(restart 1\)\n.*worker-1 is back/,
    );
    expect(stack.stopReason).toBeUndefined();

    // The new run is the one stopped.
    stack.requestStop({ kind: 'signal', signal: 'SIGINT' });
    expect(await stack.stopAll()).toBe(true);
    expect(runs.map((r) => r.stopped)).toEqual([false, true]);
  });

  it('gives up on a part that keeps dying at once, says why, and stops the stack', async () => {
    const { reporter } = capture();
    const stack = new ServiceStack(reporter, { restartPolicy: FAST });
    const runs: FakeRun[] = [];
    stack.add(service(runs));
    for (let n = 0; n < 5; n++) {
      await wait(`run ${n + 1}`, () => runs.length === n + 1);
      runs[n].die('exited with code 1');
    }
    expect(await stack.stopRequested).toEqual({
      kind: 'crash',
      service: 'worker-1',
      how: 'exited with code 1',
      gaveUp: 'it ended 5 times within 1 minute',
      logFile: undefined,
    });
    expect(runs).toHaveLength(5);
  });

  it('stops the stack when a part without a restart ends', async () => {
    const { reporter } = capture();
    const stack = new ServiceStack(reporter, { restartPolicy: FAST });
    const runs: FakeRun[] = [];
    stack.add(service(runs, false));
    runs[0].die();
    expect(await stack.stopRequested).toMatchObject({ kind: 'crash', how: 'was killed by SIGKILL' });
    expect(stack.stopReason?.kind === 'crash' && stack.stopReason.gaveUp).toBeUndefined();
  });

  it('does not restart a part that ends while waiting for its restart when a stop comes', async () => {
    const { reporter } = capture();
    const stack = new ServiceStack(reporter, { restartPolicy: { ...FAST, initialDelayMs: 60_000 } });
    const runs: FakeRun[] = [];
    stack.add(service(runs));
    runs[0].die();
    stack.requestStop({ kind: 'signal', signal: 'SIGINT' });
    expect(await stack.stopAll()).toBe(true);
    expect(runs).toHaveLength(1);
  });

  it('counts a restart that fails as another end', async () => {
    const { reporter, lines } = capture();
    const stack = new ServiceStack(reporter, { restartPolicy: FAST });
    const first = new FakeRun();
    let attempts = 0;
    stack.add({
      name: 'the Temporal history service',
      exited: first.exited,
      stop: first.stop,
      restart: () => {
        attempts++;
        return Promise.reject(new Error('port 7234 is taken\nmore detail'));
      },
    });
    first.die();
    const reason = await stack.stopRequested;
    expect(attempts).toBe(4);
    expect(reason).toMatchObject({ how: 'could not be restarted: port 7234 is taken', gaveUp: expect.any(String) });
    expect(lines.filter((l) => l.includes('restarting it in'))).toHaveLength(4);
  });
});
