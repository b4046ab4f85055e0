import { randomUUID } from 'node:crypto';
import { nationalPlan, regionalStrategy } from '@aoc/demo/demo-plans';
import type { DemoUser } from '@aoc/demo/demo-users';
import { findFreePort } from '../../infra/support/network-ports';
import { ApiHarness } from '../support/api-harness';
import { parsePrometheusText } from '../support/prometheus-text';

/**
 * The admins' monitoring (DOMAIN §7, docs/monitoring.md) through HTTP, on the real API and worker.
 * Other test files share the database and run at the same time: every figure is checked on this
 * file's own plans, or as a bound that their plans cannot break.
 */

const key = () => ({ 'Idempotency-Key': randomUUID() });
const UI = 'http://temporal-ui.test:8080';
const COMMENT_WINDOW_MS = 45_000;

interface Blocker {
  kind: string;
  stage: string;
  taskId?: string;
  taskType?: string;
  workflowId?: string;
  country: string | null;
  body: string | null;
  seat: string | null;
  assignee: string | null;
  candidateRole: string;
  dueAt: string | null;
  overdue: boolean;
  returnTo?: string;
}
interface WaitingPlan {
  planId: string;
  status: string;
  overdue: boolean;
  waitingSince: string | null;
  temporalUiUrl: string | null;
  blockers: Blocker[];
}
interface WaitingPage {
  items: WaitingPlan[];
  total: number;
  limit: number;
  nextAfter: string | null;
}
interface StageOverview {
  stage: string;
  plans: number;
  inRevision: number;
  openTasks: number;
  overdueTasks: number;
  timeInStage: { completed: number; p50Ms: number | null; p90Ms: number | null };
  configuredDurationMs: number;
}
interface Overview {
  since: string;
  byStatus: { status: string; plans: number }[];
  byStage: StageOverview[];
}
interface Task {
  id: string;
  planId: string;
  dueAt: string;
  assignee: string | null;
  candidate: { country?: string; body?: string };
}

describe('monitoring: waiting-on, overview, metrics and the list filters', () => {
  const h = new ApiHarness({ COMMENT_WINDOW_DURATION: `${COMMENT_WINDOW_MS / 1000}s`, TEMPORAL_UI_URL: UI });
  /** Every plan this file submitted, withdrawn at the end so that no workflow is left running. */
  const mine: { id: string; by: DemoUser }[] = [];

  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    for (const plan of mine) {
      await h.api.request(plan.by, 'POST', `/plans/${plan.id}/withdraw`, { reason: 'end of the monitoring test' });
    }
    await h.stop();
  });

  const submit = async (by: DemoUser, draft: object, title?: string): Promise<string> => {
    const plan = await h.api.expect<{ id: string }>(201, by, 'POST', '/plans', title ? { ...draft, title } : draft);
    await h.api.expect(202, by, 'POST', `/plans/${plan.id}/submit`);
    mine.push({ id: plan.id, by });
    return plan.id;
  };

  /** The plan's entry in waiting-on, following the pages; undefined when it is not there. */
  async function waitingEntry(planId: string, filters = ''): Promise<WaitingPlan | undefined> {
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const query: string = `${filters}&limit=200${after ? `&after=${after}` : ''}`;
      const body: WaitingPage = await h.api.expect<WaitingPage>(200, 'admin-ops', 'GET', `/admin/waiting-on?${query}`);
      const found = body.items.find((p) => p.planId === planId);
      if (found) return found;
      after = body.nextAfter;
      if (!after) return undefined;
    }
    throw new Error('more than 100 pages of waiting-on');
  }

  const scrape = async () => {
    const response = await fetch(`${h.api.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  };

  it('refuses the monitoring routes to everyone but admins, and bad parameters with a 400 that says why', async () => {
    for (const path of ['/admin/overview', '/admin/waiting-on']) {
      expect((await h.api.request(null, 'GET', path)).status).toBe(401);
      for (const user of [
        'submitter-pt',
        'consultee-pt-education',
        'secretariat-anna',
        'gof-es',
        'cso-media-watch',
      ] as const) {
        const answer = await h.api.request<{ code: string; message: string }>(user, 'GET', `${path}?limit=0`);
        // 403 before the parameters are read: a non-admin learns nothing of them.
        expect({ user, path, status: answer.status, code: answer.body.code }).toEqual({
          user,
          path,
          status: 403,
          code: 'FORBIDDEN',
        });
        expect(answer.body.message).toMatch(/admins only/);
      }
    }
    const bad: [string, RegExp][] = [
      ['/admin/waiting-on?stage=DRAFT', /stage must be one of/],
      ['/admin/waiting-on?overdue=yes', /overdue must be true or false/],
      ['/admin/waiting-on?country=Portugal', /country must be an ISO 3166 alpha-2 code/],
      ['/admin/waiting-on?limit=0', /limit/],
      ['/admin/waiting-on?limit=201', /limit/],
      ['/admin/waiting-on?after=not*a*cursor', /after must be the nextAfter of a previous page/],
      [`/admin/waiting-on?after=${Buffer.from('2026-01-01|x').toString('base64url')}`, /after must be the nextAfter/],
      ['/admin/waiting-on?plan=1', /property plan should not exist/],
      ['/admin/overview?since=last%20week', /since must be an ISO 8601 date/],
      ['/tasks?overdue=1', /overdue must be true or false/],
      ['/tasks?sort=due', /sort must be one of: dueAt, -dueAt/],
      ['/tasks?country=pt', /country must be an ISO 3166 alpha-2 code/],
      ['/tasks?assignee=', /assignee/],
      ['/plans?sort=status', /sort must be one of/],
      ['/plans?updatedSince=yesterday', /updatedSince must be an ISO 8601 date/],
    ];
    for (const [path, message] of bad) {
      const answer = await h.api.request<{ code: string; message: string }>('admin-ops', 'GET', path);
      expect({ path, status: answer.status, code: answer.body.code }).toEqual({
        path,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(answer.body.message).toMatch(message);
    }
  });

  it('waits on the one country whose consultation is open, then on the comment window; filters and sorts tasks', async () => {
    const metricsBefore = await scrape();
    const countOf = (m: typeof metricsBefore) =>
      m.value('aoc_stage_duration_seconds_count', { stage: 'NATIONAL_CONSULTATION' }) ?? 0;

    const id = await submit('coordinator-see', regionalStrategy());
    await h.api.waitForStatus('coordinator-see', id, 'NATIONAL_CONSULTATION');
    for (const consultee of ['consultee-al-foreign', 'consultee-hr-culture'] as const) {
      const [task] = await h.api.waitForTasks(consultee, id, 1, 'NATIONAL_CONSULTATION');
      await h.api.expect(200, consultee, 'POST', `/tasks/${task.id}/complete`, { decision: 'support' }, key());
    }
    const [baTask] = await h.api.waitForTasks('consultee-ba-civil', id, 1, 'NATIONAL_CONSULTATION');

    // Waiting on Bosnia and Herzegovina alone: its consultation (a child workflow) is still open.
    const entry = await h.api.waitFor('the strategy to wait on BA alone', async () => {
      const found = await waitingEntry(id, 'stage=NATIONAL_CONSULTATION&country=BA');
      return found?.blockers.length === 1 ? found : undefined;
    });
    expect(entry.status).toBe('NATIONAL_CONSULTATION');
    expect(entry.temporalUiUrl).toMatch(new RegExp(`^${UI}/namespaces/[^/]+/workflows/plan-${id}$`));
    expect(entry.overdue).toBe(false);
    const [blocker] = entry.blockers;
    expect(blocker).toMatchObject({
      kind: 'task',
      stage: 'NATIONAL_CONSULTATION',
      taskId: baTask.id,
      taskType: 'consultation',
      country: 'BA',
      body: 'ministry-civil-affairs',
      seat: null,
      assignee: null,
      candidateRole: 'consultee',
      overdue: false,
    });
    expect(blocker.workflowId).toMatch(new RegExp(`^plan-${id}-consultation-BA-v1$`));
    expect(entry.waitingSince).toBe(blocker.dueAt);
    expect(Date.parse(blocker.dueAt!)).toBeGreaterThan(Date.now());
    // Other filters leave it out: another country, another stage, overdue only.
    expect(await waitingEntry(id, 'country=PT')).toBeUndefined();
    expect(await waitingEntry(id, 'stage=SECRETARIAT_REVIEW')).toBeUndefined();
    expect(await waitingEntry(id, 'overdue=true')).toBeUndefined();
    expect(await waitingEntry(id, 'overdue=false')).toBeDefined();

    // The inbox's new filters and sorts, as an admin (who sees every task).
    await h.api.expect(200, 'admin-ops', 'POST', `/tasks/${baTask.id}/reassign`, { assignee: 'consultee-ba-civil' });
    const assigned = await h.api.expect<{ items: Task[] }>(
      200,
      'admin-ops',
      'GET',
      '/tasks?assignee=consultee-ba-civil',
    );
    expect(assigned.items.map((t) => t.id)).toContain(baTask.id);
    expect(assigned.items.every((t) => t.assignee === 'consultee-ba-civil')).toBe(true);
    const reassigned = await waitingEntry(id, 'country=BA');
    expect(reassigned?.blockers[0].assignee).toBe('consultee-ba-civil');
    const ba = await h.api.expect<{ items: Task[] }>(200, 'admin-ops', 'GET', `/tasks?country=BA&planId=${id}`);
    expect(ba.items.map((t) => t.id)).toEqual([baTask.id]);
    const byCountry = await h.api.expect<{ items: Task[] }>(200, 'admin-ops', 'GET', '/tasks?country=BA&pageSize=100');
    expect(byCountry.items.every((t) => t.candidate.country === 'BA')).toBe(true);
    const notDue = await h.api.expect<{ items: Task[] }>(200, 'admin-ops', 'GET', '/tasks?overdue=false&pageSize=100');
    expect(notDue.items.map((t) => t.id)).toContain(baTask.id);
    const now = Date.now();
    expect(notDue.items.every((t) => Date.parse(t.dueAt) >= now - 5_000)).toBe(true);
    // Not overdue yet: left out of the overdue filter (the file's last test makes one overdue).
    const overdue = await h.api.expect<{ items: Task[] }>(200, 'admin-ops', 'GET', `/tasks?overdue=true&planId=${id}`);
    expect(overdue.items).toEqual([]);
    for (const [sort, direction] of [
      ['dueAt', 1],
      ['-dueAt', -1],
    ] as const) {
      const page = await h.api.expect<{ items: Task[] }>(200, 'admin-ops', 'GET', `/tasks?sort=${sort}&pageSize=100`);
      const due = page.items.map((t) => Date.parse(t.dueAt));
      expect(due.length).toBeGreaterThan(0);
      expect(due.every((d, i) => i === 0 || (d - due[i - 1]) * direction >= 0)).toBe(true);
    }
    // A consultee's inbox takes the filters too.
    const mineOnly = await h.api.expect<{ items: Task[] }>(
      200,
      'consultee-ba-civil',
      'GET',
      `/tasks?planId=${id}&country=BA`,
    );
    expect(mineOnly.items.map((t) => t.id)).toEqual([baTask.id]);

    // BA answers: the consultation completes, the histogram of stage durations counts it, and the
    // strategy now waits on its comment window, until its close.
    await h.api.expect(
      200,
      'consultee-ba-civil',
      'POST',
      `/tasks/${baTask.id}/complete`,
      { decision: 'support' },
      key(),
    );
    await h.api.waitForStatus('coordinator-see', id, 'CIVIL_SOCIETY_COMMENT');
    const windowEntry = await h.api.waitFor('the strategy to wait on its comment window', async () =>
      waitingEntry(id, 'stage=CIVIL_SOCIETY_COMMENT'),
    );
    expect(windowEntry.blockers).toEqual([
      expect.objectContaining({
        kind: 'comment_window',
        stage: 'CIVIL_SOCIETY_COMMENT',
        candidateRole: 'cso',
        overdue: false,
      }),
    ]);
    const timeline = await h.api.timeline<{ type: string; at: string; payload: Record<string, unknown> }>(
      'admin-ops',
      id,
    );
    const entered = timeline.find((e) => e.type === 'STAGE_ENTERED' && e.payload.stage === 'CIVIL_SOCIETY_COMMENT');
    expect(windowEntry.blockers[0].dueAt).toBe(entered?.payload.commentWindowClosesAt);

    const metricsAfter = await h.api.waitFor('the stage-duration histogram to count the consultation', async () => {
      const m = await scrape();
      return countOf(m) >= countOf(metricsBefore) + 1 ? m : undefined;
    });
    const completions = (m: typeof metricsAfter) =>
      m.value('aoc_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/tasks/:id/complete',
        status: '200',
      }) ?? 0;
    expect(completions(metricsAfter)).toBeGreaterThanOrEqual(completions(metricsBefore) + 3);
  });

  it('waits on the submitter of a plan in REVISION, and counts it in the overview', async () => {
    const id = await submit('submitter-pt', nationalPlan());
    const [education] = await h.api.waitForTasks('consultee-pt-education', id, 1, 'NATIONAL_CONSULTATION');
    const [culture] = await h.api.waitForTasks('consultee-pt-culture', id, 1, 'NATIONAL_CONSULTATION');
    await h.api.expect(
      200,
      'consultee-pt-education',
      'POST',
      `/tasks/${education.id}/complete`,
      { decision: 'object', reason: 'Not consulted enough.' },
      key(),
    );
    await h.api.expect(
      200,
      'consultee-pt-culture',
      'POST',
      `/tasks/${culture.id}/complete`,
      { decision: 'support' },
      key(),
    );
    await h.api.waitForStatus('submitter-pt', id, 'REVISION');

    const entry = await h.api.waitFor('the plan to wait on its submitter', async () =>
      waitingEntry(id, 'stage=REVISION'),
    );
    expect(entry.blockers).toEqual([
      expect.objectContaining({
        kind: 'revision',
        stage: 'REVISION',
        assignee: 'submitter-pt',
        candidateRole: 'submitter',
        returnTo: 'NATIONAL_CONSULTATION',
        dueAt: null,
        overdue: false,
      }),
    ]);
    expect(entry.waitingSince).toBeNull();

    // The overview: bounds that other files' plans cannot break, and this plan's consultation's time.
    const timeline = await h.api.timeline<{ type: string; at: string; payload: Record<string, unknown> }>(
      'admin-ops',
      id,
    );
    const enteredAt = timeline.find((e) => e.type === 'STAGE_ENTERED')!.at;
    const completedAt = timeline.find((e) => e.type === 'STAGE_COMPLETED')!.at;
    const spent = Date.parse(completedAt) - Date.parse(enteredAt);
    const overview = await h.api.expect<Overview>(200, 'admin-ops', 'GET', `/admin/overview?since=${completedAt}`);
    expect(overview.since).toBe(completedAt);
    const stage = (name: string) => overview.byStage.find((s) => s.stage === name)!;
    expect(overview.byStage.map((s) => s.stage)).toEqual([
      'NATIONAL_CONSULTATION',
      'CIVIL_SOCIETY_COMMENT',
      'SECRETARIAT_REVIEW',
      'GOF_ENDORSEMENT',
    ]);
    expect(overview.byStatus.find((s) => s.status === 'REVISION')!.plans).toBeGreaterThanOrEqual(1);
    expect(stage('NATIONAL_CONSULTATION').inRevision).toBeGreaterThanOrEqual(1);
    expect(stage('NATIONAL_CONSULTATION').configuredDurationMs).toBe(60_000);
    expect(stage('CIVIL_SOCIETY_COMMENT').configuredDurationMs).toBe(COMMENT_WINDOW_MS);
    const time = stage('NATIONAL_CONSULTATION').timeInStage;
    expect(time.completed).toBeGreaterThanOrEqual(1);
    if (time.completed === 1) {
      // Alone in the window (no other file completed a consultation since): exactly this plan's time.
      expect(time).toEqual({ completed: 1, p50Ms: spent, p90Ms: spent });
    } else {
      expect(time.p50Ms).not.toBeNull();
      expect(time.p90Ms!).toBeGreaterThanOrEqual(time.p50Ms!);
    }
    // The statuses' counts agree with the plan list's totals for a status nobody else moves now.
    const whole = await h.api.expect<Overview>(200, 'admin-ops', 'GET', '/admin/overview');
    expect(Date.parse(whole.since)).toBeLessThan(Date.now() - 89 * 86_400_000);
    expect(whole.byStatus.map((s) => s.status)).toContain('DRAFT');
    const revisions = await h.api.expect<{ total: number }>(
      200,
      'admin-ops',
      'GET',
      '/plans?status=REVISION&pageSize=1',
    );
    expect(whole.byStatus.find((s) => s.status === 'REVISION')!.plans).toBeGreaterThanOrEqual(1);
    expect(Math.abs(whole.byStatus.find((s) => s.status === 'REVISION')!.plans - revisions.total)).toBeLessThanOrEqual(
      5,
    );

    // The gauges of the metrics say as much.
    const metrics = await scrape();
    expect(metrics.types.get('aoc_plans')).toBe('gauge');
    // Read at this scrape, not before it: this plan's REVISION is counted.
    expect(metrics.value('aoc_plans', { status: 'REVISION' })).toBeGreaterThanOrEqual(1);
    // The gauges' series exist for every stage; the last test of this file checks their counts.
    for (const stage of ['NATIONAL_CONSULTATION', 'SECRETARIAT_REVIEW', 'GOF_ENDORSEMENT']) {
      expect(metrics.value('aoc_open_tasks', { stage })).toEqual(expect.any(Number));
      expect(metrics.value('aoc_overdue_tasks', { stage })).toEqual(expect.any(Number));
    }
    expect(metrics.value('aoc_metrics_database_up')).toBe(1);
  });

  it('serves the metrics in the Prometheus text format, by route pattern, with the process metrics', async () => {
    const draft = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    await h.api.expect(200, 'submitter-pt', 'GET', `/plans/${draft.id}`);
    await h.api.request('submitter-pt', 'GET', `/plans/${randomUUID()}`);
    const metrics = await scrape();
    expect(metrics.types.get('aoc_http_request_duration_seconds')).toBe('histogram');
    expect(metrics.types.get('aoc_stage_duration_seconds')).toBe('histogram');
    expect(metrics.value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(metrics.value('nodejs_eventloop_lag_seconds')).toBeDefined();
    const routes = new Set(
      metrics.samples.filter((s) => s.name === 'aoc_http_request_duration_seconds_count').map((s) => s.labels.route),
    );
    expect(routes).toContain('/api/plans/:id');
    expect(routes).toContain('/api/plans');
    // The pattern, never the raw URL: no series names a plan.
    expect([...routes].some((r) => r.includes(draft.id))).toBe(false);
    expect(
      metrics.value('aoc_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/plans/:id',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
    // A histogram's buckets are cumulative and end at +Inf with the count.
    const buckets = metrics.samples.filter(
      (s) =>
        s.name === 'aoc_http_request_duration_seconds_bucket' &&
        s.labels.route === '/api/plans/:id' &&
        s.labels.method === 'GET' &&
        s.labels.status === '200',
    );
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
    expect(buckets.at(-1)!.labels.le).toBe('+Inf');
    expect(buckets.at(-1)!.value).toBe(
      metrics.value('aoc_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/plans/:id',
        status: '200',
      }),
    );
    // Not under /api, and not in the API's document (it is for Prometheus).
    expect((await h.api.request(null, 'GET', '/metrics')).status).toBe(404);
    const spec = await h.api.expect<{ paths: Record<string, unknown> }>(200, null, 'GET', '/docs-json');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/admin/overview', '/api/admin/waiting-on']));
    expect(Object.keys(spec.paths).some((p) => p.includes('metrics'))).toBe(false);
  });

  it('links every plan to its workflow in the Temporal Web UI; filters and sorts the plan list', async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const tag = randomUUID().slice(0, 8);
    const draft = await h.api.expect<{ id: string; temporalUiUrl: string | null }>(
      201,
      'submitter-pt',
      'POST',
      '/plans',
      {
        ...nationalPlan(),
        title: `Monitoring B ${tag}`,
      },
    );
    expect(draft.temporalUiUrl).toBeNull();
    const id = await submit('submitter-pt', nationalPlan(), `Monitoring A ${tag}`);
    const plan = await h.api.expect<{ temporalUiUrl: string; workflowId: string }>(
      200,
      'admin-ops',
      'GET',
      `/plans/${id}`,
    );
    expect(plan.workflowId).toBe(`plan-${id}`);
    expect(plan.temporalUiUrl).toMatch(new RegExp(`^${UI}/namespaces/[^/]+/workflows/plan-${id}$`));

    const list = await h.api.expect<{
      items: { id: string; title: string; submittedBy: string | null; updatedAt: string }[];
    }>(200, 'admin-ops', 'GET', `/plans?updatedSince=${since}&sort=title&pageSize=100`);
    const titles = list.items.map((p) => p.title);
    expect(titles.indexOf(`Monitoring A ${tag}`)).toBeGreaterThanOrEqual(0);
    expect(titles.indexOf(`Monitoring A ${tag}`)).toBeLessThan(titles.indexOf(`Monitoring B ${tag}`));
    expect(list.items.every((p) => Date.parse(p.updatedAt) >= Date.parse(since))).toBe(true);
    const reversed = await h.api.expect<{ items: { title: string }[] }>(
      200,
      'admin-ops',
      'GET',
      `/plans?updatedSince=${since}&sort=-title&pageSize=100`,
    );
    const back = reversed.items.map((p) => p.title);
    expect(back.indexOf(`Monitoring B ${tag}`)).toBeLessThan(back.indexOf(`Monitoring A ${tag}`));
    const future = await h.api.expect<{ total: number }>(
      200,
      'admin-ops',
      'GET',
      `/plans?updatedSince=2999-01-01T00:00:00Z`,
    );
    expect(future.total).toBe(0);

    const bySubmitter = await h.api.expect<{ items: { id: string; submittedBy: string | null; updatedAt: string }[] }>(
      200,
      'admin-ops',
      'GET',
      '/plans?submitter=submitter-pt&sort=-updatedAt&pageSize=100',
    );
    expect(bySubmitter.items.map((p) => p.id)).toContain(id);
    expect(bySubmitter.items.map((p) => p.id)).not.toContain(draft.id); // never submitted
    expect(bySubmitter.items.every((p) => p.submittedBy === 'submitter-pt')).toBe(true);
    const updated = bySubmitter.items.map((p) => Date.parse(p.updatedAt));
    expect(updated.every((u, i) => i === 0 || u <= updated[i - 1])).toBe(true);
    const ascending = await h.api.expect<{ items: { updatedAt: string }[] }>(
      200,
      'admin-ops',
      'GET',
      '/plans?submitter=submitter-pt&sort=updatedAt&pageSize=100',
    );
    const up = ascending.items.map((p) => Date.parse(p.updatedAt));
    expect(up.every((u, i) => i === 0 || u >= up[i - 1])).toBe(true);
  });
});

describe('metrics behind METRICS_TOKEN, and the worker’s Temporal SDK metrics', () => {
  let h: ApiHarness;
  let workerPort: number;
  beforeAll(async () => {
    workerPort = await findFreePort();
    h = await new ApiHarness({
      METRICS_TOKEN: 'scrape-secret-0123456789',
      WORKER_METRICS_PORT: String(workerPort),
    }).start();
  });
  afterAll(() => h?.stop());

  it('answers GET /metrics only with the token, and the worker serves the SDK metrics on its port', async () => {
    const anonymous = await fetch(`${h.api.baseUrl}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toMatch(/METRICS_TOKEN/);
    const wrong = await fetch(`${h.api.baseUrl}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    // A user's token is not the scrape token.
    const admin = await fetch(`${h.api.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${await h.api.token('admin-ops')}` },
    });
    expect(admin.status).toBe(401);
    const ok = await fetch(`${h.api.baseUrl}/metrics`, {
      headers: { authorization: 'Bearer scrape-secret-0123456789' },
    });
    expect(ok.status).toBe(200);
    expect(parsePrometheusText(await ok.text()).value('aoc_metrics_database_up')).toBe(1);

    const worker = await h.api.waitFor('the worker to serve its metrics', async () => {
      const response = await fetch(`http://127.0.0.1:${workerPort}/metrics`).catch(() => undefined);
      return response?.status === 200 ? response.text() : undefined;
    });
    const sdk = parsePrometheusText(worker);
    expect(sdk.samples.some((s) => s.name.startsWith('temporal_'))).toBe(true);
  });
});

describe('an overdue task: returned by the overdue filters, and counted', () => {
  // A secretariat review that falls due within the test: the review tasks have no automatic
  // outcome, so at their due date they stay open, overdue, and are escalated (DOMAIN §5).
  const REVIEW_MS = 6_000;
  const h = new ApiHarness({ COMMENT_WINDOW_DURATION: '2s', SECRETARIAT_REVIEW_DURATION: `${REVIEW_MS / 1000}s` });
  let planId: string | undefined;
  beforeAll(() => h.start());
  afterAll(async () => {
    if (planId) await h.api.request('submitter-pt', 'POST', `/plans/${planId}/withdraw`, { reason: 'end of the test' });
    await h.stop();
  });

  /** The plan's entry in waiting-on under `filters` (the filters keep the list short); undefined when left out. */
  async function waiting(id: string, filters: string): Promise<WaitingPlan | undefined> {
    let after: string | null = null;
    do {
      const page: WaitingPage = await h.api.expect<WaitingPage>(
        200,
        'admin-ops',
        'GET',
        `/admin/waiting-on?${filters}&limit=200${after ? `&after=${after}` : ''}`,
      );
      const found = page.items.find((p) => p.planId === id);
      if (found) return found;
      after = page.nextAfter;
    } while (after);
    return undefined;
  }

  it('is listed by overdue=true (and not by overdue=false), in waiting-on, the overview and the metrics', async () => {
    const plan = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    planId = plan.id;
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
    for (const consultee of ['consultee-pt-education', 'consultee-pt-culture'] as const) {
      const [task] = await h.api.waitForTasks(consultee, plan.id, 1, 'NATIONAL_CONSULTATION');
      await h.api.expect(200, consultee, 'POST', `/tasks/${task.id}/complete`, { decision: 'support' }, key());
    }
    const [review] = await h.api.waitForTasks('secretariat-anna', plan.id, 1, 'SECRETARIAT_REVIEW');
    expect(Date.parse(review.dueAt) - Date.now()).toBeLessThanOrEqual(REVIEW_MS);

    // Before its due date: open, not overdue.
    const early = await h.api.expect<{ items: Task[] }>(
      200,
      'admin-ops',
      'GET',
      `/tasks?overdue=false&planId=${plan.id}`,
    );
    if (Date.parse(review.dueAt) > Date.now() + 1_000) expect(early.items.map((t) => t.id)).toContain(review.id);

    // Past it: the workflow records TASK_OVERDUE, and the task stays open.
    await h.api.waitFor(
      'the review task to be overdue',
      async () => {
        const events = await h.api.timeline<{ type: string; payload: { taskId?: string } }>('admin-ops', plan.id);
        return events.some((e) => e.type === 'TASK_OVERDUE' && e.payload.taskId === review.id) ? true : undefined;
      },
      30_000,
    );
    expect(Date.parse(review.dueAt)).toBeLessThan(Date.now());

    const overdue = await h.api.expect<{ items: Task[] }>(
      200,
      'admin-ops',
      'GET',
      `/tasks?overdue=true&planId=${plan.id}`,
    );
    expect(overdue.items.map((t) => t.id)).toEqual([review.id]);
    const notOverdue = await h.api.expect<{ items: Task[] }>(
      200,
      'admin-ops',
      'GET',
      `/tasks?overdue=false&planId=${plan.id}`,
    );
    expect(notOverdue.items.map((t) => t.id)).not.toContain(review.id);
    const inbox = await h.api.expect<{ items: Task[] }>(
      200,
      'secretariat-anna',
      'GET',
      `/tasks?overdue=true&planId=${plan.id}`,
    );
    expect(inbox.items.map((t) => t.id)).toEqual([review.id]);

    const entry = await waiting(plan.id, 'stage=SECRETARIAT_REVIEW&overdue=true');
    expect(entry).toBeDefined();
    expect(entry!.overdue).toBe(true);
    expect(entry!.blockers).toEqual([
      expect.objectContaining({ kind: 'task', taskId: review.id, stage: 'SECRETARIAT_REVIEW', overdue: true }),
    ]);
    expect(await waiting(plan.id, 'stage=SECRETARIAT_REVIEW&overdue=false')).toBeUndefined();

    // Counted: at least this task, open and overdue, in its stage (other files' tasks only add).
    const overview = await h.api.expect<Overview>(200, 'admin-ops', 'GET', '/admin/overview');
    const stage = overview.byStage.find((s) => s.stage === 'SECRETARIAT_REVIEW')!;
    expect(stage.openTasks).toBeGreaterThanOrEqual(1);
    expect(stage.overdueTasks).toBeGreaterThanOrEqual(1);
    expect(stage.overdueTasks).toBeLessThanOrEqual(stage.openTasks);
    const scraped = await fetch(`${h.api.baseUrl}/metrics`);
    const metrics = parsePrometheusText(await scraped.text());
    expect(metrics.value('aoc_overdue_tasks', { stage: 'SECRETARIAT_REVIEW' })).toBeGreaterThanOrEqual(1);
    expect(metrics.value('aoc_open_tasks', { stage: 'SECRETARIAT_REVIEW' })).toBeGreaterThanOrEqual(1);
  });
});
