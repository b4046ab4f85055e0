import { setTimeout as sleep } from 'node:timers/promises';

import { errorMessage, formatElapsed } from '@aoc/support/format';
import { isAbortError, ProgressReporter } from './progress-reporter';
import { DEFAULT_RESTART_POLICY, RestartPolicy, type RestartPolicyOptions } from './restart-policy';

/** One run of a long-running part: it ends (resolving `exited` with how) or is stopped. */
export interface ServiceRun {
  /** Resolves when the run has ended, with how: "exited with code 1", "was killed by SIGKILL". */
  exited: Promise<string>;
  stop: () => Promise<void>;
}

/** A long-running part of the system, as the stack sees it. */
export interface RunningService extends ServiceRun {
  /** For messages: "PostgreSQL", "worker-1". */
  name: string;
  /** The file its full output goes to, named when it ends unexpectedly. */
  logFile?: string;
  /**
   * Starts the part again after it ended unexpectedly, resolving once it is up (or rejecting: a
   * failed restart counts as another end). Without it, an end of the part stops the stack.
   */
  restart?: (signal: AbortSignal) => Promise<ServiceRun>;
}

export type StopReason =
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'crash'; service: string; how: string; logFile?: string; gaveUp?: string }
  | { kind: 'failure'; message: string };

export interface ServiceStackOptions {
  restartPolicy?: RestartPolicyOptions;
  /** Tells the time of a restart; for tests. */
  now?: () => number;
}

/** A service added to the stack, with its current run and its restart policy. */
interface Supervised {
  service: RunningService;
  run: ServiceRun;
  policy: RestartPolicy;
  startedAt: number;
  ended: boolean;
  /** A restart under way (its wait or its start), which a stop waits for. */
  restarting?: Promise<void>;
}

/**
 * The services started so far, in start order, supervised. A service that ends on its own is
 * started again after a backoff (restart-policy.ts), with one line saying what ended, how, and
 * when it comes back; one that keeps ending at once is given up, which stops the stack. The first
 * stop request (a signal, a service given up or without a restart, a failed start step) aborts
 * `signal` and resolves `stopRequested`; `stopAll()` then stops the services in reverse order.
 * Ends of services after the first request are expected, not crashes.
 */
export class ServiceStack {
  readonly stopRequested: Promise<StopReason>;
  private readonly services: Supervised[] = [];
  private readonly controller = new AbortController();
  private readonly restartPolicy: RestartPolicyOptions;
  private readonly now: () => number;
  private reason: StopReason | undefined;
  private resolveStopRequested: (reason: StopReason) => void = () => undefined;

  constructor(
    private readonly reporter: ProgressReporter,
    options: ServiceStackOptions = {},
  ) {
    this.restartPolicy = options.restartPolicy ?? DEFAULT_RESTART_POLICY;
    this.now = options.now ?? Date.now;
    this.stopRequested = new Promise<StopReason>((resolve) => {
      this.resolveStopRequested = resolve;
    });
  }

  /** Aborted at the first stop request; start steps pass it to their waits. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopReason(): StopReason | undefined {
    return this.reason;
  }

  add(service: RunningService): void {
    const entry: Supervised = {
      service,
      run: service,
      policy: new RestartPolicy(this.restartPolicy),
      startedAt: this.now(),
      ended: false,
    };
    this.services.push(entry);
    this.watch(entry, service);
  }

  requestStop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort();
    this.resolveStopRequested(reason);
  }

  /** Stops every service, last started first; a failure to stop one does not keep the others running. */
  async stopAll(): Promise<boolean> {
    let clean = true;
    for (const entry of [...this.services].reverse()) {
      await entry.restarting;
      if (entry.ended) continue;
      try {
        await this.reporter.step(`Stopping ${entry.service.name}`, () => entry.run.stop());
      } catch (error) {
        clean = false;
        this.reporter.error(`could not stop ${entry.service.name}: ${errorMessage(error)}`);
      }
    }
    this.services.length = 0;
    return clean;
  }

  private watch(entry: Supervised, run: ServiceRun): void {
    void run.exited.then((how) => {
      if (entry.run !== run) return;
      entry.ended = true;
      if (!this.reason) this.onUnexpectedEnd(entry, how);
    });
  }

  private onUnexpectedEnd(entry: Supervised, how: string): void {
    const { service } = entry;
    const crash = { kind: 'crash', service: service.name, how, logFile: service.logFile } as const;
    if (!service.restart) {
      this.requestStop(crash);
      return;
    }
    const decision = entry.policy.ended(this.now(), entry.startedAt);
    if (decision.action === 'give-up') {
      this.requestStop({ ...crash, gaveUp: decision.reason });
      return;
    }
    const backAt = new Date(this.now() + decision.delayMs).toTimeString().slice(0, 8);
    this.reporter.warn(
      `${service.name} ${how}; restarting it in ${formatElapsed(decision.delayMs)}, at ${backAt} (restart ${decision.restart})`,
    );
    entry.restarting = this.restart(entry, decision.delayMs).finally(() => {
      entry.restarting = undefined;
    });
  }

  private async restart(entry: Supervised, delayMs: number): Promise<void> {
    const { service } = entry;
    const began = this.now();
    try {
      await sleep(delayMs, undefined, { signal: this.signal });
      entry.startedAt = this.now();
      const run = await service.restart!(this.signal);
      if (this.signal.aborted) {
        await run.stop();
        return;
      }
      entry.run = run;
      entry.ended = false;
      this.watch(entry, run);
      this.reporter.success(`${service.name} is back (${formatElapsed(this.now() - began)} after it ended)`);
    } catch (error) {
      if (isAbortError(error) || this.signal.aborted) return;
      this.onUnexpectedEnd(entry, `could not be restarted: ${firstLine(errorMessage(error))}`);
    }
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
