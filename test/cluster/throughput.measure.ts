import { setTimeout as sleep } from 'node:timers/promises';
import { FAULT_ENV } from '../faults/support/fault-case';
import { checkDatabase } from '../faults/support/fault-invariants';
import {
  DriveLog,
  DriveProgress,
  JOURNEYS,
  Journey,
  type DrivenPlan,
  type JourneyName,
} from '../faults/support/plan-journeys';
import { RecordingApi } from '../faults/support/recording-api';
import { SeededRandom } from '../support/seeded-random';
import { ClusterStack } from './support/cluster-stack';

/**
 * `npm run measure:cluster`: the figures of docs/operations.md. The same load (PLANS plans
 * along the fault tier's journeys, started within START_SPREAD_MS, no fault) on the Temporal
 * dev server and on the cluster, with one worker and then two, each time with two API
 * instances; prints plans per second and completion latency. MEASURE_ARMS picks the runs,
 * e.g. "cluster:1,cluster:2".
 */
const PLANS = Number(process.env.MEASURE_PLANS ?? 104);
const START_SPREAD_MS = 5_000;
const ARMS = (process.env.MEASURE_ARMS ?? 'dev:1,dev:2,cluster:1,cluster:2').split(',').map((arm) => {
  const [server, workers] = arm.split(':');
  return { server: server as 'dev' | 'cluster', workers: Number(workers) };
});

describe('throughput: the dev server against the cluster, one worker against two', () => {
  for (const arm of ARMS) {
    it(`${arm.server} server, ${arm.workers} worker(s): every plan ends as its journey leads`, async () => {
      const stack = await ClusterStack.start({
        workers: arm.workers,
        apis: 2,
        env: FAULT_ENV,
        devServer: arm.server === 'dev' ? process.env.TEMPORAL_ADDRESS : undefined,
      });
      try {
        const random = new SeededRandom(1).fork('measure');
        const api = new RecordingApi(stack.apiClients);
        const log = new DriveLog();
        const progress = new DriveProgress(() => false, 60_000);
        const names = Object.keys(JOURNEYS) as JourneyName[];
        await Promise.all(
          Array.from({ length: PLANS }, async (_, n) => {
            const journey = names[n % names.length];
            const plan: DrivenPlan = { journey, expected: JOURNEYS[journey], startedAt: 0 };
            log.plans.push(plan);
            await sleep(random.between(0, START_SPREAD_MS));
            plan.startedAt = Date.now();
            await new Journey(api, log, plan, plan.startedAt + 300_000, random.fork(`plan-${n}`), progress).run();
          }),
        );
        const { findings } = await checkDatabase(await stack.database(), log);
        const seconds = log.plans
          .filter((p) => p.finishedAt)
          .map((p) => (p.finishedAt! - p.startedAt) / 1000)
          .sort((a, b) => a - b);
        const at = (q: number) => seconds[Math.min(seconds.length - 1, Math.floor(q * seconds.length))].toFixed(1);
        const span =
          (Math.max(...log.plans.map((p) => p.finishedAt ?? 0)) - Math.min(...log.plans.map((p) => p.startedAt))) /
          1000;
        console.log(
          `[measure] ${arm.server} server, ${arm.workers} worker(s), 2 API instances: ${PLANS} plans in ${span.toFixed(1)} s = ` +
            `${(seconds.length / span).toFixed(2)} plans/s; completion latency p50 ${at(0.5)} s, p90 ${at(0.9)} s, max ${at(1)} s; ` +
            `${api.calls.length} API calls (${(api.calls.length / span).toFixed(0)}/s)`,
        );
        expect(findings.wrongEndStatus).toEqual([]);
        expect(findings.lostDecisions).toEqual([]);
      } finally {
        await stack.stop();
      }
    }, 900_000);
  }
});
