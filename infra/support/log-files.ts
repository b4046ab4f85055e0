import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

/** The file a part's full output goes to: "API" -> `<logsDir>/api.log`, "Temporal dev server" -> `temporal-dev-server.log`. */
export function partLogFile(logsDir: string, part: string): string {
  const slug = part
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') throw new Error(`no log file name can be made from the part name "${part}"`);
  return path.join(logsDir, `${slug}.log`);
}

/** Where the previous run's log of `file` is kept: `api.log` -> `api.previous.log`. */
export function previousLogFile(file: string): string {
  const { dir, name, ext } = path.parse(file);
  return path.join(dir, `${name}.previous${ext}`);
}

/** The log files opened by this process so far: a part started again goes on in the same file. */
const openedThisRun = new Set<string>();

/**
 * A log file written line by line, synchronously, so that nothing is lost when
 * the process exits right after. Opening it the first time in this run starts it
 * afresh and keeps the previous run's beside it (`api.previous.log`); opening it
 * again (a part restarted after a crash) appends, so the crash's lines stay.
 */
export class LogFile {
  private fd: number | undefined;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    const key = path.resolve(file);
    const again = openedThisRun.has(key);
    openedThisRun.add(key);
    if (!again && existsSync(file)) renameSync(file, previousLogFile(file));
    this.fd = openSync(file, again ? 'a' : 'w');
    if (again) this.writeLine(`---- started again at ${new Date().toISOString()} ----`);
  }

  writeLine(line: string): void {
    if (this.fd !== undefined) writeSync(this.fd, `${line}\n`);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

const TAIL_BYTES = 64 * 1024;

/**
 * The last `count` lines of `file` (without the final newline), from its last 64 KiB at most;
 * '' when it is missing or empty.
 */
export function tailOfFile(file: string, count: number): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (length < size) lines.shift(); // the first line read is cut
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-count).join('\n');
  } finally {
    closeSync(fd);
  }
}
