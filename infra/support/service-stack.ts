import { errorMessage, ProgressReporter } from './progress-reporter';

/** A long-running part of the system, as the stack sees it. */
export interface RunningService {
  /** For messages: "PostgreSQL", "worker". */
  name: string;
  /** Resolves when the service has ended, with how: "exited with code 1". */
  exited: Promise<string>;
  stop: () => Promise<void>;
  /** The file its full output goes to, named when it ends unexpectedly. */
  logFile?: string;
}

export type StopReason =
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'crash'; service: string; how: string; logFile?: string }
  | { kind: 'failure'; message: string };

/**
 * The services started so far, in start order. The first stop request (a
 * signal, a service ending on its own, a failed start step) aborts `signal`
 * and resolves `stopRequested`; `stopAll()` then stops the services in reverse
 * order. Ends of services after the first request are expected, not crashes.
 */
export class ServiceStack {
  readonly stopRequested: Promise<StopReason>;
  private readonly services: RunningService[] = [];
  private readonly ended = new Set<RunningService>();
  private readonly controller = new AbortController();
  private reason: StopReason | undefined;
  private resolveStopRequested: (reason: StopReason) => void = () => undefined;

  constructor(private readonly reporter: ProgressReporter) {
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
    this.services.push(service);
    void service.exited.then((how) => {
      this.ended.add(service);
      this.requestStop({ kind: 'crash', service: service.name, how, logFile: service.logFile });
    });
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
    for (const service of [...this.services].reverse()) {
      if (this.ended.has(service)) continue;
      try {
        await this.reporter.step(`Stopping ${service.name}`, () => service.stop());
      } catch (error) {
        clean = false;
        this.reporter.error(`could not stop ${service.name}: ${errorMessage(error)}`);
      }
    }
    this.services.length = 0;
    return clean;
  }
}
