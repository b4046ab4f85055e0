/**
 * The bench's command line (`--quick`, `--json FILE`) and the sizes it sets: how many plans are
 * seeded, how many requests each read takes, how many decisions and walks are timed.
 */
import os from 'node:os';
import { FULL, QUICK } from './bench-seed';

const args = process.argv.slice(2);
export const QUICK_MODE = args.includes('--quick');
export const JSON_FILE = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
export const SIZE = QUICK_MODE ? QUICK : FULL;
/** Requests per read: sequential, then at concurrency 8. */
export const SEQUENTIAL = QUICK_MODE ? 40 : 200;
export const CONCURRENT = QUICK_MODE ? 160 : 800;
export const CONCURRENCY = 8;
/** Decisions through the API (and as many through the baseline), interleaved. */
export const COMPLETIONS = QUICK_MODE ? 10 : 40;
/** Decisions taken at concurrency 8 for the throughput figure. */
export const CONCURRENT_COMPLETIONS = QUICK_MODE ? 40 : 200;
/** Plans walked to ENDORSED at once: 30 in flight, issue 21's ordinary load (no answer may be a 503). */
export const WALKS = 30;
/** Plans started and left open for the memory and scale figures. */
export const OPEN_PLANS = QUICK_MODE ? 200 : 2_000;
/** Requests per public page (the public library), 32 readers at once. */
export const PUBLIC_REQUESTS = QUICK_MODE ? 320 : 1_600;

export const log = (line: string) => process.stdout.write(`${line}\n`);

/** The cores and the load: other work on the machine moves every figure. */
export const machine = () =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
