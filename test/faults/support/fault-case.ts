import { setTimeout as sleep } from 'node:timers/promises';
import { formatElapsed } from '@aoc/support/format';
import type { FaultInjector } from './fault-injectors';
import {
  OUTAGE_ANSWER_BOUND_MS,
  checkDatabase,
  checkOutageAnswers,
  checkReplay,
  describeAnswers,
  describeRoutes,
  type Findings,
} from './fault-invariants';
import { OwnedStack } from './owned-stack';
import { DriveLog, DriveProgress, JOURNEYS, Journey, type DrivenPlan, type JourneyName } from './plan-journeys';
import { FaultTimeline, RecordingApi, type CallRecord } from './recording-api';
import { SeededRandom } from '../../support/seeded-random';
import { checkAdoptionRecordsIn } from '../../support/records-check';

/**
 * Stage durations of the fault cases. The comment window is seconds, so every plan passes it;
 * the other stages are long enough that no deadline passes during an outage (a passed
 * deadline would answer for a body or a seat, and change the plan's path).
 */
export const FAULT_ENV = {
  NATIONAL_CONSULTATION_DURATION: '150s',
  COMMENT_WINDOW_DURATION: '5s',
  SECRETARIAT_REVIEW_DURATION: '150s',
  ENDORSEMENT_DURATION: '150s',
  MAX_REVISION_ROUNDS: '3',
  // The API's Temporal deadline, below the 5 s within which every answer during an outage must come.
  TEMPORAL_CALL_TIMEOUT: '4s',
};

export interface FaultCaseOptions {
  /** "a-worker", for the temp folder and the report. */
  label: string;
  seed: number;
  plans: number;
  injector: FaultInjector;
  /** Plans start at random moments within this first stretch. */
  spreadStartsMs?: number;
  /** A plan's journey gives up after this long. */
  journeyBoundMs?: number;
}

export interface FaultCaseResult {
  findings: Findings;
  /** The report, as printed. */
  report: string;
}

/**
 * One fault case: starts a stack of its own, drives `plans` national plans along a seeded mix
 * of journeys through the API while the injector strikes, then checks what PostgreSQL and
 * Temporal kept, and prints its figures.
 */
export async function runFaultCase(options: FaultCaseOptions): Promise<FaultCaseResult> {
  const startedAt = Date.now();
  const since = new Date(startedAt - 60_000);
  const random = new SeededRandom(options.seed).fork(options.label);
  const stack = await OwnedStack.start(options.label, FAULT_ENV);
  const setupMs = Date.now() - startedAt;
  try {
    const api = new RecordingApi(stack.api, () => stack.harness.recentOutput('api'));
    const timeline = new FaultTimeline();
    const log = new DriveLog();
    const driveStart = Date.now();

    const names = Object.keys(JOURNEYS) as JourneyName[];
    const journeys = random.shuffle(Array.from({ length: options.plans }, (_, n) => names[n % names.length]));
    const starts = journeys.map(() => random.between(0, options.spreadStartsMs ?? 8_000));
    const progress = new DriveProgress(() => timeline.faultOpen);
    const driving = journeys.map(async (journey, n) => {
      const plan: DrivenPlan = { journey, expected: JOURNEYS[journey], startedAt: 0 };
      log.plans.push(plan);
      await sleep(starts[n]);
      plan.startedAt = Date.now();
      const bound = plan.startedAt + (options.journeyBoundMs ?? 90_000);
      await new Journey(api, log, plan, bound, random.fork(`plan-${n}`), progress).run();
    });
    let stillDriving = true;
    const faults = options.injector
      .run(stack, timeline, random.fork('faults'), () => stillDriving)
      .then(
        () => undefined,
        (error: unknown) => `the injector failed: ${(error as Error).message}`,
      );
    await Promise.all(driving);
    stillDriving = false;
    const injectorFailure = await faults;
    const driveMs = Date.now() - driveStart;
    if (!stack.harness.workerRunning) {
      options.injector.notes.push('the worker had ended by itself by the end of the drive; restarted for the checks');
      await stack.harness.restartWorker();
    }

    const checksStart = Date.now();
    const database = await checkDatabase(await stack.database(), log);
    const replay = await checkReplay(stack.temporalAddress, since);
    const records = await checkAdoptionRecordsIn(await stack.database(), stack.temporalAddress);
    const outage = checkOutageAnswers(api.calls, timeline);
    const findings: Findings = {
      ...database.findings,
      replayFailures: replay.failures,
      outageAnswers: outage.problems,
      faultInjection: injectorFailure ? [injectorFailure] : [],
      adoptionRecords: records.problems,
    };
    const checksMs = Date.now() - checksStart;

    const counts = new Map<string, number>();
    for (const p of log.plans) counts.set(p.journey, (counts.get(p.journey) ?? 0) + 1);
    const { tasks, comments, withdrawals } = database.figures.decisionsChecked;
    const lines = [
      `[faults] case ${options.label}: ${options.injector.name}; seed ${options.seed} (FAULT_SEED=${options.seed} replays this schedule)`,
      `  plans driven: ${log.plans.length} (${[...counts].map(([j, n]) => `${j} ${n}`).join(', ')})`,
      `  end statuses: ${JSON.stringify(database.figures.endStatuses)}; as expected ${log.plans.length - database.findings.wrongEndStatus.length}/${log.plans.length}; journeys the driver finished ${log.plans.filter((p) => p.finishedAt).length}`,
      `  journey durations: ${describeDurations(log.plans)}`,
      `  faults injected: ${timeline.windows.length}: ${timeline.windows
        .map(
          (w) =>
            `#${w.number} ${w.kind} at +${formatElapsed(w.start - driveStart)}, back after ${formatElapsed((w.end ?? Date.now()) - w.start)}`,
        )
        .join('; ')}`,
      ...options.injector.notes.map((n) => `  note: ${n}`),
      ...log.plans
        .filter((p) => p.failure)
        .map((p) => `  journey not finished: plan ${p.id ?? '-'} (${p.journey}): ${p.failure}`),
      `  decisions checked: ${tasks + comments + withdrawals} confirmed (task completions ${tasks}, comments ${comments}, withdrawals ${withdrawals}); lost or altered: ${findings.lostDecisions.length}; comments refused at the close: ${log.lateRefusals}`,
      `  events: ${database.figures.events}; duplicated keys or facts: ${findings.duplicateEvents.length}`,
      `  adoption records: ${records.verified} verified, ${records.pending} still being issued, ${records.problems.length} wrong`,
      `  replay: ${replay.replayed} histories, ${replay.failures.length} failed${replay.failures.length ? ` (${journeysOf(replay.failures, log.plans)})` : ''}`,
      `  answers other than 2xx and 503, over the whole drive: ${describeRefusals(api.calls) || 'none'}`,
      ...api.calls
        .filter((c) => c.serverLog !== undefined)
        .map((c) => `  the API's log around its ${c.status} to ${c.route}:\n${indent(lastErrors(c.serverLog!), 4)}`),
      `  API calls: ${api.calls.length} in all; during an outage: ${outage.during.length} (sent during one ${outage.during.filter((c) => c.startedAt >= c.window.start).length}, in flight when one struck ${outage.during.filter((c) => c.startedAt < c.window.start).length}): ${describeAnswers(outage.during) || 'none'}`,
      ...describeRoutes(outage.during).map((r) => `    ${r}`),
      `  outage answers other than 2xx/503 or later than ${OUTAGE_ANSWER_BOUND_MS} ms: ${outage.problems.length}`,
      `  runtime: ${formatElapsed(Date.now() - startedAt)} (setup ${formatElapsed(setupMs)}, drive ${formatElapsed(driveMs)}, checks ${formatElapsed(checksMs)})`,
    ];
    const report = lines.join('\n');
    console.log(report);
    return { findings, report };
  } finally {
    await stack.stop();
  }
}

/** The findings as a test shows them: every list, each cut to its first lines. */
export function summarize(findings: Findings, lines = 12): Record<keyof Findings, string[]> {
  const cut = (list: string[]) =>
    list.length > lines ? [...list.slice(0, lines), `… and ${list.length - lines} more`] : list;
  return {
    lostDecisions: cut(findings.lostDecisions),
    duplicateEvents: cut(findings.duplicateEvents),
    wrongEndStatus: cut(findings.wrongEndStatus),
    replayFailures: cut(findings.replayFailures),
    outageAnswers: cut(findings.outageAnswers),
    faultInjection: findings.faultInjection,
    adoptionRecords: cut(findings.adoptionRecords),
  };
}

function describeDurations(plans: DrivenPlan[]): string {
  const seconds = plans
    .filter((p) => p.finishedAt)
    .map((p) => (p.finishedAt! - p.startedAt) / 1000)
    .sort((a, b) => a - b);
  if (seconds.length === 0) return 'none finished';
  const at = (q: number) => seconds[Math.min(seconds.length - 1, Math.floor(q * seconds.length))].toFixed(1);
  return `p50 ${at(0.5)} s, p90 ${at(0.9)} s, max ${at(1)} s`;
}

/** "409 COMMENT_WINDOW_CLOSED POST /plans/:id/comments ×10; no answer POST /tasks/:id/complete ×2" */
function describeRefusals(calls: CallRecord[]): string {
  const counts = new Map<string, number>();
  for (const c of calls) {
    if ((c.status >= 200 && c.status < 300) || c.status === 503) continue;
    const what = `${c.status || 'no answer'}${c.code ? ` ${c.code}` : ''} ${c.route}`;
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  return [...counts].map(([what, n]) => `${what} ×${n}`).join('; ');
}

/** The API's last logged errors (its error lines are JSON with a stack). */
function lastErrors(log: string): string {
  const lines = log.split('\n').filter((l) => /error|fatal/i.test(l));
  return (lines.slice(-3).join('\n') || log.split('\n').slice(-10).join('\n')).slice(0, 4_000);
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((l) => ' '.repeat(spaces) + l)
    .join('\n');
}

/** Which journeys the failing workflows drove: "late-comments ×2". */
function journeysOf(failures: string[], plans: DrivenPlan[]): string {
  const counts = new Map<string, number>();
  for (const failure of failures) {
    const plan = plans.find((p) => p.id && failure.startsWith(`plan-${p.id}`));
    const what = plan ? `${plan.journey}${failure.includes('TimerCanceled') ? ', TimerCanceled' : ''}` : 'unknown';
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  return [...counts].map(([what, n]) => `${what} ×${n}`).join('; ');
}
