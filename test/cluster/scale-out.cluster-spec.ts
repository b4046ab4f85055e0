import { setTimeout as sleep } from 'node:timers/promises';
import { planWorkflowId } from '@aoc/workflows/contracts';
import { formatElapsed } from '@aoc/support/format';
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
import { checkAdoptionRecordsIn } from '../support/records-check';
import { seedFrom, SeededRandom } from '../support/seeded-random';
import { SseConnection } from '../support/sse-client';
import { workflowPollers } from '../../infra/cluster/app-instances';
import { workflowTaskRecords, type WorkflowTaskRecord } from './support/cluster-stack';
import { SupervisedCluster, type ClusterPart } from './support/supervised-cluster';

/**
 * Scale-out and self-healing on a real Temporal cluster (frontend, history with 4 shards,
 * matching and worker as separate processes on PostgreSQL), run by `npm run start:cluster`
 * itself, the supervisor users run: two worker processes and two API instances that share
 * nothing but PostgreSQL and Temporal. Over 100 plans go through the fault tier's mix of
 * journeys, every HTTP call to the next API instance in turn (a journey's steps, and its
 * retries, land on both). Midway, a worker, then the first API instance, then the Temporal
 * history service are killed with SIGKILL (`kill -9` of their process ids); the supervisor
 * must start each again, and the stack must never stop on its own.
 *
 * Meanwhile an admin's live event stream is open on the second API instance: fed by PostgreSQL
 * LISTEN/NOTIFY, it must carry the events of every plan, whichever instance took the call.
 *
 * The fault schedule comes from a seed, printed first; CLUSTER_SEED=<seed> replays it.
 */
const SEED = seedFrom('CLUSTER_SEED');
const PLANS = 104;
const SPREAD_STARTS_MS = 15_000;
/**
 * How long a journey may take before its plan counts as stuck. Most take one to three minutes on
 * two cores shared with the test's own load (and, on a developer's machine, with other runs); a
 * plan that is really stuck never ends, so the bound only has to be far above that.
 */
const JOURNEY_BOUND_MS = 360_000;
const SETUP_AND_DRIVE_TIMEOUT_MS = 600_000;

interface Kill {
  window: FaultWindow;
  victim: ClusterPart;
  /** The supervisor's lines: what ended and when it comes back; that it is back. */
  restartLine: string;
  backLine: string;
}

interface DriveResult {
  log: DriveLog;
  api: RecordingApi;
  timeline: FaultTimeline;
  workerKill: Kill;
  apiKill: Kill;
  historyKill: Kill;
  /** The identities of the killed worker and of the other, as the histories record them. */
  killedWorker: string;
  survivingWorker: string;
  /** The worker the supervisor started in the killed one's place. */
  restartedWorker: string;
  /** The workers that poll the task queue once the drive is over. */
  pollersAfter: string[];
  records: WorkflowTaskRecord[];
  findings: Findings;
  driveMs: number;
  /** Calls in flight while a part was down, and the slowest answer among them. */
  outageCalls: number;
  outageLatencyMs: number;
}

describe('cluster: start:cluster heals two workers, two API instances and a Temporal cluster', () => {
  let cluster: SupervisedCluster | undefined;
  let result: DriveResult;
  let stream: SseConnection | undefined;

  beforeAll(async () => {
    console.log(`[cluster] seed ${SEED}; set CLUSTER_SEED=${SEED} to replay this run's schedule`);
    const startedAt = Date.now();
    cluster = await SupervisedCluster.start({ env: FAULT_ENV });
    const setupMs = Date.now() - startedAt;
    const second = cluster.apiClients[1];
    stream = await SseConnection.open(`${second.baseUrl}/api/events/stream`, {
      authorization: `Bearer ${await second.token('admin-ops')}`,
    });
    result = await drive(cluster, new SeededRandom(SEED).fork('cluster'));
    console.log(report(result, setupMs, Date.now() - startedAt));
  }, SETUP_AND_DRIVE_TIMEOUT_MS);

  afterAll(async () => {
    await stream?.close();
    if (cluster?.supervisor.isRunning) await cluster.stop();
  });

  it('spreads the HTTP calls over both API instances, each serving any request', () => {
    const byInstance = countBy(result.api.calls.map((c) => c.via ?? 'one instance'));
    expect(byInstance.size).toBe(2);
    for (const n of byInstance.values()) expect(n).toBeGreaterThan(result.api.calls.length * 0.4);
  });

  it('has both workers execute workflow tasks (their identities are in the histories)', () => {
    const identities = countBy(result.records.flatMap((r) => r.completions.map((c) => c.identity)));
    expect(identities.get(result.killedWorker)).toBeGreaterThan(0);
    expect(identities.get(result.survivingWorker)).toBeGreaterThan(0);
  });

  it('after a worker is killed with SIGKILL, the other carries its plans on, and the supervisor brings it back', () => {
    const { window, restartLine } = result.workerKill;
    const afterKill = result.records.flatMap((r) => r.completions.filter((c) => c.at > window.start + 1_000));
    expect(afterKill.length).toBeGreaterThan(0);
    expect(afterKill.filter((c) => c.identity === result.killedWorker)).toEqual([]);
    // Plans that the killed worker had started (and held in its cache) were finished by another.
    const handedOver = result.records.filter(
      (r) =>
        r.completions.some((c) => c.identity === result.killedWorker) &&
        r.completions.some((c) => c.identity !== result.killedWorker && c.at > window.start),
    );
    expect(handedOver.length).toBeGreaterThan(0);
    expect(restartLine).toMatch(/worker-\d was killed by SIGKILL; restarting it in 1\.0s, at \d\d:\d\d:\d\d/);
    expect(result.restartedWorker).not.toBe(result.killedWorker);
    expect(result.pollersAfter).toEqual(expect.arrayContaining([result.restartedWorker, result.survivingWorker]));
    expect(summarize(result.findings).wrongEndStatus).toEqual([]);
  });

  it('while the first API instance is down, the second answers, and the supervisor brings the first back', () => {
    const { window, restartLine, victim } = result.apiKill;
    expect(restartLine).toMatch(/api-1 was killed by SIGKILL; restarting it in 1\.0s/);
    const during = result.api.calls.filter((c) => result.timeline.overlapping(c) === window);
    const answeredBySecond = during.filter((c) => c.via !== victim.baseUrl && c.status >= 200 && c.status < 300);
    expect(answeredBySecond.length).toBeGreaterThan(0);
    const afterBack = result.api.calls.filter((c) => c.via === victim.baseUrl && c.startedAt > window.end!);
    expect(afterBack.some((c) => c.status >= 200 && c.status < 300)).toBe(true);
  });

  it('after the history service is killed and restarted by the supervisor, nothing is lost and nothing happens twice', () => {
    const held = summarize(result.findings);
    expect(result.historyKill.restartLine).toMatch(
      /the Temporal history service was killed by SIGKILL; restarting it in 1\.0s/,
    );
    expect(result.historyKill.window.end).toBeDefined();
    expect(held.lostDecisions).toEqual([]);
    expect(held.duplicateEvents).toEqual([]);
    // While a part was down the API answered a success or a 503 (never a 500, never nothing; a
    // killed API instance answers nothing, and the driver retries on the other, as a load
    // balancer would); how fast is reported, not bound: on two shared cores a 503 can take the
    // 4 s deadline and more.
    expect(held.outageAnswers).toEqual([]);
    expect(held.faultInjection).toEqual([]);
    // Every endorsed plan has its one adoption record, and it verifies (DOMAIN §10).
    expect(held.adoptionRecords).toEqual([]);
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

  it('never stops on its own: three restarts, nothing given up; Ctrl-C then stops it with exit code 0', async () => {
    const lines = await cluster!.supervisorLines();
    expect(lines.filter((l) => /restarting it in/.test(l))).toHaveLength(3);
    expect(lines.filter((l) => /giving up|stopping the rest/.test(l))).toEqual([]);
    expect(cluster!.supervisor.isRunning).toBe(true);
    expect(await cluster!.stop()).toEqual({ code: 0, signal: null });
  }, 120_000);
});

/** Drives the plans while the faults strike, then gathers what PostgreSQL and Temporal kept. */
async function drive(cluster: SupervisedCluster, random: SeededRandom): Promise<DriveResult> {
  const since = new Date(Date.now() - 60_000);
  const api = new RecordingApi(cluster.apiClients);
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

  const [killed, surviving] = [await cluster.part('worker', 0), await cluster.part('worker', 1)];
  const firstApi = (await cluster.parts()).find((p) => p.kind === 'api' && p.baseUrl === cluster.apiClients[0].baseUrl);
  const faultProblems: string[] = [];
  const strike = async (kind: string, victim: ClusterPart | undefined): Promise<Kill> => {
    if (!victim) throw new Error(`no ${kind} to kill`);
    const window = timeline.begin(kind);
    const { restartLine, backLine } = await cluster.killAndAwaitReturn(victim);
    timeline.end(window);
    return { window, victim, restartLine, backLine };
  };
  const faults = (async () => {
    // A worker dies while most plans are in flight; the other must take over its workflows.
    await sleep(random.between(8_000, 12_000));
    const workerKill = await strike('worker SIGKILL', killed);
    // Then the first API instance: the driver's calls to it fail, and are retried on the second.
    await sleep(random.between(3_000, 6_000));
    const apiKill = await strike('api-1 SIGKILL', firstApi);
    // Then the history service (every shard).
    await sleep(random.between(4_000, 8_000));
    const historyKill = await strike('history SIGKILL', await cluster.part('temporal-history'));
    return { workerKill, apiKill, historyKill };
  })().catch((error: unknown) => {
    faultProblems.push(`the faults could not be injected: ${(error as Error).message}`);
    return undefined;
  });

  await Promise.all(driving);
  const windows = await faults;
  const driveMs = Date.now() - driveStart;
  if (!cluster.supervisor.isRunning) faultProblems.push('start-cluster ended during the drive');

  const database = await checkDatabase(await cluster.database(), log);
  const replay = await checkReplay(cluster.address, since);
  const adoption = await checkAdoptionRecordsIn(await cluster.database(), cluster.address, cluster.namespace);
  const outage = checkOutageAnswers(api.calls, timeline);
  const killedApi = windows?.apiKill;
  const answeredWrongly = outage.during
    .filter((c) => !isAcceptedOutageAnswer(c, killedApi))
    .map((c) => describeCall(c));
  const planIds = log.plans.flatMap((p) => (p.id ? [p.id] : []));
  const records = await workflowTaskRecords(await cluster.temporal(), planIds.map(planWorkflowId));
  const findings: Findings = {
    ...database.findings,
    replayFailures: replay.failures,
    outageAnswers: answeredWrongly,
    faultInjection: faultProblems,
    adoptionRecords: adoption.problems,
  };
  if (!windows) throw new Error(faultProblems.join('; '));
  const workersAfter = (await cluster.parts()).filter((p) => p.kind === 'worker');
  const restarted = workersAfter.find((w) => w.pid !== surviving.pid);
  const queue = { address: cluster.address, namespace: cluster.namespace, taskQueue: cluster.taskQueue };
  const outageLatencyMs = Math.max(0, ...outage.during.map((c) => c.latencyMs));
  return {
    log,
    api,
    timeline,
    ...windows,
    killedWorker: SupervisedCluster.identity(killed),
    survivingWorker: SupervisedCluster.identity(surviving),
    restartedWorker: restarted ? SupervisedCluster.identity(restarted) : 'none',
    pollersAfter: await workflowPollers(queue),
    records,
    findings,
    driveMs,
    outageCalls: outage.during.length,
    outageLatencyMs,
  };
}

/**
 * A success, a 503, or an allowed refusal; and from the API instance killed meanwhile, no answer
 * at all when the call was in flight as it died or sent while it was down (its connections cut or
 * refused), which a load balancer, like the driver, retries on the other instance with the same
 * Idempotency-Key. Such a call may also overlap an earlier fault's window, so the API kill's own
 * window is checked, not only the first window the call overlaps.
 */
function isAcceptedOutageAnswer(call: OutageCall, apiKill: Kill | undefined): boolean {
  const success = call.status >= 200 && call.status < 300;
  const cutByApiKill =
    call.status === 0 &&
    apiKill !== undefined &&
    call.via === apiKill.victim.baseUrl &&
    call.startedAt <= (apiKill.window.end ?? Infinity) &&
    call.endedAt >= apiKill.window.start;
  return success || call.status === 503 || (call.refusalAllowed === true && call.status === 409) || cutByApiKill;
}

function describeCall(call: OutageCall): string {
  return `${call.window.kind}: ${call.route} via ${call.via ?? '-'} answered ${call.status || call.failure} after ${call.latencyMs} ms`;
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
  const workerName = (id: string) =>
    id === result.killedWorker ? 'killed' : id === result.restartedWorker ? 'restarted' : 'other';
  return [
    `[cluster] ${log.plans.length} plans (${[...countBy(log.plans.map((p) => p.journey))].map(([j, n]) => `${j} ${n}`).join(', ')})`,
    `  end statuses as expected: ${log.plans.length - result.findings.wrongEndStatus.length}/${log.plans.length}; journeys finished by the driver: ${finished.length}`,
    `  completion latency: p50 ${at(0.5).toFixed(1)} s, p90 ${at(0.9).toFixed(1)} s, max ${at(1).toFixed(1)} s; ${(finished.length / ((lastEnd - firstStart) / 1000)).toFixed(2)} plans/s`,
    `  API calls: ${api.calls.length}; by instance: ${[...countBy(api.calls.map((c) => c.via ?? '-'))].map(([v, n]) => `${v} ${n}`).join(', ')}`,
    `  workflow tasks completed by: ${[...tasks].map(([id, n]) => `${workerName(id)} worker (${id}) ${n}`).join(', ')}; workflows that changed worker: ${handedOver}`,
    `  faults: ${result.timeline.windows.map((w) => `${w.kind} at +${formatElapsed(w.start - firstStart)}, back after ${formatElapsed((w.end ?? Date.now()) - w.start)}`).join('; ')}`,
    ...[result.workerKill, result.apiKill, result.historyKill].flatMap((k) => [
      `  ${k.restartLine}`,
      `  ${k.backLine}`,
    ]),
    ...log.plans
      .filter((p) => p.failure)
      .map((p) => `  journey not finished: plan ${p.id ?? '-'} (${p.journey}): ${p.failure}`),
    `  calls in flight during a fault: ${result.outageCalls}, the slowest answered after ${result.outageLatencyMs} ms`,
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
