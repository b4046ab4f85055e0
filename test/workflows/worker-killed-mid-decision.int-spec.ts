/**
 * A worker killed with SIGKILL right after a person's decision was written (fault case (a), the
 * cluster tier). Before the 0.3 release, a decision's write ran as a local activity inside the
 * workflow task that accepts the Update: killed in between, it left the task closed in PostgreSQL
 * for an Update the history had not accepted, which the API then answered from the row; where the
 * server dropped that Update, the plan was stuck for good. Now the write is an activity that starts
 * only once the acceptance is in the history (the shapes and replay tests check that no write runs
 * as a local activity); this test checks the recovery from such a kill.
 *
 * The moment is made deterministic: the plan runs on a worker in a child process whose
 * `writeReviewRecords` kills its own process right after a person's decision has been committed.
 * A second worker then takes over. The decision must reach the workflow once: the plan moves on
 * when the other body answers, and the decision is recorded once.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { planReviewWorkflow } from '@aoc/workflows/plan-review.workflow';
import type { TaskEntity } from '@aoc/persistence';
import { TestHarness, fastSettings } from '../support/harness';
import { planWorkflowId } from '../support/workflow-contracts';
import {
  consulteeOf,
  decide,
  ensureDemoSeats,
  eventsOf,
  insertSubmittedPlan,
  nationalContent,
  taskRow,
  waitForOpenTasks,
  waitForStatus,
} from '../support/fixtures';

const ROOT = resolve(__dirname, '../..');
/** The API's deadline for a Temporal call in the fault suite (TEMPORAL_CALL_TIMEOUT). */
const CALL_TIMEOUT_MS = 4_000;

/**
 * A worker process on the built activities and the test's workflow bundle. With CRASH_AFTER_DECISION
 * set, it kills itself with SIGKILL right after the first write that completes a person's task.
 */
const WORKER_SCRIPT = `
const { NativeConnection, Worker } = require('@temporalio/worker');
const { createDataSource } = require(${JSON.stringify(join(ROOT, 'dist/libs/persistence/src/data-source.js'))});
const { createPlanActivities } = require(${JSON.stringify(join(ROOT, 'dist/apps/worker/src/activities/plan.activities.js'))});
const { withRecordSteps } = require(${JSON.stringify(join(ROOT, 'dist/workflows/src/record-steps.js'))});
(async () => {
  const db = await createDataSource(process.env.DATABASE_URL, { poolSize: 2 }).initialize();
  const real = createPlanActivities(db);
  // Every named step (NAMED_STEPS) runs the wrapped write.
  const activities = withRecordSteps({
    ...real,
    async writeReviewRecords(records) {
      await real.writeReviewRecords(records);
      const decision = (records.completeTasks || []).some((c) => c.idempotencyKey);
      if (process.env.CRASH_AFTER_DECISION && decision) process.kill(process.pid, 'SIGKILL');
    },
  });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.TASK_QUEUE,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE },
    activities,
  });
  process.stdout.write('ready\\n');
  await worker.run();
})().catch((error) => { console.error(error); process.exit(1); });
`;

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', WORKER_SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ready, failed) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) ready(child);
    });
    child.once('exit', (code, signal) =>
      failed(new Error(`the worker exited before it was ready (${code ?? signal})`)),
    );
  });
}

const exited = (child: ChildProcess) =>
  new Promise<string>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done(String(child.signalCode ?? child.exitCode));
    else child.once('exit', (code, signal) => done(String(signal ?? code)));
  });

describe('a worker killed right after a decision was written', () => {
  const h = new TestHarness();
  const taskQueue = `killed-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'aoc-killed-worker-'));
  const workers: ChildProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    await h.start();
    await ensureDemoSeats(h);
    const bundle = join(dir, 'workflow-bundle.js');
    writeFileSync(bundle, (await TestHarness.bundle!).code);
    env = {
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
      DATABASE_URL: process.env.DATABASE_URL!,
      TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE: bundle,
    };
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the decision reaches the workflow once, and the plan moves on', async () => {
    const crashing = await startWorker({ ...env, CRASH_AFTER_DECISION: '1' });
    workers.push(crashing);
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const settings = fastSettings({ NATIONAL_CONSULTATION: 120_000 });
    h.track(
      await h.client.workflow.start(planReviewWorkflow, {
        workflowId: planWorkflowId(plan.id),
        taskQueue,
        args: [{ planId: plan.id, submittedBy: 'submitter-pt', version: plan.version, settings }],
      }),
    );
    const [first, second] = await waitForOpenTasks(h, plan.id, 'consultation', 2);

    // The first decision, as the API sends it: with a deadline (TEMPORAL_CALL_TIMEOUT), after which the
    // client hears 503 and retries. Its worker dies once the write has committed.
    const key = randomUUID();
    h.client
      .withDeadline(Date.now() + CALL_TIMEOUT_MS, () =>
        decide(h, first!, consulteeOf(first!), { decision: 'support' }, key),
      )
      .catch(() => undefined);
    expect(await exited(crashing)).toBe('SIGKILL');
    await new Promise((elapsed) => setTimeout(elapsed, CALL_TIMEOUT_MS));
    workers.push(await startWorker(env));

    // What the API does with the client's retry: the row closed answers it; an open row sends the Update again.
    const row: TaskEntity = await taskRow(h, first!.id);
    if (row.status === 'open') await decide(h, first!, consulteeOf(first!), { decision: 'support' }, key);
    await decide(h, second!, consulteeOf(second!), { decision: 'support' });

    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT', 45_000);
    expect((await taskRow(h, first!.id)).status).toBe('completed');
    const completions = (await eventsOf(h, plan.id, 'TASK_COMPLETED')).filter((e) => e.payload.taskId === first!.id);
    expect(completions).toHaveLength(1);
  }, 90_000);
});
