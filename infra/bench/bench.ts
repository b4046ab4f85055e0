/**
 * `npm run bench [-- --quick] [-- --json FILE]`: the performance figures of issue 12, on servers of
 * its own. It starts (or reuses) PostgreSQL (DATABASE_URL, else this machine's on 5432) and makes a
 * database of its own, starts a Temporal dev server, the worker and the API (the built dist/, as
 * `npm start` runs them), seeds the database (10k plans, 100k tasks, 1M events; --quick: a tenth of
 * the plans and tasks, 100k events), then prints:
 * - p50/p99 of the inbox (consultee, secretariat, admin; with the filters and sort), the plan list
 *   (also sorted and filtered), a timeline page, the admins' overview and waiting-on (targets: p99
 *   under 50 ms) and a GET /metrics scrape, each sequential and at concurrency 8;
 * - the latency of a decision through the API against a bare-Temporal baseline (a minimal workflow
 *   taking the same Update, no HTTP, no database), interleaved, on the same Temporal server;
 * - decisions per second at concurrency 8, and plans walked to ENDORSED per second, against the
 *   baseline (throughput.ts);
 * - the start rate of plans, the worker's memory with OPEN_PLANS plans open, and a decision's
 *   latency then; the cold and warm start of the API and worker to green health;
 * - the EXPLAIN (ANALYZE, BUFFERS) of every SELECT each read runs (captured from the service itself).
 * Everything it started is stopped, and its database dropped, at the end.
 */
import { writeFileSync } from 'node:fs';
import { seedDemoRegistry } from '@aoc/demo/demo-registry';
import {
  CONCURRENCY,
  CONCURRENT_COMPLETIONS,
  JSON_FILE,
  log,
  machine,
  PUBLIC_REQUESTS,
  QUICK_MODE,
  SIZE,
  WALKS,
} from './bench-options';
import { printReport } from './bench-report';
import { ProductStack, seededDatabase, startBaseline, stopAll } from './bench-setup';
import { completionLatency, decisionsOnFileDatabase } from './decision-latency';
import { measurePublication } from './publication-bench';
import { benchReads, explainReads, firstPlanId, measureReads } from './read-latency';
import { measureScale } from './scale';
import { completionsPerSecond, openConsultationTasks, plansReviewedPerSecond } from './throughput';

const started = Date.now();

async function main(): Promise<void> {
  log(`bench (${QUICK_MODE ? 'quick' : 'full'}): ${SIZE.plans} plans, ${SIZE.tasks} tasks, ${SIZE.events} events`);
  log(`${new Date().toISOString()}, node ${process.versions.node}, ${machine()}`);
  const { url, libraryPlan } = await seededDatabase();
  const { stack, coldStart } = await ProductStack.start(url);
  const { api, temporal, taskQueue } = stack;

  const reads = benchReads(await firstPlanId(url));
  const rows = await measureReads(api, reads);

  const baseline = await startBaseline(temporal.address, temporal.namespace, `${taskQueue}-baseline`);
  stopAll.push(baseline.stop);
  await seedDemoRegistry(api, () => undefined, { users: false });
  const completions = await completionLatency(api, baseline.client, baseline.queue);
  log('measured decision latency');
  const tasks = await openConsultationTasks(api, CONCURRENT_COMPLETIONS);
  const perSecond = await completionsPerSecond(
    api,
    baseline.client,
    baseline.queue,
    tasks,
    CONCURRENCY,
    stack.worker.pid,
  );
  log('measured decisions per second');
  const reviewed = await plansReviewedPerSecond(api, baseline.client, baseline.queue, WALKS);
  log('measured plans reviewed per second');
  const onFile = await decisionsOnFileDatabase(stack.env, taskQueue);
  log('measured decisions on a dev server with a file database');

  const { publicRows, records } = await measurePublication(api.baseUrl, url, libraryPlan, PUBLIC_REQUESTS);
  const scale = await measureScale(api, stack.worker.pid, baseline);
  const warmStart = await stack.restart();

  printReport({ rows, publicRows, records, completions, perSecond, reviewed, onFile, scale, coldStart, warmStart });
  await explainReads(url, reads);
  log(`machine at the end: ${machine()}`);
  const seconds = (Date.now() - started) / 1000;
  log(`bench finished in ${seconds.toFixed(0)} s (${QUICK_MODE ? 'quick' : 'full'})`);
  if (JSON_FILE) {
    writeFileSync(
      JSON_FILE,
      JSON.stringify(
        { mode: QUICK_MODE ? 'quick' : 'full', size: SIZE, rows, publicRows, records, completions, seconds },
        null,
        2,
      ),
    );
  }
}

// Ctrl-C or SIGTERM: stop what was started and drop the database, then end.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers the bench started`);
    void (async () => {
      for (const stop of stopAll.reverse()) await stop().catch(() => undefined);
      process.exit(130);
    })();
  });
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const stop of stopAll.reverse()) await stop().catch(() => undefined);
    stopAll.length = 0;
  });
