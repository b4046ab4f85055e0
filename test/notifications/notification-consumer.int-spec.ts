/**
 * The notification consumer (docs/notifications.md) on the real PostgreSQL: several consumers share
 * the event log's outbox without delivering anything twice, and a consumer killed in the middle of
 * an attempt leaves its delivery to another once the attempt's timeout has passed.
 *
 * The deliveries here are webhooks to a receiver of the test's own (the events are a plan's end,
 * which e-mails only the plan's submitter: a user unknown to the directory here, so no e-mail).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import type { NotificationSettings } from '@aoc/config/config.schema';
import type { DomainEvent } from '@aoc/domain/event.types';
import { appendEvents } from '@aoc/persistence/repositories/event-log';
import { Mailer } from '@aoc/notifications/mailer';
import { NotificationConsumer } from '../../apps/worker/src/notifications/notification-consumer';
import { insertSubmittedPlan, nationalContent } from '../support/fixtures';
import { openTestDatabase, testDatabaseUrl } from '../support/test-database';
import { waitUntil } from '@aoc/support/wait-until';

const ROOT = resolve(__dirname, '../..');
const ATTEMPT_TIMEOUT_MS = 1_500;

const settings: NotificationSettings = {
  publicUrl: 'https://aoc.example.test',
  smtpUrl: 'smtp://127.0.0.1:9',
  mailFrom: 'AoC <no-reply@aoc.example.test>',
  retry: { maximumAttempts: 3, initialIntervalMs: 200, maximumIntervalMs: 400 },
  webhookPrivateAddresses: 'allow',
  webhookTimeoutMs: 30_000,
  attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
};

/** A consumer in a process of its own (the built dist/), to be killed as a crash would. */
const CONSUMER_SCRIPT = `
const { createDataSource } = require(${JSON.stringify(join(ROOT, 'dist/libs/persistence/src/data-source.js'))});
const { Mailer } = require(${JSON.stringify(join(ROOT, 'dist/libs/notifications/src/mailer.js'))});
const { NotificationConsumer } = require(${JSON.stringify(join(ROOT, 'dist/apps/worker/src/notifications/notification-consumer.js'))});
(async () => {
  const settings = JSON.parse(process.env.SETTINGS);
  const db = await createDataSource(process.env.DATABASE_URL, { poolSize: 2 }).initialize();
  new NotificationConsumer(db, process.env.DATABASE_URL, settings, new Mailer(settings.smtpUrl, settings.mailFrom), { pollMs: 100 }).start();
  process.stdout.write('ready\\n');
})().catch((error) => { console.error(error); process.exit(1); });
`;

interface Hit {
  path: string;
  webhookId: string;
  planId: string;
}

describe('the notification consumer', () => {
  let db: DataSource;
  let receiver: Server;
  let receiverUrl: string;
  const hits: Hit[] = [];
  /** Paths whose first request is never answered (the consumer that sent it is killed meanwhile). */
  const hangFirst = new Set<string>();
  const held: ServerResponse[] = [];
  const consumers: NotificationConsumer[] = [];
  const children: ChildProcess[] = [];
  const mailer = new Mailer(settings.smtpUrl, settings.mailFrom);

  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 4 });
    receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const path = req.url ?? '';
        const first = !hits.some((h) => h.path === path);
        hits.push({ path, webhookId: String(req.headers['webhook-id']), planId: JSON.parse(body).planId });
        if (first && hangFirst.has(path)) held.push(res);
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(consumers.map((c) => c.stop()));
    for (const res of held) res.destroy();
    await new Promise((done) => receiver.close(done));
    mailer.close();
    await db.destroy();
  });

  /** A plan (its submitter unknown to the directory), a webhook for its end, and `count` such events. */
  async function endedPlanEvents(path: string, count: number): Promise<{ planId: string; hookId: string }> {
    const plan = await insertSubmittedPlan({ db }, nationalContent(), `nobody-${randomUUID()}`);
    const hookId = randomUUID();
    await db.query(
      `INSERT INTO webhooks (id, url, events, secret, created_by, created_at) VALUES ($1, $2, '{PLAN_ENDORSED}', $3, 'admin-ops', now() - interval '1 second')`,
      [hookId, `${receiverUrl}${path}`, `whsec_${Buffer.from(randomUUID()).toString('base64')}`],
    );
    const events: DomainEvent[] = Array.from({ length: count }, (_, i) => ({
      key: `consumer-test/${plan.id}#${i}`,
      planId: plan.id,
      type: 'PLAN_ENDORSED',
      actor: 'system',
      version: plan.version,
      at: Date.now(),
      payload: {},
    }));
    await db.transaction((tx) => appendEvents(tx, events));
    return { planId: plan.id, hookId };
  }

  /** The deliveries of the plan's events to this webhook (the other tests' webhooks hear of them too). */
  const deliveriesOf = async ({ planId, hookId }: { planId: string; hookId: string }) =>
    (await db.query(
      `SELECT id, status, attempts FROM notification_deliveries WHERE plan_id = $1 AND channel = 'webhook' AND target = $2`,
      [planId, hookId],
    )) as { id: string; status: string; attempts: number }[];

  it('two consumers share the outbox and deliver each event to each webhook once', async () => {
    const path = `/shared-${randomUUID()}`;
    const target = await endedPlanEvents(path, 30);
    for (let i = 0; i < 2; i++) {
      const consumer = new NotificationConsumer(db, testDatabaseUrl(), settings, mailer, { pollMs: 50, inFlight: 3 });
      consumers.push(consumer);
      consumer.start();
    }
    await waitUntil(
      async () => {
        const rows = await deliveriesOf(target);
        return rows.length === 30 && rows.every((r) => r.status === 'delivered') ? true : undefined;
      },
      { description: 'the 30 deliveries to be delivered', timeoutMs: 30_000 },
    );
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
    const mine = hits.filter((h) => h.path === path);
    expect(mine).toHaveLength(30);
    expect(new Set(mine.map((h) => h.webhookId)).size).toBe(30);
    expect((await deliveriesOf(target)).every((r) => r.attempts === 1)).toBe(true);
    const queued = await db.query(
      `SELECT count(*)::int AS n FROM notification_outbox o JOIN events e ON e.id = o.event_id WHERE e.plan_id = $1`,
      [target.planId],
    );
    expect(queued[0].n).toBe(0);
  });

  it('a consumer killed mid-attempt leaves the delivery to another after the attempt timeout', async () => {
    const path = `/crash-${randomUUID()}`;
    hangFirst.add(path);
    const target = await endedPlanEvents(path, 1);
    const child = spawn(process.execPath, ['-e', CONSUMER_SCRIPT], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: testDatabaseUrl(), SETTINGS: JSON.stringify(settings) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    // The child's attempt reaches the receiver, which holds it; then the child dies.
    await waitUntil(async () => (hits.some((h) => h.path === path) ? true : undefined), {
      description: 'the first attempt to reach the receiver',
      timeoutMs: 30_000,
    });
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
    const [claimed] = await deliveriesOf(target);
    expect(claimed).toMatchObject({ status: 'pending', attempts: 1 });

    const survivor = new NotificationConsumer(db, testDatabaseUrl(), settings, mailer, { pollMs: 50 });
    consumers.push(survivor);
    const startedAt = Date.now();
    survivor.start();
    await waitUntil(async () => ((await deliveriesOf(target))[0]?.status === 'delivered' ? true : undefined), {
      description: 'the delivery to be taken over and delivered',
      timeoutMs: 30_000,
    });
    // Not before the killed consumer's attempt timed out (its claim ran out); sent again with the same id.
    expect(Date.now() - startedAt).toBeLessThan(ATTEMPT_TIMEOUT_MS + 10_000);
    const mine = hits.filter((h) => h.path === path);
    expect(mine).toHaveLength(2);
    expect(mine[0].webhookId).toBe(mine[1].webhookId);
    expect(await deliveriesOf(target)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })]);
    const attempts = await db.query(
      `SELECT attempt, ok FROM notification_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [claimed.id],
    );
    expect(attempts).toEqual([{ attempt: 2, ok: true }]);
  });
});
