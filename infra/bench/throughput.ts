/**
 * The bench's load figures (issue 12), each against the bare-Temporal baseline where one exists:
 * - completions per second at concurrency 8;
 * - plans fully reviewed per second, many walks at once, with the same number of Updates per plan;
 * - the rate at which plans start, the worker's memory with many plans open, and a decision's
 *   latency then against its latency with few open;
 * - cold and warm start of the API and worker to green health.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Actor } from '@aoc/domain/actor';
import type { CompleteTaskRequest } from '@aoc/workflows/contracts';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import { ApiClient, type ApiResponse } from '@aoc/demo/api-client';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { DEMO_USERS, type DemoUser } from '@aoc/demo/demo-users';
import { walkToEndorsed, type WalkCast } from '@aoc/demo/demo-walk';
import { baselinePlan, baselineReview, completeTaskUpdate, finishSignal } from './baseline.workflow';

/** The cast of every walked plan: a national plan of Portugal, as `npm run demo` walks it. */
export const WALK_CAST: WalkCast = {
  submitter: 'submitter-pt',
  consultees: ['consultee-pt-education', 'consultee-pt-culture'],
  cso: 'cso-youth-network',
  secretariat: 'secretariat-anna',
  seats: ['gof-es', 'gof-tr', 'gof-unesco'],
};

/**
 * The Updates one walked plan sends its workflow: each consultee's decision, the comment, the
 * disposition, the secretariat's claim and approval, each seat's endorsement.
 */
export const UPDATES_PER_WALK = WALK_CAST.consultees.length + 1 + 1 + 2 + WALK_CAST.seats.length;

export interface Rate {
  count: number;
  seconds: number;
  perSecond: number;
}

const rate = (count: number, startedAt: number): Rate => {
  const seconds = (performance.now() - startedAt) / 1000;
  return { count, seconds, perSecond: count / seconds };
};

/** Runs `count` calls, at most `concurrency` at a time. */
async function pooled(count: number, concurrency: number, call: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) await call(i);
    }),
  );
}

/** The CPU time (user + system) a process has used so far, in ms, from /proc (Linux); undefined elsewhere. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the name), in clock ticks (100 a second).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** This process's CPU time so far (user + system), in ms. */
export const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function completeThroughApi(api: ApiClient, token: string, taskId: string): Promise<void> {
  const response = await fetch(`${api.baseUrl}/api/tasks/${taskId}/complete`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ decision: 'support' }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`completing task ${taskId} answered ${response.status}`);
}

const baselineRequest = (): CompleteTaskRequest => ({
  taskId: randomUUID(),
  idempotencyKey: randomUUID(),
  actor: DEMO_USERS['consultee-pt-education'] as Actor,
  input: { decision: 'support' },
});

/** Submitted national plans, each with its consultation task for `consultee-pt-education` open. */
export async function openConsultationTasks(api: ApiClient, count: number, concurrency = 8): Promise<string[]> {
  const tasks: string[] = [];
  await pooled(count, concurrency, async () => {
    const plan = await api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    await api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    const [task] = await api.waitForTasks('consultee-pt-education', plan.id, 1, 'NATIONAL_CONSULTATION');
    tasks.push(task.id);
  });
  return tasks;
}

export interface ConcurrentDecisions {
  product: Rate;
  baseline: Rate;
  /** Each decision's latency (ms), at `concurrency`. */
  productTimes: number[];
  baselineTimes: number[];
  /** CPU per decision (ms): the product's worker process; the baseline's worker (in this process, with its client). */
  productWorkerCpuMs?: number;
  baselineWorkerCpuMs: number;
}

/**
 * Decisions per second at `concurrency`: through the API on `tasks`, then as many through the
 * baseline; with each decision's latency, and the CPU each worker spent per decision (the product's
 * worker measured until it is idle again, since a decision's write finishes after its answer).
 */
export async function completionsPerSecond(
  api: ApiClient,
  client: Client,
  baselineQueue: string,
  tasks: string[],
  concurrency: number,
  workerPid?: number,
): Promise<ConcurrentDecisions> {
  const token = await api.token('consultee-pt-education');
  const timedCall = async (times: number[], call: () => Promise<unknown>) => {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  };
  const productTimes: number[] = [];
  const cpu0 = cpuMs(workerPid);
  let t0 = performance.now();
  await pooled(tasks.length, concurrency, (i) =>
    timedCall(productTimes, () => completeThroughApi(api, token, tasks[i])),
  );
  const product = rate(tasks.length, t0);
  await new Promise((settled) => setTimeout(settled, 1_000));
  const cpu1 = cpuMs(workerPid);
  const productWorkerCpuMs = cpu0 !== undefined && cpu1 !== undefined ? (cpu1 - cpu0) / tasks.length : undefined;

  // The baseline's Updates go to as many workflows as the API's went to plans, `concurrency` at once.
  const handles: WorkflowHandle<typeof baselineReview>[] = [];
  for (let i = 0; i < concurrency; i++) {
    handles.push(await client.workflow.start(baselineReview, { taskQueue: baselineQueue, workflowId: randomUUID() }));
  }
  for (const handle of handles) await handle.executeUpdate(completeTaskUpdate, { args: [baselineRequest()] });
  const baselineTimes: number[] = [];
  const own0 = ownCpuMs();
  t0 = performance.now();
  await pooled(tasks.length, concurrency, (i) =>
    timedCall(baselineTimes, () =>
      handles[i % concurrency].executeUpdate(completeTaskUpdate, { args: [baselineRequest()] }),
    ),
  );
  const baseline = rate(tasks.length, t0);
  const baselineWorkerCpuMs = (ownCpuMs() - own0) / tasks.length;
  await Promise.all(handles.map((h) => h.signal(finishSignal)));
  return { product, baseline, productTimes, baselineTimes, productWorkerCpuMs, baselineWorkerCpuMs };
}

/**
 * Plans walked to ENDORSED through the API, `count` at once, against as many baseline workflows
 * at once that each take the same number of Updates (UPDATES_PER_WALK) and then end.
 */
export async function plansReviewedPerSecond(
  api: ApiClient,
  client: Client,
  baselineQueue: string,
  count: number,
): Promise<{ product: Rate; baseline: Rate; unavailable: number }> {
  // A 503 (the 5 s deadline) is counted and the request repeated as a client would, with its key.
  const counting = new CountingApiClient(api);
  let t0 = performance.now();
  await Promise.all(Array.from({ length: count }, () => walkToEndorsed(counting, nationalPlan(), WALK_CAST)));
  const product = rate(count, t0);

  t0 = performance.now();
  await Promise.all(
    Array.from({ length: count }, async () => {
      const handle = await client.workflow.start(baselinePlan, {
        taskQueue: baselineQueue,
        workflowId: randomUUID(),
        args: [UPDATES_PER_WALK],
      });
      for (let i = 0; i < UPDATES_PER_WALK; i++) {
        await handle.executeUpdate(completeTaskUpdate, { args: [baselineRequest()] });
      }
      await handle.result();
    }),
  );
  const baseline = rate(count, t0);
  return { product, baseline, unavailable: counting.unavailable };
}

/** The bench's API client, counting the answers 503 and repeating those requests (same headers, so the same key). */
class CountingApiClient extends ApiClient {
  unavailable = 0;

  constructor(api: ApiClient) {
    super(api.baseUrl, DEV_JWT_SECRET);
  }

  override async request<T = Record<string, unknown>>(
    ...args: Parameters<ApiClient['request']>
  ): Promise<ApiResponse<T>> {
    for (let attempt = 1; ; attempt++) {
      const response = await super.request<T>(...args);
      if (response.status !== 503 || attempt >= 5) return response;
      this.unavailable++;
    }
  }
}

/** The resident set of a process, in bytes, from /proc (Linux); undefined elsewhere. */
export function residentBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export type { DemoUser };
