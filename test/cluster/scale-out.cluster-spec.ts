import { setTimeout as sleep } from 'node:timers/promises';
import { planWorkflowId } from '@aoc/workflows/contracts';
import { formatElapsed } from '../../infra/support/progress-reporter';
import { FAULT_ENV, summarize } from '../faults/support/fault-case';
import {
  checkDatabase,
  checkOutageAnswers,
  checkReplay,
  type Findings,
  type OutageCall,
} from '../faults/support/fault-invariants';
import {
  DriveLog,
  DriveProgress,
  JOURNEYS,
  Journey,
  type DrivenPlan,
  type JourneyName,
} from '../faults/support/plan-journeys';
import { FaultTimeline, RecordingApi, type FaultWindow } from '../faults/support/recording-api';
import { seedFrom, SeededRandom } from '../support/seeded-random';
import { SseConnection } from '../support/sse-client';
import { ClusterStack, workflowTaskRecords, type WorkflowTaskRecord } from './support/cluster-stack';

/**
 * Scale-out on a real Temporal cluster (frontend, history with 4 shards, matching and worker
 * as separate processes on PostgreSQL): two worker processes and two API instances that share
 * nothing but PostgreSQL and Temporal. Over 100 plans go through the fault tier's mix of
 * journeys, every HTTP call to the next API instance in turn (a journey's steps, and its
 * retries, land on both). Midway, worker-1 is killed with SIGKILL for good, and later the
 * Temporal history service is killed with SIGKILL and started again.
 *
 * Meanwhile an admin's live event stream is open on the second API instance: fed by PostgreSQL
 * LISTEN/NOTIFY, it must carry the events of every plan, whichever instance took the call.
 *
 * The fault schedule comes from a seed, printed first; CLUSTER_SEED=<seed> replays it.
 */
const SEED = seedFrom('CLUSTER_SEED');
const PLANS = 104;
const SPREAD_STARTS_MS = 15_000;
const JOURNEY_BOUND_MS = 240_000;
const SETUP_AND_DRIVE_TIMEOUT_MS = 600_000;

interface DriveResult {
  log: DriveLog;
  api: RecordingApi;
  timeline: FaultTimeline;
  workerKill: FaultWindow;
  historyKill: FaultWindow;
  /** The identities of the two workers, as the histories record them. */
  killedWorker: string;
  survivingWorker: string;
  records: WorkflowTaskRecord[];
  findings: Findings;
  driveMs: number;
  /** Calls in flight while a part was down, and the slowest answer among them. */
  outageCalls: number;
  outageLatencyMs: number;
}

describe('cluster: two workers and two API instances on a Temporal cluster', () => {
  let stack: ClusterStack | undefined;
  let result: DriveResult;
  let stream: SseConnection | undefined;

  beforeAll(async () => {
    console.log(`[cluster] seed ${SEED}; set CLUSTER_SEED=${SEED} to replay this run's schedule`);
    const startedAt = Date.now();
    stack = await ClusterStack.start({ workers: 2, apis: 2, env: FAULT_ENV });
    const setupMs = Date.now() - startedAt;
    const second = stack.apiClients[1];
    stream = await SseConnection.open(`${second.baseUrl}/api/events/stream`, {
      authorization: `Bearer ${await second.token('admin-ops')}`,
    });
    result = await drive(stack, new SeededRandom(SEED).fork('cluster'));
    console.log(report(result, setupMs, Date.now() - startedAt));
  }, SETUP_AND_DRIVE_TIMEOUT_MS);

  afterAll(async () => {
    await stream?.close();
    await stack?.stop();
  });

  it('spreads the HTTP calls over both API instances, each serving any request', () => {
    const byInstance = countBy(result.api.calls.map((c) => c.via ?? 'one instance'));
    expect(byInstance.size).toBe(2);
    for (const n of byInstance.values()) expect(n).toBeGreaterThan(result.api.calls.length * 0.4);
  });

  it('has both workers execute workflow tasks (their identities are in the histories)', () => {
    const identities = countBy(result.records.flatMap((r) => r.completions.map((c) => c.identity)));
    expect([...identities.keys()].sort()).toEqual([result.killedWorker, result.survivingWorker].sort());
    expect(identities.get(result.killedWorker)).toBeGreaterThan(0);
    expect(identities.get(result.survivingWorker)).toBeGreaterThan(0);
  });

  it('after worker-1 is killed with SIGKILL, worker-2 carries every plan on to its end', () => {
    const killedAt = result.workerKill.start;
    const afterKill = result.records.flatMap((r) => r.completions.filter((c) => c.at > killedAt + 1_000));
    expect(afterKill.length).toBeGreaterThan(0);
    expect(afterKill.filter((c) => c.identity !== result.survivingWorker)).toEqual([]);
    // Plans that worker-1 had started (and held in its cache) were finished by worker-2.
    const handedOver = result.records.filter(
      (r) =>
        r.completions.some((c) => c.identity === result.killedWorker) &&
        r.completions.some((c) => c.identity === result.survivingWorker && c.at > killedAt),
    );
    expect(handedOver.length).toBeGreaterThan(0);
    expect(summarize(result.findings).wrongEndStatus).toEqual([]);
  });

  it('after the history service is killed and restarted, nothing is lost and nothing happens twice', () => {
    const held = summarize(result.findings);
    expect(result.historyKill.end).toBeDefined();
    expect(held.lostDecisions).toEqual([]);
    expect(held.duplicateEvents).toEqual([]);
    // While a part was down the API answered a success or a 503 (never a 500, never nothing);
    // how fast is reported, not bound: on two shared cores a 503 can take the 4 s deadline and more.
    expect(held.outageAnswers).toEqual([]);
    expect(held.faultInjection).toEqual([]);
  });

  it('streams every plan’s events live on the second API instance, once each (LISTEN/NOTIFY)', () => {
    expect(stream?.status).toBe(200);
    const events = stream!.events();
    const streamed = new Set(events.map((e) => e.planId));
    const driven = result.log.plans.flatMap((p) => (p.id ? [p.id] : []));
    expect(driven.length).toBeGreaterThan(0);
    expect(driven.filter((id) => !streamed.has(id))).toEqual([]);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('brings every plan to the end its journey leads to, and every history replays', () => {
    const held = summarize(result.findings);
    expect(result.log.plans).toHaveLength(PLANS);
    expect(held.wrongEndStatus).toEqual([]);
    expect(held.replayFailures).toEqual([]);
  });
});

/** Drives the plans while the faults strike, then gathers what PostgreSQL and Temporal kept. */
async function drive(stack: ClusterStack, random: SeededRandom): Promise<DriveResult> {
  const since = new Date(Date.now() - 60_000);
  const api = new RecordingApi(stack.apiClients);
  const timeline = new FaultTimeline();
  const log = new DriveLog();
  const progress = new DriveProgress(() => timeline.faultOpen, 60_000);
  const names = Object.keys(JOURNEYS) as JourneyName[];
  const journeys = random.shuffle(Array.from({ length: PLANS }, (_, n) => names[n % names.length]));
  const driveStart = Date.now();

  const driving = journeys.map(async (journey, n) => {
    const plan: DrivenPlan = { journey, expected: JOURNEYS[journey], startedAt: 0 };
    log.plans.push(plan);
    await sleep(random.between(0, SPREAD_STARTS_MS));
    plan.startedAt = Date.now();
    await new Journey(api, log, plan, plan.startedAt + JOURNEY_BOUND_MS, random.fork(`plan-${n}`), progress).run();
  });

  const [killedWorker, survivingWorker] = stack.workers.map((w) => w.identity);
  const faultProblems: string[] = [];
  const faults = (async () => {
    // worker-1 dies for good while most plans are in flight; worker-2 must take over its workflows.
    await sleep(random.between(8_000, 12_000));
    const workerKill = timeline.begin('worker-1 SIGKILL');
    await stack.workers[0].kill();
    timeline.end(workerKill);
    // Then the history service (every shard) crashes, and is started again after a pause.
    await sleep(random.between(10_000, 16_000));
    const historyKill = timeline.begin('history SIGKILL');
    await stack.killTemporal('history');
    await sleep(random.between(3_000, 6_000));
    await stack.restartTemporal('history');
    timeline.end(historyKill);
    return { workerKill, historyKill };
  })().catch((error: unknown) => {
    faultProblems.push(`the faults could not be injected: ${(error as Error).message}`);
    return undefined;
  });

  await Promise.all(driving);
  const windows = await faults;
  const driveMs = Date.now() - driveStart;
  if (stack.workers[1].process.exit) faultProblems.push('worker-2 ended during the drive');

  const database = await checkDatabase(await stack.database(), log);
  const replay = await checkReplay(stack.address, since);
  const outage = checkOutageAnswers(api.calls, timeline);
  const answeredWrongly = outage.during.filter((c) => !isAcceptedOutageAnswer(c)).map((c) => describeCall(c));
  const planIds = log.plans.flatMap((p) => (p.id ? [p.id] : []));
  const records = await workflowTaskRecords(await stack.temporal(), planIds.map(planWorkflowId));
  const findings: Findings = {
    ...database.findings,
    replayFailures: replay.failures,
    outageAnswers: answeredWrongly,
    faultInjection: faultProblems,
  };
  if (!windows) throw new Error(faultProblems.join('; '));
  const outageLatencyMs = Math.max(0, ...outage.during.map((c) => c.latencyMs));
  return {
    log,
    api,
    timeline,
    ...windows,
    killedWorker,
    survivingWorker,
    records,
    findings,
    driveMs,
    outageCalls: outage.during.length,
    outageLatencyMs,
  };
}

function isAcceptedOutageAnswer(call: OutageCall): boolean {
  const success = call.status >= 200 && call.status < 300;
  return success || call.status === 503 || (call.refusalAllowed === true && call.status === 409);
}

function describeCall(call: OutageCall): string {
  return `${call.window.kind}: ${call.route} answered ${call.status || call.failure} after ${call.latencyMs} ms`;
}

function report(result: DriveResult, setupMs: number, totalMs: number): string {
  const { log, api, records } = result;
  const finished = log.plans.filter((p) => p.finishedAt);
  const seconds = finished.map((p) => (p.finishedAt! - p.startedAt) / 1000).sort((a, b) => a - b);
  const at = (q: number) =>
    seconds.length ? seconds[Math.min(seconds.length - 1, Math.floor(q * seconds.length))] : NaN;
  const tasks = countBy(records.flatMap((r) => r.completions.map((c) => c.identity)));
  const handedOver = records.filter((r) => new Set(r.completions.map((c) => c.identity)).size > 1).length;
  const lastEnd = Math.max(...finished.map((p) => p.finishedAt!));
  const firstStart = Math.min(...log.plans.map((p) => p.startedAt));
  return [
    `[cluster] ${log.plans.length} plans (${[...countBy(log.plans.map((p) => p.journey))].map(([j, n]) => `${j} ${n}`).join(', ')})`,
    `  end statuses as expected: ${log.plans.length - result.findings.wrongEndStatus.length}/${log.plans.length}; journeys finished by the driver: ${finished.length}`,
    `  completion latency: p50 ${at(0.5).toFixed(1)} s, p90 ${at(0.9).toFixed(1)} s, max ${at(1).toFixed(1)} s; ${(finished.length / ((lastEnd - firstStart) / 1000)).toFixed(2)} plans/s`,
    `  API calls: ${api.calls.length}; by instance: ${[...countBy(api.calls.map((c) => c.via ?? '-'))].map(([v, n]) => `${v} ${n}`).join(', ')}`,
    `  workflow tasks completed by: ${[...tasks].map(([id, n]) => `${id === result.killedWorker ? 'worker-1' : 'worker-2'} (${id}) ${n}`).join(', ')}; workflows that changed worker: ${handedOver}`,
    `  faults: ${result.timeline.windows.map((w) => `${w.kind} at +${formatElapsed(w.start - firstStart)}, back after ${formatElapsed((w.end ?? Date.now()) - w.start)}`).join('; ')}`,
    ...log.plans
      .filter((p) => p.failure)
      .map((p) => `  journey not finished: plan ${p.id ?? '-'} (${p.journey}): ${p.failure}`),
    `  calls in flight during a fault: ${result.outageCalls}, answered 2xx or 503, the slowest after ${result.outageLatencyMs} ms`,
    `  findings: ${Object.entries(result.findings)
      .map(([k, v]) => `${k} ${(v as string[]).length}`)
      .join(', ')}`,
    `  runtime: ${formatElapsed(totalMs)} (setup ${formatElapsed(setupMs)}, drive ${formatElapsed(result.driveMs)})`,
  ].join('\n');
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
