/**
 * A decision's latency through the API against the bare-Temporal baseline, interleaved; and the
 * same figures again on a Temporal dev server that keeps its state in a file, as `npm start` runs it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import type { Actor } from '@aoc/domain/actor';
import type { CompleteTaskRequest } from '@aoc/workflows/contracts';
import { ApiClient } from '@aoc/demo/api-client';
import { DEMO_USERS } from '@aoc/demo/demo-users';
import { findFreePort } from '../support/network-ports';
import { waitUntil } from '@aoc/support/wait-until';
import { startTemporalDevServer } from '../temporal/dev-server';
import { resolveTemporalCli } from '../temporal/temporal-cli';
import { COMPLETIONS, CONCURRENCY, CONCURRENT_COMPLETIONS } from './bench-options';
import { spawn, startBaseline, STARTUP_TIMEOUT_MS } from './bench-setup';
import { summary, timed, type Row } from './bench-stats';
import { baselineReview, completeTaskUpdate, finishSignal } from './baseline.workflow';
import { completionsPerSecond, openConsultationTasks, type ConcurrentDecisions } from './throughput';

export interface DecisionLatency {
  product: Row;
  baseline: Row;
}

/**
 * Decisions through the API (POST /tasks/:id/complete on a consultation task of a plan submitted
 * through the API) and through the baseline workflow (executeUpdate of the same Update with the
 * same request), taken in turn so that a drift of the machine's speed hits both alike.
 */
export async function completionLatency(
  api: ApiClient,
  client: Client,
  baselineQueue: string,
): Promise<DecisionLatency> {
  // The plans to decide on, each with its consultation task open.
  const tasks = await openConsultationTasks(api, COMPLETIONS, 1);
  const handle = await client.workflow.start(baselineReview, { taskQueue: baselineQueue, workflowId: randomUUID() });
  const token = await api.token('consultee-pt-education');
  const actor = DEMO_USERS['consultee-pt-education'] as Actor;
  const product: number[] = [];
  const baseline: number[] = [];
  // One of each first, not counted: the first Update of a workflow warms its cache.
  for (let i = -1; i < COMPLETIONS; i++) {
    const taskId = i >= 0 ? tasks[i] : undefined;
    if (taskId) {
      product.push(
        await timed(async () => {
          const response = await fetch(`${api.baseUrl}/api/tasks/${taskId}/complete`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({ decision: 'support' }),
          });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`completing task ${taskId} answered ${response.status}`);
        }),
      );
    }
    const request: CompleteTaskRequest = {
      taskId: randomUUID(),
      idempotencyKey: randomUUID(),
      actor,
      input: { decision: 'support' },
    };
    const t = await timed(async () => {
      await handle.executeUpdate(completeTaskUpdate, { args: [request], updateId: randomUUID() });
    });
    if (i >= 0) baseline.push(t);
  }
  await handle.signal(finishSignal);
  return {
    product: summary('product', 'interleaved', product),
    baseline: summary('baseline', 'interleaved', baseline),
  };
}

export interface DecisionsOnFile {
  completions: DecisionLatency;
  perSecond: ConcurrentDecisions;
}

/**
 * The decision figures again on a Temporal dev server that keeps its state in a file (as `npm start`
 * runs it), with a worker and an API of their own on the same database, against the baseline there.
 */
export async function decisionsOnFileDatabase(env: NodeJS.ProcessEnv, taskQueue: string): Promise<DecisionsOnFile> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aoc-bench-temporal-'));
  const temporal = await startTemporalDevServer({
    cli: await resolveTemporalCli(),
    ip: '127.0.0.1',
    port: await findFreePort(),
    dbFile: path.join(dir, 'temporal.db'),
    output: 'quiet',
  });
  const port = await findFreePort();
  const fileEnv = {
    ...env,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: `${taskQueue}-file`,
    PORT: String(port),
  };
  const processes = [
    spawn('worker (file database)', 'apps/worker/src/main.js', fileEnv),
    spawn('api (file database)', 'apps/api/src/main.js', fileEnv),
  ];
  const api = new ApiClient(`http://127.0.0.1:${port}`, DEV_JWT_SECRET);
  const baseline = await startBaseline(temporal.address, temporal.namespace, `${taskQueue}-file-baseline`);
  try {
    await waitUntil(async () => ((await api.request(null, 'GET', '/health')).status === 200 ? true : undefined), {
      description: 'the API on the file database to be healthy',
      timeoutMs: STARTUP_TIMEOUT_MS,
    });
    const completions = await completionLatency(api, baseline.client, baseline.queue);
    const perSecond = await completionsPerSecond(
      api,
      baseline.client,
      baseline.queue,
      await openConsultationTasks(api, CONCURRENT_COMPLETIONS),
      CONCURRENCY,
      processes[0].pid,
    );
    return { completions, perSecond };
  } finally {
    await baseline.stop();
    await Promise.all(processes.map((p) => p.stop()));
    await temporal.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
