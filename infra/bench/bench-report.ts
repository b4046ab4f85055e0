/**
 * The bench's report: the tables it prints once everything is measured, each figure beside the
 * bare-Temporal baseline's where one exists, with the ratios and issue 21's targets.
 */
import { CONCURRENCY, log, OPEN_PLANS, QUICK_MODE, SIZE, WALKS } from './bench-options';
import { ms, ratio, summary, table, type Row } from './bench-stats';
import type { DecisionLatency, DecisionsOnFile } from './decision-latency';
import { PUBLIC_CONCURRENCY, type PublicRow, type RecordCost } from './publication-bench';
import type { ScaleFigures } from './scale';
import { UPDATES_PER_WALK, type ConcurrentDecisions, type Rate } from './throughput';

/** Everything the bench measured, but the query plans (printed as they are taken). */
export interface BenchResults {
  rows: Row[];
  publicRows: PublicRow[];
  records: RecordCost;
  completions: DecisionLatency;
  perSecond: ConcurrentDecisions;
  reviewed: { product: Rate; baseline: Rate; unavailable: number };
  onFile: DecisionsOnFile;
  scale: ScaleFigures;
  /** The API and worker to green health (ms): first start, and restart. */
  coldStart: number;
  warmStart: number;
}

const perSec = (r: Rate) => `${r.perSecond.toFixed(2)} /s (${r.count} in ${r.seconds.toFixed(1)} s)`;

/** Prints every table, in the bench's order: reads, decisions, throughput, targets, scale. */
export function printReport(results: BenchResults): void {
  printReads(results);
  printPublicLibrary(results);
  printDecisionLatency(results);
  printDecisionsOnFile(results);
  printThroughput(results);
  printTargets(results);
  printScale(results);
}

function printReads({ rows }: BenchResults): void {
  log('\n## Reads (ms, through HTTP, the API on this machine)\n');
  log(
    table(
      ['read', 'mode', 'n', 'p50', 'p99', 'max', 'body bytes'],
      rows.map((r) => [r.read, r.mode, String(r.n), ms(r.p50), ms(r.p99), ms(r.max), String(r.bytes ?? '')]),
    ),
  );
}

function printPublicLibrary({ publicRows, records }: BenchResults): void {
  log(`\n## The public library: ${SIZE.plans} endorsed plans, ${PUBLIC_CONCURRENCY} readers at once (ms)\n`);
  log('Targets (issue 18): p99 ≤ 50 ms; a repeat answered 304 by its ETag, p99 ≤ 5 ms.\n');
  log(
    table(
      ['read', 'n', 'p50', 'p99', 'max', 'body bytes'],
      publicRows.map((r) => [r.read, String(r.n), ms(r.p50), ms(r.p99), ms(r.max), String(r.bytes || '')]),
    ),
  );
  log(
    `\nAdoption records: ${records.records} rendered and signed again from the walked plans' canonical data: ` +
      `p50 ${ms(records.renderP50)} ms, max ${ms(records.renderMax)} ms; ` +
      `PDF ${(records.bytesP50 / 1024).toFixed(1)} KB (largest ${(records.bytesMax / 1024).toFixed(1)} KB).`,
  );
}

function printDecisionLatency({ completions }: BenchResults): void {
  log('\n## Decision latency: the API against bare Temporal (ms, interleaved)\n');
  log(
    table(
      ['n', 'product p50', 'product p99', 'baseline p50', 'baseline p99', 'ratio p50', 'ratio p99'],
      [
        [
          String(completions.product.n),
          ms(completions.product.p50),
          ms(completions.product.p99),
          ms(completions.baseline.p50),
          ms(completions.baseline.p99),
          ratio(completions.product.p50, completions.baseline.p50),
          ratio(completions.product.p99, completions.baseline.p99),
        ],
      ],
    ),
  );
}

function printDecisionsOnFile({ onFile }: BenchResults): void {
  const c8 = (times: number[]) => summary('', '', times);
  const [fp, fb] = [c8(onFile.perSecond.productTimes), c8(onFile.perSecond.baselineTimes)];
  log('\n## The same decisions on a dev server with a file database (`--db-filename`, as `npm start` runs it; ms)\n');
  log(
    table(
      ['mode', 'product p50', 'product p99', 'baseline p50', 'baseline p99', 'ratio p50', 'ratio p99'],
      [
        [
          'sequential',
          ms(onFile.completions.product.p50),
          ms(onFile.completions.product.p99),
          ms(onFile.completions.baseline.p50),
          ms(onFile.completions.baseline.p99),
          ratio(onFile.completions.product.p50, onFile.completions.baseline.p50),
          ratio(onFile.completions.product.p99, onFile.completions.baseline.p99),
        ],
        [
          `c=${CONCURRENCY}`,
          ms(fp.p50),
          ms(fp.p99),
          ms(fb.p50),
          ms(fb.p99),
          ratio(fp.p50, fb.p50),
          ratio(fp.p99, fb.p99),
        ],
      ],
    ),
  );
  log(
    `\nDecisions per second at c=${CONCURRENCY}: ${perSec(onFile.perSecond.product)} against ${perSec(onFile.perSecond.baseline)}; ` +
      `worker CPU per decision ${onFile.perSecond.productWorkerCpuMs === undefined ? 'n/a' : ms(onFile.perSecond.productWorkerCpuMs)} ms against ${ms(onFile.perSecond.baselineWorkerCpuMs)} ms.`,
  );
}

function printThroughput({ perSecond, reviewed }: BenchResults): void {
  log(`\n## Throughput against bare Temporal\n`);
  log(
    table(
      ['what', 'product', 'baseline', 'ratio'],
      [
        [
          `decisions, concurrency ${CONCURRENCY}`,
          perSec(perSecond.product),
          perSec(perSecond.baseline),
          ratio(perSecond.product.perSecond, perSecond.baseline.perSecond),
        ],
        [
          `plans walked to ENDORSED, ${WALKS} at once (${UPDATES_PER_WALK} Updates each)`,
          perSec(reviewed.product),
          perSec(reviewed.baseline),
          ratio(reviewed.product.perSecond, reviewed.baseline.perSecond),
        ],
      ],
    ),
  );
}

function printTargets({ rows, completions, perSecond, reviewed }: BenchResults): void {
  log(`\n## Issue 21's targets, against the baseline (the in-memory dev server)\n`);
  const concurrentProduct = summary('product', `c=${CONCURRENCY}`, perSecond.productTimes);
  const concurrentBaseline = summary('baseline', `c=${CONCURRENCY}`, perSecond.baselineTimes);
  const p99Of = (read: string) => rows.find((r) => r.read.startsWith(read) && r.mode === `c=${CONCURRENCY}`)?.p99;
  const target = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met');
  const cpuRatio =
    perSecond.productWorkerCpuMs === undefined
      ? undefined
      : perSecond.productWorkerCpuMs / perSecond.baselineWorkerCpuMs;
  const timelineP99 = p99Of('timeline page');
  const inboxP99 = Math.max(
    ...rows.filter((r) => r.read.startsWith('inbox') && r.mode === `c=${CONCURRENCY}`).map((r) => r.p99),
  );
  log(
    table(
      ['target', 'product', 'baseline', 'ratio', 'target', 'result'],
      [
        [
          'decision p50, sequential',
          ms(completions.product.p50),
          ms(completions.baseline.p50),
          ratio(completions.product.p50, completions.baseline.p50),
          '≤ 1.5×',
          target(completions.product.p50 <= 1.5 * completions.baseline.p50),
        ],
        [
          'decision p99, sequential',
          ms(completions.product.p99),
          ms(completions.baseline.p99),
          ratio(completions.product.p99, completions.baseline.p99),
          '≤ 2×',
          target(completions.product.p99 <= 2 * completions.baseline.p99),
        ],
        [
          `decision p50, c=${CONCURRENCY}`,
          ms(concurrentProduct.p50),
          ms(concurrentBaseline.p50),
          ratio(concurrentProduct.p50, concurrentBaseline.p50),
          '≤ 1.5×',
          target(concurrentProduct.p50 <= 1.5 * concurrentBaseline.p50),
        ],
        [
          `decision p99, c=${CONCURRENCY}`,
          ms(concurrentProduct.p99),
          ms(concurrentBaseline.p99),
          ratio(concurrentProduct.p99, concurrentBaseline.p99),
          '≤ 2×',
          target(concurrentProduct.p99 <= 2 * concurrentBaseline.p99),
        ],
        [
          'worker CPU per decision (ms)',
          perSecond.productWorkerCpuMs === undefined ? 'n/a' : ms(perSecond.productWorkerCpuMs),
          ms(perSecond.baselineWorkerCpuMs),
          cpuRatio === undefined ? 'n/a' : cpuRatio.toFixed(2),
          '≤ 2×',
          target(cpuRatio === undefined ? undefined : cpuRatio <= 2),
        ],
        [
          `plans walked to ENDORSED /s, ${WALKS} at once`,
          reviewed.product.perSecond.toFixed(2),
          reviewed.baseline.perSecond.toFixed(2),
          ratio(reviewed.product.perSecond, reviewed.baseline.perSecond),
          '≥ 0.5×',
          target(reviewed.product.perSecond >= 0.5 * reviewed.baseline.perSecond),
        ],
        [`answers 503 in those walks`, String(reviewed.unavailable), '', '', '0', target(reviewed.unavailable === 0)],
        [
          `timeline page p99, c=${CONCURRENCY} (ms)`,
          timelineP99 === undefined ? 'n/a' : ms(timelineP99),
          '',
          '',
          '≤ 25 ms',
          target(timelineP99 === undefined ? undefined : timelineP99 <= 25),
        ],
        [`inbox p99 (slowest reader), c=${CONCURRENCY} (ms)`, ms(inboxP99), '', '', '≤ 25 ms', target(inboxP99 <= 25)],
      ],
    ),
  );
  log(
    `\nThe baseline's worker runs in the bench's own process: its CPU per decision includes its client's. ` +
      `The product's is the worker process's, measured until it is idle again (a decision's write lands after its answer; ` +
      `the notification consumer runs there too). The read targets hold for the full seed only (${QUICK_MODE ? 'this is --quick' : 'this is the full seed'}).`,
  );
}

function printScale({ completions, scale, coldStart, warmStart }: BenchResults): void {
  const { starts, rssBefore, rssAfter, completionsAtScale } = scale;
  log(`\n## Scale and start\n`);
  const mib = (b: number | undefined) => (b === undefined ? 'n/a' : `${(b / 2 ** 20).toFixed(0)} MiB`);
  log(
    table(
      ['what', 'measured'],
      [
        [`plans started (create + submit through the API, c=${CONCURRENCY})`, perSec(starts)],
        [`worker RSS before / after ${OPEN_PLANS} more open plans`, `${mib(rssBefore)} / ${mib(rssAfter)}`],
        [
          'worker memory per open plan',
          rssBefore !== undefined && rssAfter !== undefined
            ? `${((rssAfter - rssBefore) / OPEN_PLANS / 1024).toFixed(0)} KiB`
            : 'n/a',
        ],
        [
          `decision p50 / p99 with few plans open`,
          `${ms(completions.product.p50)} / ${ms(completions.product.p99)} ms`,
        ],
        [
          `decision p50 / p99 with ${OPEN_PLANS}+ plans open`,
          `${ms(completionsAtScale.product.p50)} / ${ms(completionsAtScale.product.p99)} ms (ratio p50 ${ratio(completionsAtScale.product.p50, completions.product.p50)})`,
        ],
        ['API and worker to green health, cold (first start)', `${(coldStart / 1000).toFixed(1)} s`],
        ['API and worker to green health, warm (restart)', `${(warmStart / 1000).toFixed(1)} s`],
      ],
    ),
  );
}
