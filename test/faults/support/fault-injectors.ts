import { setTimeout as sleep } from 'node:timers/promises';
import type { OwnedStack } from './owned-stack';
import type { FaultTimeline } from './recording-api';
import type { SeededRandom } from '../../support/seeded-random';

/** One kind of fault, struck at random moments while the plans are driven. */
export interface FaultInjector {
  /** "worker SIGKILL", for the report. */
  name: string;
  /**
   * Injects the faults while `driving()` holds, each time bringing the part back; every
   * window in `timeline` runs from the fault until the part answers again.
   */
  run(stack: OwnedStack, timeline: FaultTimeline, random: SeededRandom, driving: () => boolean): Promise<void>;
  /** Things it noticed on the way that the report should mention (a process that ended by itself). */
  notes: string[];
}

const ms = (seconds: number) => Math.round(seconds * 1000);

/** Waits `delayMs`, or less if the driving stops; answers whether it is still driving. */
async function waitWhileDriving(delayMs: number, driving: () => boolean): Promise<boolean> {
  const until = Date.now() + delayMs;
  while (Date.now() < until) {
    if (!driving()) return false;
    await sleep(Math.min(250, until - Date.now()));
  }
  return driving();
}

/**
 * (a) The worker is killed with SIGKILL at random moments, and a new one started after a
 * random pause. A new worker needs 10-15 s to bundle the workflows and poll on a loaded
 * 2-core machine, so each kill leaves it running a while first: else it would be down most
 * of the time and hardly anything would move.
 */
export function workerKills(times: number): FaultInjector {
  return {
    name: `worker SIGKILL ×${times}`,
    notes: [],
    async run(stack, timeline, random, driving) {
      for (let n = 0; n < times; n++) {
        if (!(await waitWhileDriving(ms(n === 0 ? random.between(3, 7) : random.between(8, 14)), driving))) return;
        const window = timeline.begin('worker');
        stack.harness.killWorker();
        await sleep(ms(random.between(0.5, 2.5)));
        await stack.harness.restartWorker();
        timeline.end(window);
      }
    },
  };
}

/** (b) The Temporal dev server is killed with SIGKILL and, after a random pause, restarted on the same SQLite file and port. */
export function temporalKills(times: number): FaultInjector {
  const notes: string[] = [];
  return {
    name: `Temporal dev server SIGKILL ×${times}`,
    notes,
    async run(stack, timeline, random, driving) {
      for (let n = 0; n < times; n++) {
        if (!(await waitWhileDriving(ms(n === 0 ? random.between(4, 8) : random.between(8, 14)), driving))) return;
        const window = timeline.begin('temporal');
        await stack.killTemporal();
        await sleep(ms(random.between(3, 8)));
        await stack.startTemporal();
        timeline.end(window);
        await reviveWorkerIfEnded(stack, notes, `Temporal outage #${window.number}`);
      }
    },
  };
}

/** (c) PostgreSQL is stopped (fast shutdown) for `downSeconds`, then started again on the same cluster. */
export function postgresOutage(downSeconds: number): FaultInjector {
  const notes: string[] = [];
  return {
    name: `PostgreSQL stopped for ${downSeconds} s`,
    notes,
    async run(stack, timeline, random, driving) {
      if (!(await waitWhileDriving(ms(random.between(6, 12)), driving))) return;
      const window = timeline.begin('postgres');
      await stack.stopPostgres();
      await sleep(ms(downSeconds));
      await stack.startPostgres();
      timeline.end(window);
      await reviveWorkerIfEnded(stack, notes, 'the PostgreSQL outage');
    },
  };
}

/**
 * A worker that ended by itself during an outage is noted, with its last words, and started
 * again, as a process supervisor would: the case then goes on to check what was kept.
 */
async function reviveWorkerIfEnded(stack: OwnedStack, notes: string[], during: string): Promise<void> {
  if (stack.harness.workerRunning) return;
  const lastWords = stack.harness.recentOutput('worker').split('\n').slice(-3).join(' | ');
  notes.push(`the worker ended by itself during ${during}; restarted. Its last output: ${lastWords}`);
  await stack.harness.restartWorker();
}
