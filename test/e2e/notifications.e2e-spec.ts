import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { nationalPlan } from '@aoc/demo/demo-plans';
import type { Actor } from '@aoc/domain/actor';
import { notifyWorkflowId } from '@aoc/domain/notification.rules';
import { startMailCatcher, type MailCatcher } from '../../infra/mail/mail-catcher';
import { findFreePort } from '../../infra/support/network-ports';
import { parsePrometheusText } from '../support/prometheus-text';
import { notifyWorkflow } from '../support/workflow-contracts';
import { ApiHarness } from '../support/api-harness';
import { openTestDatabase } from '../support/test-database';

/**
 * Notifications through the real processes (DOMAIN §8): e-mails caught by a real SMTP server
 * (MailDev, as `npm start` runs it), webhooks received by a real HTTP server and verified with
 * `standardwebhooks`, retries, failures, deduplication and the SSRF refusal.
 */

interface CaughtMail {
  subject: string;
  to: { address: string }[];
  text?: string;
  html?: string;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

const CONSULTATION = '12s';
/** Long enough for a comment to be posted on a loaded machine, short enough to reach the secretariat soon. */
const COMMENT_WINDOW = '20s';
const PUBLIC_URL = 'https://aoc.example.test';
/** Every plan here is the demo's national plan: each e-mail's subject ends with its title. */
const PLAN_TITLE = nationalPlan().title;

describe('notifications', () => {
  let mail: MailCatcher;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  /** How many requests the receiver answers with 500 before it answers 200, by path. */
  const failuresLeft = new Map<string, number>();
  let h: ApiHarness;
  let db: DataSource;

  beforeAll(async () => {
    mail = await startMailCatcher({ smtpPort: await findFreePort(), webPort: await findFreePort(), output: 'quiet' });
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const left = failuresLeft.get(req.url ?? '') ?? 0;
        const status = left > 0 ? 500 : 200;
        failuresLeft.set(req.url ?? '', left - 1);
        received.push({ headers: req.headers, body, answered: status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    h = await new ApiHarness({
      SMTP_URL: mail.smtpUrl,
      PUBLIC_URL,
      NATIONAL_CONSULTATION_DURATION: CONSULTATION,
      COMMENT_WINDOW_DURATION: COMMENT_WINDOW,
      SECRETARIAT_REVIEW_DURATION: '12s',
      NOTIFICATION_RETRY_ATTEMPTS: '3',
      NOTIFICATION_RETRY_INITIAL_INTERVAL: '500ms',
      NOTIFICATION_RETRY_MAX_INTERVAL: '1s',
      // The receiver is on this machine: loopback, as npm start allows (E2E_ENV sets the same).
      WEBHOOK_PRIVATE_ADDRESSES: 'loopback',
    }).start();
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await h?.stop();
    await db?.destroy();
    await mail?.process.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  /**
   * A consultee body of this test alone, and a user of it with an e-mail address in the directory;
   * given a body, another user of that body.
   */
  async function consulteeWithMail(ofBody?: string): Promise<{ body: string; sub: string; email: string }> {
    const body = ofBody ?? `body-${randomUUID().slice(0, 8)}`;
    const sub = `mail-${body}${ofBody ? `-${randomUUID().slice(0, 4)}` : ''}`;
    const email = `${sub}@example.test`;
    // The body is registered (DOMAIN §12) before a plan may consult it.
    if (!ofBody) {
      await h.api.expect(201, 'admin-ops', 'POST', '/registry/bodies', {
        country: 'PT',
        id: body,
        name: `Body ${body}`,
      });
    }
    await db.query(
      `INSERT INTO users (id, name, email, roles, country, body, first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, '{consultee}', 'PT', $4, now(), now())`,
      [sub, 'Mail Test', email, body],
    );
    return { body, sub, email };
  }

  /** A consultee body of this test alone that nobody holds: its silence closes the consultation. */
  async function silentBody(): Promise<string> {
    const body = `body-${randomUUID().slice(0, 8)}`;
    await h.api.expect(201, 'admin-ops', 'POST', '/registry/bodies', { country: 'PT', id: body, name: `Body ${body}` });
    return body;
  }

  /** A secretariat reviewer of this test alone, with an e-mail address in the directory. */
  async function secretariatWithMail(): Promise<{ sub: string; email: string }> {
    const sub = `mail-secretariat-${randomUUID().slice(0, 8)}`;
    const email = `${sub}@example.test`;
    await db.query(
      `INSERT INTO users (id, name, email, roles, first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, '{secretariat}', now(), now())`,
      [sub, 'Mail Test', email],
    );
    return { sub, email };
  }

  /** A user of this test alone with the role (and scope) given, an e-mail address in the directory: as the API's actor. */
  async function userWithMail(
    role: 'submitter' | 'cso' | 'admin',
    scope: { country?: string; org?: string } = {},
  ): Promise<{ actor: Actor; email: string }> {
    const sub = `mail-${role}-${randomUUID().slice(0, 8)}`;
    const email = `${sub}@example.test`;
    await db.query(
      `INSERT INTO users (id, name, email, roles, country, org, first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), now())`,
      [sub, 'Mail Test', email, [role], scope.country ?? null, scope.org ?? null],
    );
    return { actor: { sub, roles: [role], ...scope }, email };
  }

  async function submittedPlan(body: string): Promise<string> {
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', {
      ...nationalPlan(),
      consultees: { PT: [body] },
    });
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    return plan.id;
  }

  const mailsTo = async (email: string): Promise<CaughtMail[]> => {
    const all = (await (await fetch(`${mail.webUrl}/api/email`)).json()) as CaughtMail[];
    return all.filter((m) => m.to.some((t) => t.address === email));
  };

  const waitForMail = (email: string, subject: RegExp, timeoutMs = 60_000) =>
    h.api.waitFor(
      `an e-mail "${subject.source}" to ${email}`,
      async () => (await mailsTo(email)).find((m) => subject.test(m.subject)),
      timeoutMs,
    );

  /** The e-mails to `email` that link to `link` (a task's or a plan's page), by subject without the plan's title. */
  const subjectsAbout = async (email: string, link: string): Promise<string[]> =>
    (await mailsTo(email))
      .filter((m) => m.text?.includes(`Open it: ${link}\n`))
      .map((m) => m.subject.replace(`: ${PLAN_TITLE}`, ''))
      .sort();

  /** Waits until `email` holds an e-mail about `link` whose subject matches `subject`. */
  const waitForMailAbout = (email: string, link: string, subject: RegExp, timeoutMs = 60_000) =>
    h.api.waitFor(
      `an e-mail "${subject.source}" about ${link} to ${email}`,
      async () => (await subjectsAbout(email, link)).find((s) => subject.test(s)),
      timeoutMs,
    );

  /** The e-mail deliveries of a plan's events to one user: event type, status and attempts, in event order. */
  const deliveriesTo = async (planId: string, userId: string, eventTypes?: string[]) =>
    (
      (await db.query(
        `SELECT event_type, status, attempts FROM notification_deliveries
          WHERE plan_id = $1 AND channel = 'email' AND target = $2 ORDER BY event_id`,
        [planId, userId],
      )) as { event_type: string; status: string; attempts: number }[]
    ).filter((d) => !eventTypes || eventTypes.includes(d.event_type));

  it('e-mails a consultee its task and the 75% reminder, never an overdue notice: the due date closes it (DOMAIN §5)', async () => {
    const user = await consulteeWithMail();
    const planId = await submittedPlan(user.body);
    const created = await waitForMail(user.email, /^A new task for you/);
    const [task] = await h.api.waitForTasks('admin-ops', planId, 1);
    const taskId = (task as { id: string }).id;
    expect(created.subject).toContain('Portugal: National Plan');
    expect(created.text).toContain(`${PUBLIC_URL}/tasks/${taskId}`);
    expect(created.html).toContain(`href="${PUBLIC_URL}/tasks/${taskId}"`);

    const reminder = await waitForMail(user.email, /^A task is due soon \(reminder\)/);
    expect(reminder.text).toContain(`${PUBLIC_URL}/tasks/${taskId}`);
    // The deadline answers for the body (no_response), and the plan moves on: nothing is overdue.
    await h.api.waitForStatus('admin-ops', planId, 'CIVIL_SOCIETY_COMMENT', 60_000);
    const overdue = await db.query(`SELECT 1 FROM events WHERE plan_id = $1 AND type = 'TASK_OVERDUE'`, [planId]);
    expect(overdue).toHaveLength(0);

    // Every event was delivered once, and its delivery row says so.
    const rows = (await db.query(
      `SELECT d.event_type, d.status, d.attempts FROM notification_deliveries d WHERE d.plan_id = $1 AND d.target = $2 ORDER BY d.event_id`,
      [planId, user.sub],
    )) as { event_type: string; status: string; attempts: number }[];
    expect(rows).toEqual([
      { event_type: 'TASK_CREATED', status: 'delivered', attempts: 1 },
      { event_type: 'TASK_REMINDER', status: 'delivered', attempts: 1 },
    ]);
    const subjects = (await mailsTo(user.email)).map((m) => m.subject.replace(/:.*/, ''));
    expect(subjects.sort()).toEqual(['A new task for you', 'A task is due soon (reminder)']);
  });

  it('e-mails a secretariat task’s creation, its reminder and its overdue notice, each once, linking to the task', async () => {
    const user = await secretariatWithMail();
    const planId = await submittedPlan(await silentBody());
    // The body's silence closes the consultation, the comment window closes with no comment.
    const [task] = await h.api.waitForTasks('admin-ops', planId, 1, 'SECRETARIAT_REVIEW', 90_000);
    const taskMails = async () =>
      (await mailsTo(user.email)).filter((m) => m.text?.includes(`${PUBLIC_URL}/tasks/${task.id}`));
    const overdue = await h.api.waitFor(
      'the overdue notice of the secretariat task',
      async () => (await taskMails()).find((m) => /^A task is overdue/.test(m.subject)),
      60_000,
    );
    expect(overdue.html).toContain(`href="${PUBLIC_URL}/tasks/${task.id}"`);
    const rows = (await db.query(
      `SELECT d.event_type, d.status, d.attempts FROM notification_deliveries d
        WHERE d.plan_id = $1 AND d.target = $2 AND d.event_type LIKE 'TASK_%' ORDER BY d.event_id`,
      [planId, user.sub],
    )) as { event_type: string; status: string; attempts: number }[];
    expect(rows).toEqual([
      { event_type: 'TASK_CREATED', status: 'delivered', attempts: 1 },
      { event_type: 'TASK_REMINDER', status: 'delivered', attempts: 1 },
      { event_type: 'TASK_OVERDUE', status: 'delivered', attempts: 1 },
    ]);
    const subjects = (await taskMails()).map((m) => m.subject.replace(/:.*/, ''));
    expect(subjects.sort()).toEqual(['A new task for you', 'A task is due soon (reminder)', 'A task is overdue']);
  });

  it('tells those who may decide a task that its deadline moved, and the new and the previous assignee of a reassignment, each once', async () => {
    const first = await consulteeWithMail();
    const second = await consulteeWithMail(first.body);
    const planId = await submittedPlan(first.body);
    const [task] = await h.api.waitForTasks('admin-ops', planId, 1, 'NATIONAL_CONSULTATION');
    const taskLink = `${PUBLIC_URL}/tasks/${task.id}`;

    // Unassigned, the task is both users': both hear that its deadline moved (an admin moved it).
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    await h.api.expect(200, 'admin-ops', 'POST', `/tasks/${task.id}/deadline`, { dueAt });
    for (const user of [first, second]) await waitForMailAbout(user.email, taskLink, /^A deadline was moved$/);

    // Given to the first, then taken from the first for the second: the first hears of both, the second of its own.
    await h.api.expect(200, 'admin-ops', 'POST', `/tasks/${task.id}/reassign`, { assignee: first.sub });
    await waitForMailAbout(first.email, taskLink, /^A task was reassigned$/);
    await h.api.expect(200, 'admin-ops', 'POST', `/tasks/${task.id}/reassign`, { assignee: second.sub });
    await waitForMailAbout(second.email, taskLink, /^A task was reassigned$/);
    await h.api.waitFor('the first user told that the task was taken from them', async () =>
      (await subjectsAbout(first.email, taskLink)).filter((s) => s === 'A task was reassigned').length >= 2
        ? true
        : undefined,
    );

    const moves = ['DEADLINE_EXTENDED', 'TASK_REASSIGNED'];
    const once = (type: string) => ({ event_type: type, status: 'delivered', attempts: 1 });
    expect(await deliveriesTo(planId, first.sub, moves)).toEqual([
      once('DEADLINE_EXTENDED'),
      once('TASK_REASSIGNED'),
      once('TASK_REASSIGNED'),
    ]);
    expect(await deliveriesTo(planId, second.sub, moves)).toEqual([once('DEADLINE_EXTENDED'), once('TASK_REASSIGNED')]);
    const moved = (subjects: string[]) => subjects.filter((s) => s !== 'A new task for you' && !/reminder/.test(s));
    expect(moved(await subjectsAbout(first.email, taskLink))).toEqual([
      'A deadline was moved',
      'A task was reassigned',
      'A task was reassigned',
    ]);
    expect(moved(await subjectsAbout(second.email, taskLink))).toEqual([
      'A deadline was moved',
      'A task was reassigned',
    ]);
    // The second reassignment names whom it took the task from: that is who the e-mail went to.
    const [fromFirst] = (await db.query(
      `SELECT payload FROM events WHERE plan_id = $1 AND type = 'TASK_REASSIGNED' ORDER BY id DESC LIMIT 1`,
      [planId],
    )) as { payload: { from?: string; to: string } }[];
    expect(fromFirst.payload).toMatchObject({ from: first.sub, to: second.sub });
  });

  it('tells the submitter of each stage its plan enters, a comment’s author of its disposition and every admin of an escalation, each once', async () => {
    const submitter = await userWithMail('submitter', { country: 'PT' });
    const cso = await userWithMail('cso', { org: 'youth-network' });
    const admin = await userWithMail('admin');
    const { id: planId } = await h.api.expect<{ id: string }>(201, submitter.actor, 'POST', '/plans', {
      ...nationalPlan(),
      consultees: { PT: [await silentBody()] },
    });
    await h.api.expect(202, submitter.actor, 'POST', `/plans/${planId}/submit`);
    const planLink = `${PUBLIC_URL}/plans/${planId}`;

    // The body's silence closes the consultation; a civil society organization comments in the window.
    await h.api.waitForStatus('admin-ops', planId, 'CIVIL_SOCIETY_COMMENT', 60_000);
    const comment = await h.api.expect<{ id: string }>(201, cso.actor, 'POST', `/plans/${planId}/comments`, {
      text: 'Name the youth council as a partner.',
    });
    // The submitter disposes of it once the window closes: its author hears the answer.
    const [disposition] = await h.api.waitForTasks('admin-ops', planId, 1, 'CIVIL_SOCIETY_COMMENT', 60_000);
    await h.api.expect(
      200,
      submitter.actor,
      'POST',
      `/tasks/${disposition.id}/complete`,
      {
        decision: 'dispose',
        dispositions: [{ commentId: comment.id, disposition: 'accepted', response: 'Added as a partner.' }],
      },
      { 'Idempotency-Key': randomUUID() },
    );
    await waitForMailAbout(cso.email, planLink, /^Your comment was answered: accepted$/);

    // Nobody takes the secretariat's task: overdue, it is escalated to every admin.
    const [review] = await h.api.waitForTasks('admin-ops', planId, 1, 'SECRETARIAT_REVIEW', 60_000);
    const reviewLink = `${PUBLIC_URL}/tasks/${review.id}`;
    await waitForMailAbout(admin.email, reviewLink, /^Escalation: task overdue$/);
    await waitForMailAbout(submitter.email, planLink, /^Your plan entered SECRETARIAT_REVIEW$/);

    const once = (type: string) => ({ event_type: type, status: 'delivered', attempts: 1 });
    expect(await deliveriesTo(planId, submitter.actor.sub, ['STAGE_ENTERED'])).toEqual([
      once('STAGE_ENTERED'),
      once('STAGE_ENTERED'),
      once('STAGE_ENTERED'),
    ]);
    expect(await subjectsAbout(submitter.email, planLink)).toEqual([
      'Your plan entered CIVIL_SOCIETY_COMMENT',
      'Your plan entered NATIONAL_CONSULTATION',
      'Your plan entered SECRETARIAT_REVIEW',
    ]);
    expect(await deliveriesTo(planId, cso.actor.sub)).toEqual([once('COMMENT_DISPOSED')]);
    expect((await mailsTo(cso.email)).map((m) => m.subject.replace(`: ${PLAN_TITLE}`, ''))).toEqual([
      'Your comment was answered: accepted',
    ]);
    // Two escalations of this plan reach the admin, each once: at submission, that nobody holds
    // the silent body (about the plan), and the overdue secretariat task (about the task).
    expect(await deliveriesTo(planId, admin.actor.sub)).toEqual([once('ESCALATED'), once('ESCALATED')]);
    expect(await subjectsAbout(admin.email, planLink)).toEqual([
      expect.stringMatching(/^Escalation: no user holds body-/),
    ]);
    expect(await subjectsAbout(admin.email, reviewLink)).toEqual(['Escalation: task overdue']);
  });

  it('never delivers an event twice: queued again it plans nothing, and a rerun of a notifyWorkflow sends nothing', async () => {
    const user = await consulteeWithMail();
    const planId = await submittedPlan(user.body);
    await waitForMail(user.email, /^A new task for you/);
    const [{ id, key }] = (await db.query(`SELECT id, key FROM events WHERE plan_id = $1 AND type = 'TASK_CREATED'`, [
      planId,
    ])) as { id: string; key: string }[];
    // The event taken again by a consumer (as after one that died before its commit): its delivery
    // is open already, and delivered, so nothing is planned or sent.
    await db.query(`INSERT INTO notification_outbox (event_id) VALUES ($1)`, [id]);
    await h.api.waitFor('the event to be taken from the outbox again', async () =>
      ((await db.query(`SELECT 1 FROM notification_outbox WHERE event_id = $1`, [id])) as unknown[]).length === 0
        ? true
        : undefined,
    );
    const connection = await Connection.connect({ address: h.environment.TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection, namespace: h.environment.TEMPORAL_NAMESPACE ?? 'default' });
      const retry = { maximumAttempts: 3, initialIntervalMs: 500, maximumIntervalMs: 1000 };
      // The 0.4 path, still registered for the executions started before the consumer: a
      // notifyWorkflow of an event the consumer has delivered plans nothing and sends nothing.
      const rerun = await client.workflow.execute(notifyWorkflow, {
        workflowId: notifyWorkflowId(key),
        taskQueue: h.environment.TEMPORAL_TASK_QUEUE!,
        args: [{ eventKey: key, retry }],
      });
      expect(rerun).toEqual({ delivered: 0, failed: 0 });
    } finally {
      await connection.close();
    }
    const created = (await mailsTo(user.email)).filter((m) => m.subject.startsWith('A new task for you'));
    expect(created).toHaveLength(1);
    const rows = (await db.query(
      `SELECT status, attempts FROM notification_deliveries WHERE event_key = $1 AND target = $2`,
      [key, user.sub],
    )) as { status: string; attempts: number }[];
    expect(rows).toEqual([{ status: 'delivered', attempts: 1 }]);
  });

  it('delivers a signed webhook, retried after a 500, and logs each attempt', async () => {
    const path = `/hook-${randomUUID()}`;
    failuresLeft.set(path, 1);
    const hook = await h.api.expect<{ id: string; secret: string; url: string; events: string[] }>(
      201,
      'admin-ops',
      'POST',
      '/admin/webhooks',
      { url: `${receiverUrl}${path}`, events: ['TASK_CREATED'] },
    );
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = await h.api.expect<Record<string, unknown>[]>(200, 'admin-ops', 'GET', '/admin/webhooks');
    expect(listed.find((w) => w.id === hook.id)).toEqual(expect.not.objectContaining({ secret: expect.anything() }));

    const user = await consulteeWithMail();
    const planId = await submittedPlan(user.body);
    const mine = () => received.filter((r) => r.headers['user-agent'] && JSON.parse(r.body || '{}').planId === planId);
    const [first, second] = await h.api.waitFor('the webhook delivered after one 500', async () => {
      const got = mine();
      return got.length >= 2 ? got : undefined;
    });
    expect([first.answered, second.answered]).toEqual([500, 200]);
    // The same message both times, signed with the secret (Standard Webhooks).
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    const verified = new Webhook(hook.secret).verify(second.body, {
      'webhook-id': String(second.headers['webhook-id']),
      'webhook-timestamp': String(second.headers['webhook-timestamp']),
      'webhook-signature': String(second.headers['webhook-signature']),
    }) as { type: string; planId: string; key: string };
    expect(verified).toMatchObject({ type: 'TASK_CREATED', planId });
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another secret of 24 bytes!').toString('base64')}`).verify(second.body, {
        'webhook-id': String(second.headers['webhook-id']),
        'webhook-timestamp': String(second.headers['webhook-timestamp']),
        'webhook-signature': String(second.headers['webhook-signature']),
      }),
    ).toThrow();

    const log = await h.api.waitFor('the delivery recorded as delivered', async () => {
      const page = await h.api.expect<{ items: { planId: string; status: string; attemptLog: unknown[] }[] }>(
        200,
        'admin-ops',
        'GET',
        `/admin/webhooks/${hook.id}/deliveries`,
      );
      const item = page.items.find((d) => d.planId === planId);
      return item?.status === 'delivered' ? item : undefined;
    });
    expect(log.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, ok: false, statusCode: 500 }),
      expect.objectContaining({ attempt: 2, ok: true, statusCode: 200 }),
    ]);
    // Delivered once: no third request.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(mine()).toHaveLength(2);
    await h.api.expect(204, 'admin-ops', 'DELETE', `/admin/webhooks/${hook.id}`);
    await h.api.expect(404, 'admin-ops', 'DELETE', `/admin/webhooks/${hook.id}`);
  });

  it('gives a delivery up after its retries and lists it for the admins', async () => {
    const path = `/down-${randomUUID()}`;
    failuresLeft.set(path, 1000);
    const hook = await h.api.expect<{ id: string }>(201, 'admin-ops', 'POST', '/admin/webhooks', {
      url: `${receiverUrl}${path}`,
      events: ['TASK_CREATED'],
      secret: `whsec_${Buffer.from(randomUUID()).toString('base64')}`,
    });
    const user = await consulteeWithMail();
    const planId = await submittedPlan(user.body);
    const failed = await h.api.waitFor('the failed delivery to be listed', async () => {
      const page = await h.api.expect<{
        items: { planId: string; target: string; attempts: number; lastError: string }[];
      }>(200, 'admin-ops', 'GET', '/admin/notifications/failed?pageSize=100');
      return page.items.find((d) => d.planId === planId && d.target === hook.id);
    });
    expect(failed).toMatchObject({ attempts: 3, lastError: 'the receiver answered 500' });
    await h.api.expect(403, 'submitter-pt', 'GET', '/admin/notifications/failed');
    // Prometheus sees the failure too, by channel and outcome.
    const metrics = parsePrometheusText(await (await fetch(`${h.api.baseUrl}/metrics`)).text());
    expect(metrics.types.get('aoc_notification_deliveries')).toBe('gauge');
    expect(
      metrics.value('aoc_notification_deliveries', { channel: 'webhook', outcome: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metrics.value('aoc_notification_deliveries', { channel: 'email', outcome: 'delivered' }),
    ).toBeGreaterThanOrEqual(1);
    await h.api.expect(204, 'admin-ops', 'DELETE', `/admin/webhooks/${hook.id}`);
  });

  it('refuses bad webhooks with a 400 naming the field', async () => {
    for (const body of [
      { url: 'ftp://example.org/x', events: ['TASK_CREATED'] },
      { url: 'https://example.org/x', events: ['PLAN_CREATED'] },
      { url: 'https://example.org/x', events: [] },
      { url: 'https://example.org/x', events: ['TASK_CREATED'], secret: 'plain' },
    ]) {
      const answer = await h.api.request('admin-ops', 'POST', '/admin/webhooks', body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    await h.api.expect(403, 'secretariat-anna', 'POST', '/admin/webhooks', {
      url: 'https://example.org/x',
      events: ['TASK_CREATED'],
    });
  });

  /** Registers a webhook on `api`; the answer's status, code, fields and message. */
  const register = async (api: typeof h.api, url: string) => {
    const answer = await api.request<{ code: string; message: string; errors?: { field: string }[] }>(
      'admin-ops',
      'POST',
      '/admin/webhooks',
      { url, events: ['TASK_CREATED'] },
    );
    return {
      url,
      status: answer.status,
      code: answer.body.code,
      errors: answer.body.errors,
      message: answer.body.message,
    };
  };
  const refusal = (url: string) => ({
    url,
    status: 400,
    code: 'VALIDATION_FAILED',
    errors: [expect.objectContaining({ field: 'url' })],
    message: expect.stringMatching(/internal address|does not resolve/),
  });

  it('refuses internal addresses by default, whatever NODE_ENV says, in every spelling: 400', async () => {
    // WEBHOOK_PRIVATE_ADDRESSES unset (empty: its default), NODE_ENV=test: as a deployment that forgot both.
    const defaults = await h.startExtraApi({ WEBHOOK_PRIVATE_ADDRESSES: '' });
    for (const url of [
      `${receiverUrl}/hook`,
      'http://localhost:9/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://127.1/',
      'http://0x7f000001/',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::1]/hook',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://10.0.0.8/hook',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
    ]) {
      expect(await register(defaults, url)).toEqual(refusal(url));
    }
  });

  it('allows this machine’s loopback only where WEBHOOK_PRIVATE_ADDRESSES=loopback (npm start, the tests)', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.8/hook', 'http://[fd12:3456::1]/']) {
      expect(await register(h.api, url)).toEqual(refusal(url));
    }
    const local = await register(h.api, `${receiverUrl}/loopback-allowed`);
    expect(local.status).toBe(201);
    const hooks = await h.api.expect<{ id: string; url: string }[]>(200, 'admin-ops', 'GET', '/admin/webhooks');
    const created = hooks.find((hook) => hook.url === `${receiverUrl}/loopback-allowed`)!;
    await h.api.expect(204, 'admin-ops', 'DELETE', `/admin/webhooks/${created.id}`);
  });

  it('lets users turn optional notifications off, never the required ones', async () => {
    const initial = await h.api.expect<{ kinds: { kind: string; required: boolean; enabled: boolean }[] }>(
      200,
      'cso-youth-network',
      'GET',
      '/me/notification-preferences',
    );
    expect(initial.kinds.every((k) => k.enabled)).toBe(true);
    const updated = await h.api.expect<{ kinds: { kind: string; enabled: boolean }[] }>(
      200,
      'cso-youth-network',
      'PUT',
      '/me/notification-preferences',
      { disabled: ['comment_disposed', 'task_reminder'] },
    );
    expect(updated.kinds.filter((k) => !k.enabled).map((k) => k.kind)).toEqual(['task_reminder', 'comment_disposed']);
    const refused = await h.api.request('cso-youth-network', 'PUT', '/me/notification-preferences', {
      disabled: ['task_created'],
    });
    expect(refused.status).toBe(400);
    const again = await h.api.expect<{ kinds: { kind: string; enabled: boolean }[] }>(
      200,
      'cso-youth-network',
      'GET',
      '/me/notification-preferences',
    );
    expect(again.kinds.filter((k) => !k.enabled).map((k) => k.kind)).toEqual(['task_reminder', 'comment_disposed']);
  });

  it('sends no reminder to a user who turned reminders off, but still the required notices', async () => {
    const user = await secretariatWithMail();
    await db.query(
      `INSERT INTO notification_preferences (user_id, disabled, updated_at) VALUES ($1, '{task_reminder}', now())`,
      [user.sub],
    );
    const planId = await submittedPlan(await silentBody());
    const [task] = await h.api.waitForTasks('admin-ops', planId, 1, 'SECRETARIAT_REVIEW', 90_000);
    const taskMails = async () =>
      (await mailsTo(user.email)).filter((m) => m.text?.includes(`${PUBLIC_URL}/tasks/${task.id}`));
    await h.api.waitFor(
      'the overdue notice',
      async () => (await taskMails()).find((m) => /^A task is overdue/.test(m.subject)),
      60_000,
    );
    const subjects = (await taskMails()).map((m) => m.subject.replace(/:.*/, ''));
    expect(subjects.sort()).toEqual(['A new task for you', 'A task is overdue']);
  });
});
