import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

import { LogFile } from './log-files';
import { terminalOutput } from './terminal-output';

/**
 * Decides, line by line, what of a child's output reaches ours: the text to
 * print (without its newline), or undefined to leave the line out.
 */
export type LineDisplay = (line: string, stream: 'stdout' | 'stderr') => string | undefined;

/**
 * How a child's output reaches ours: prefixed with its name, as it is, only kept
 * for error messages (and its log file), or as a LineDisplay decides.
 */
export type OutputMode = 'prefixed' | 'as-is' | 'quiet' | LineDisplay;

export interface ManagedProcessOptions {
  /** Short name used in output and messages: "api", "temporal". */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user and group (when we are root and the program refuses to be). */
  uid?: number;
  gid?: number;
  output: OutputMode;
  /** Signal that asks the program to shut down cleanly. */
  stopSignal: NodeJS.Signals;
  /** How long a clean shutdown may take before the process group is killed. */
  stopTimeoutMs: number;
  /** Drop output once a stop was asked for (for programs that complain noisily while stopping). */
  muteWhileStopping?: boolean;
  /**
   * Also writes every line it prints, stdout and stderr, whatever `output` shows, to this file:
   * started afresh, the previous one kept as `<name>.previous.log`.
   */
  logFile?: string;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started at all (e.g. ENOENT). */
  error?: Error;
}

const RECENT_LINES_KEPT = 60;

/** Children still running; killed when this process exits, so none is left behind. */
const liveProcesses = new Set<ManagedProcess>();
let exitHookInstalled = false;

/**
 * A child process with a lifecycle: it runs in its own process group (so a
 * terminal's Ctrl-C reaches only us and we decide the order of shutdown), its
 * output is forwarded line by line, and `stop()` asks it to end and kills its
 * whole group if it does not within the bound.
 */
export class ManagedProcess {
  readonly name: string;
  /** Resolves when the process has ended, for whatever reason. */
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private readonly recentLines: string[] = [];
  private readonly log: LogFile | undefined;
  private exitInfo: ProcessExit | undefined;
  private stopRequested = false;

  private constructor(private readonly options: ManagedProcessOptions) {
    this.name = options.name;
    this.log = options.logFile === undefined ? undefined : new LogFile(options.logFile);
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise<ProcessExit>((resolve) => {
      this.child.once('error', (error) => this.finish({ code: null, signal: null, error }, resolve));
      this.child.once('exit', (code, signal) => this.finish({ code, signal }, resolve));
    });
    this.child.once('close', () => this.log?.close());
    this.forward(this.child.stdout, 'stdout');
    this.forward(this.child.stderr, 'stderr');
    liveProcesses.add(this);
    installExitHook();
  }

  static start(options: ManagedProcessOptions): ManagedProcess {
    return new ManagedProcess(options);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The file its whole output goes to, if any. */
  get logFile(): string | undefined {
    return this.options.logFile;
  }

  get isRunning(): boolean {
    return this.exitInfo === undefined;
  }

  /** How it ended, once it has. */
  get exit(): ProcessExit | undefined {
    return this.exitInfo;
  }

  /** The last lines it printed, for error messages. */
  recentOutput(): string {
    return this.recentLines.join('\n');
  }

  /** Asks the process to stop with its stop signal; kills its group after the bound. */
  async stop(): Promise<ProcessExit> {
    if (this.exitInfo) return this.exitInfo;
    this.stopRequested = true;
    this.signal(this.options.stopSignal, 'process');
    const timer = setTimeout(() => this.signal('SIGKILL', 'group'), this.options.stopTimeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** "exited with code 1", "was killed by SIGKILL", "could not start: spawn x ENOENT". */
  static describe(exit: ProcessExit): string {
    if (exit.error) return `could not start: ${exit.error.message}`;
    if (exit.signal) return `was killed by ${exit.signal}`;
    return `exited with code ${exit.code ?? 'unknown'}`;
  }

  /** Kills the whole group at once; for the last moments of the parent process. */
  killNow(): void {
    this.signal('SIGKILL', 'group');
  }

  private signal(signal: NodeJS.Signals, target: 'process' | 'group'): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exitInfo) return;
    try {
      process.kill(target === 'group' ? -pid : pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  private finish(exit: ProcessExit, resolve: (exit: ProcessExit) => void): void {
    if (this.exitInfo) return;
    // What it leaves behind in its group (PostgreSQL's backends when the postmaster is killed)
    // would hold its ports and shared memory against a restart: they go with it.
    if (exit.error === undefined) this.signal('SIGKILL', 'group');
    this.exitInfo = exit;
    liveProcesses.delete(this);
    resolve(exit);
  }

  private forward(source: Readable | null, target: 'stdout' | 'stderr'): void {
    if (!source) return;
    let partial = '';
    source.setEncoding('utf8');
    source.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.emitLine(line, target);
    });
    source.on('end', () => {
      if (partial !== '') this.emitLine(partial, target);
      partial = '';
    });
  }

  private emitLine(line: string, target: 'stdout' | 'stderr'): void {
    this.recentLines.push(line);
    if (this.recentLines.length > RECENT_LINES_KEPT) this.recentLines.shift();
    this.log?.writeLine(line);
    const { output } = this.options;
    if (output === 'quiet' || (this.stopRequested && this.options.muteWhileStopping)) return;
    const shown =
      typeof output === 'function' ? output(line, target) : output === 'prefixed' ? `[${this.name}] ${line}` : line;
    if (shown !== undefined) terminalOutput.write(target, `${shown}\n`);
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of liveProcesses) child.killNow();
  });
}
