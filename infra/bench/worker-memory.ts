/**
 * `npm run build && node --expose-gc dist/infra/bench/worker-memory.js [N]`: the worker's memory
 * per cached workflow (issue 12, worker sizing). On servers of its own (a database on this
 * machine's PostgreSQL or DATABASE_URL's, a Temporal dev server), it runs the product's worker in
 * this process with a cache large enough for everything, opens N national plans (default 1,000)
 * that wait in NATIONAL_CONSULTATION (each is two cached workflows: the review and its country's
 * consultation), and prints the heap and the resident memory before and after, after a full GC.
 * Everything it started is stopped and its database dropped.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig, type AppConfig } from '@aoc/config/config.schema';
import { Mailer } from '@aoc/notifications/mailer';
import type { ReviewSettings } from '@aoc/domain/review/plan-review.state';
import { createDataSource } from '@aoc/persistence/data-source';
import { createDatabase, databaseUrl, dropDatabase } from '@aoc/persistence/database-admin';
import { planWorkflowId } from '@aoc/workflows/contracts';
import { planReviewWorkflow } from '@aoc/workflows/plan-review.workflow';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { createWorker } from '../../apps/worker/src/worker.factory';
import { waitUntil } from '@aoc/support/wait-until';
import { startEphemeralTemporalDevServer } from '../temporal/dev-server';
import { resolveTemporalCli } from '../temporal/temporal-cli';

const N = Number(process.argv[2] ?? 1_000);
const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY = 24 * 3_600_000;
const SETTINGS: ReviewSettings = {
  durations: { NATIONAL_CONSULTATION: DAY, CIVIL_SOCIETY_COMMENT: DAY, SECRETARIAT_REVIEW: DAY, GOF_ENDORSEMENT: DAY },
  maxRevisionRounds: 3,
};
const log = (line: string) => process.stdout.write(`${line}\n`);
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function sample() {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) log('(run with node --expose-gc for figures after a full GC)');
  const server = process.env.DATABASE_URL ?? LOCAL_POSTGRES_URL;
  const name = `aoc_memory_${randomBytes(4).toString('hex')}`;
  await createDatabase(server, name);
  const db = await createDataSource(databaseUrl(server, name), { poolSize: 10 }).initialize();
  const temporal = await startEphemeralTemporalDevServer(await resolveTemporalCli());
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const native = await NativeConnection.connect({ address: temporal.address });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  try {
    await db.runMigrations({ transaction: 'each' });
    const taskQueue = `memory-${randomUUID()}`;
    // No plan here reaches a notifying event's delivery: the defaults suffice, and no e-mail is sent.
    const { notifications, records } = loadConfig({ NODE_ENV: 'test' });
    const config = {
      nodeEnv: 'test',
      temporal: { namespace: temporal.namespace, taskQueue, maxCachedWorkflows: 2 * N + 100 },
      notifications,
      records,
    } as Pick<AppConfig, 'nodeEnv' | 'temporal' | 'notifications' | 'records'>;
    const worker = await createWorker(native, config, db, new Mailer(notifications.smtpUrl, notifications.mailFrom));
    const running = worker.run();
    const content = nationalPlan();
    const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex');
    const open = async (count: number) => {
      for (let i = 0; i < count; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, count - i) }, async () => {
            const id = randomUUID();
            await db.query(
              `INSERT INTO plans (id, kind, title, draft, countries, created_by, submitted_by, latest_version, workflow_id)
               VALUES ($1, 'national_plan', $2, $3, $4, 'submitter-pt', 'submitter-pt', 1, $5)`,
              [id, content.title, JSON.stringify(content), [content.country], planWorkflowId(id)],
            );
            await db.query(
              `INSERT INTO plan_versions (plan_id, number, hash, content, created_by) VALUES ($1, 1, $2, $3, 'submitter-pt')`,
              [id, hash, JSON.stringify(content)],
            );
            await client.workflow.start(planReviewWorkflow, {
              workflowId: planWorkflowId(id),
              taskQueue,
              args: [{ planId: id, submittedBy: 'submitter-pt', version: { number: 1, hash }, settings: SETTINGS }],
            });
          }),
        );
      }
    };
    const bodies = Object.values(content.consultees).flat().length;
    const openTasks = async (count: number) =>
      waitUntil(
        async () => {
          const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM tasks WHERE status = 'open'`)) as {
            n: number;
          }[];
          return n >= count ? n : undefined;
        },
        { description: `${count} open tasks`, timeoutMs: 30 * 60_000, intervalMs: 1_000 },
      );
    // One plan first: the bundle, the VM and the caches are warm before the first sample.
    await open(1);
    await openTasks(bodies);
    const before = { ...sample(), cached: worker.getStatus().numCachedWorkflows };
    const started = Date.now();
    await open(N);
    await openTasks(bodies * (N + 1));
    const seconds = (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = { ...sample(), cached: worker.getStatus().numCachedWorkflows };
    const workflows = after.cached - before.cached;
    log(`worker memory, ${N} open national plans (${workflows} cached workflows), node ${process.versions.node}`);
    log(`${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load ${os.loadavg()[0].toFixed(1)}`);
    log(`plans started and in consultation: ${(N / seconds).toFixed(1)} per second`);
    log(`heap used: ${mib(before.heapUsed)} → ${mib(after.heapUsed)} MiB`);
    log(`resident:  ${mib(before.rss)} → ${mib(after.rss)} MiB`);
    log(
      `per cached workflow: heap ${((after.heapUsed - before.heapUsed) / workflows / 1024).toFixed(1)} KiB, ` +
        `resident ${((after.rss - before.rss) / workflows / 1024).toFixed(1)} KiB`,
    );
    worker.shutdown();
    await running;
  } finally {
    await connection.close();
    await native.close();
    await temporal.stop();
    await db.destroy();
    await dropDatabase(server, name);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`worker-memory failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
