/**
 * The scale figures: the rate at which plans start, the worker's memory with OPEN_PLANS more plans
 * open, and a decision's latency then.
 */
import type { ApiClient } from '@aoc/demo/api-client';
import { log, OPEN_PLANS } from './bench-options';
import type { Baseline } from './bench-setup';
import { completionLatency, type DecisionLatency } from './decision-latency';
import { openConsultationTasks, residentBytes, type Rate } from './throughput';

export interface ScaleFigures {
  starts: Rate;
  /** The worker's resident memory before and after (bytes; undefined where /proc is not). */
  rssBefore?: number;
  rssAfter?: number;
  completionsAtScale: DecisionLatency;
}

/** OPEN_PLANS plans started and left open in their consultation, then decisions timed among them. */
export async function measureScale(
  api: ApiClient,
  workerPid: number | undefined,
  baseline: Baseline,
): Promise<ScaleFigures> {
  const rssBefore = residentBytes(workerPid);
  const startT0 = performance.now();
  await openConsultationTasks(api, OPEN_PLANS);
  const starts: Rate = {
    count: OPEN_PLANS,
    seconds: (performance.now() - startT0) / 1000,
    perSecond: OPEN_PLANS / ((performance.now() - startT0) / 1000),
  };
  const rssAfter = residentBytes(workerPid);
  const completionsAtScale = await completionLatency(api, baseline.client, baseline.queue);
  log(`measured ${OPEN_PLANS} open plans`);
  return { starts, rssBefore, rssAfter, completionsAtScale };
}
