/** The bench's arithmetic: timing a call, percentiles of many, and the Markdown tables it prints. */
import { CONCURRENCY, CONCURRENT, SEQUENTIAL } from './bench-options';

export interface Row {
  read: string;
  mode: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** The size of the response body. */
  bytes?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export function summary(read: string, mode: string, times: number[]): Row {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    read,
    mode,
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
  };
}

export const ms = (n: number) => n.toFixed(1);
export const ratio = (a: number, b: number) => (a / b).toFixed(2);

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export async function timed(call: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await call();
  return performance.now() - t0;
}

/** A read's figures: after a warm-up, SEQUENTIAL calls one after another, then CONCURRENT calls 8 at a time. */
export async function measure(read: string, call: () => Promise<void>): Promise<Row[]> {
  for (let i = 0; i < 5; i++) await call(); // warm-up
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await timed(call));
  const concurrent: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CONCURRENT) concurrent.push(await timed(call));
    }),
  );
  return [summary(read, 'sequential', sequential), summary(read, `c=${CONCURRENCY}`, concurrent)];
}
