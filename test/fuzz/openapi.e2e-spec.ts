import { nationalPlan, regionalStrategy } from '@aoc/demo/demo-plans';
import type { DemoUser } from '@aoc/demo/demo-users';
import { seedSeats } from '@aoc/demo/demo-registry';
import { ApiHarness } from '../support/api-harness';
import { inParallel } from '../support/in-parallel';
import {
  FuzzCase,
  FuzzContext,
  OpenApiDocument,
  OperationInfo,
  Outcome,
  casesOf,
  operationsOf,
  problemsOf,
  sampleOf,
} from './openapi-fuzz';
import { SeededRandom, seedFrom } from '../support/seeded-random';

/**
 * Fuzzes every operation of the API's OpenAPI document through the real, built API and worker
 * processes: at least a thousand malformed requests, as the demo users who may make them and
 * on real plans, tasks and comments, so that they get past authentication to validation and
 * beyond. FUZZ_SEED=<seed> repeats a run.
 */

const CONCURRENCY = 4;
const REQUEST_TIMEOUT_MS = 30_000;

/** Who makes each operation's requests: a user it is meant for. */
const USERS: Record<string, DemoUser | null> = {
  HealthController_health: null,
  PlansController_create: 'submitter-pt',
  PlansController_list: 'submitter-pt',
  PlansController_get: 'submitter-pt',
  PlansController_update: 'submitter-pt',
  PlansController_submit: 'submitter-pt',
  PlansController_withdraw: 'submitter-pt',
  PlansController_cancel: 'admin-ops',
  PlansController_versions: 'submitter-pt',
  PlansController_diff: 'submitter-pt',
  PlansController_timeline: 'submitter-pt',
  TasksController_inbox: 'consultee-pt-education',
  TasksController_get: 'consultee-pt-education',
  TasksController_claim: 'consultee-pt-education',
  TasksController_unclaim: 'consultee-pt-education',
  TasksController_complete: 'consultee-pt-education',
  TasksController_reassign: 'admin-ops',
  TasksController_extendDeadline: 'admin-ops',
  CommentsController_post: 'cso-youth-network',
  CommentsController_list: 'cso-youth-network',
  CommentsController_hide: 'secretariat-anna',
  GofSeatsController_list: 'gof-es',
  GofSeatsController_create: 'admin-ops',
  // The public library: anyone, signed out (test/fuzz/public.e2e-spec.ts adds its pages and odd bodies).
  PublicApiController_list: null,
  PublicApiController_csv: null,
  PublicApiController_plan: null,
  PublicApiController_record: null,
  PublicApiController_verify: null,
};

/** Valid bodies where the schema alone cannot make one (a plan must be consistent to get further). */
const FIXTURES: Record<string, () => unknown> = {
  CreatePlanDto: () => nationalPlan(),
  UpdatePlanDto: () => {
    const { kind: _kind, ...content } = nationalPlan();
    return content;
  },
  CompleteTaskDto: () => ({ decision: 'support_with_comments', comment: 'Fuzzed, and fine.' }),
  ReassignTaskDto: () => ({ assignee: 'consultee-pt-education' }),
  ExtendDeadlineDto: () => ({ dueAt: '2099-01-01T00:00:00Z' }),
  // An existing seat: a valid request is a 409, never a new seat (seats are shared by every test file).
  CreateGofSeatDto: () => ({ seat: 'ES', name: 'Spain' }),
};

/** The registry's writes that could add or bring back a seat. */
const SEAT_WRITES = [
  'RegistryController_addSeat',
  'RegistryController_renameSeat',
  'RegistryController_retireSeat',
  'RegistryController_restoreSeat',
  'RegistryController_importCsv',
];

/** Operations that end a plan's review run last, so that the others still meet plans under review. */
const LAST = ['PlansController_submit', 'PlansController_withdraw', 'PlansController_cancel'];

describe('fuzzing every operation of the OpenAPI document', () => {
  const seed = seedFrom('FUZZ_SEED');
  const h = new ApiHarness({ NATIONAL_CONSULTATION_DURATION: '10m', COMMENT_WINDOW_DURATION: '10m' });
  const ids = { plans: [] as string[], tasks: [] as string[], comments: [] as string[], draft: '' };
  let doc: OpenApiDocument;

  const log = (line: string) => process.stdout.write(`[fuzz] ${line}\n`);

  beforeAll(async () => {
    log(`seed ${seed} (run again with FUZZ_SEED=${seed})`);
    await h.start();
    await seedSeats(h.api, () => undefined);
    doc = await h.api.expect<OpenApiDocument>(200, null, 'GET', '/docs-json');

    // A national plan in consultation (tasks of consultee-pt-education), a regional strategy in
    // its comment window with a comment, and a draft.
    const national = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${national.id}/submit`);
    const regional = await h.api.expect<{ id: string }>(201, 'coordinator-see', 'POST', '/plans', regionalStrategy());
    await h.api.expect(202, 'coordinator-see', 'POST', `/plans/${regional.id}/submit`);
    ids.draft = (await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan())).id;
    ids.plans.push(national.id, regional.id, ids.draft);
    for (const consultee of ['consultee-pt-education', 'consultee-pt-culture'] as const) {
      ids.tasks.push(...(await h.api.waitForTasks(consultee, national.id, 1)).map((t) => t.id));
    }
    const supported = await h.api.supportConsultation(regional.id, [
      'consultee-al-foreign',
      'consultee-ba-civil',
      'consultee-hr-culture',
    ]);
    ids.tasks.push(...supported.map((t) => t.id));
    await h.api.waitForStatus('coordinator-see', regional.id, 'CIVIL_SOCIETY_COMMENT');
    const comment = await h.api.expect<{ id: string }>(
      201,
      'cso-youth-network',
      'POST',
      `/plans/${regional.id}/comments`,
      {
        text: 'A comment to fuzz around.',
      },
    );
    ids.comments.push(comment.id);
  }, 180_000);

  afterAll(async () => {
    // Close every review the run started; a plan the fuzz already ended answers 409.
    for (const id of ids.plans)
      await h.api.request('admin-ops', 'POST', `/plans/${id}/cancel`, { reason: 'fuzz over' });
    await h.stop();
  });

  const context = (rng: SeededRandom): FuzzContext => ({
    rng,
    pathValue: (operation, name) => {
      if (name !== 'id') return '1';
      if (operation.template.startsWith('/tasks/')) return rng.pick(ids.tasks);
      if (operation.template.startsWith('/comments/')) return rng.pick(ids.comments);
      // Edits go to the draft, most of the rest to the plan under review.
      return operation.id === 'PlansController_update' ? ids.draft : rng.pick(ids.plans);
    },
    realIds: () => [...ids.plans, ...ids.tasks, ...ids.comments],
    body: (operation: OperationInfo) => {
      const fixture = operation.body?.name ? FIXTURES[operation.body.name] : undefined;
      return fixture ? fixture() : sampleOf(doc, operation.body?.schema, rng);
    },
  });

  const userOf = (c: FuzzCase): DemoUser | null => {
    // A seat id that is valid would add a seat: those requests go as a user who may not.
    if (c.operation.id === 'GofSeatsController_create' && c.target === 'body.seat') return 'gof-es';
    // So would the registry's seat writes and a CSV import (DOMAIN §12): the other test files count
    // the seats, so these go as a user who may not write the registry (a 403, never a 5xx).
    if (SEAT_WRITES.includes(c.operation.id)) return 'gof-es';
    return c.operation.id in USERS ? USERS[c.operation.id] : 'admin-ops';
  };

  async function send(c: FuzzCase): Promise<Outcome> {
    const user = userOf(c);
    const token = user ? await h.api.token(user) : undefined;
    const started = Date.now();
    try {
      const response = await fetch(`${h.api.baseUrl}/api${c.url}`, {
        method: c.operation.method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...c.headers },
        body: c.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body, ms: Date.now() - started };
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
      return { status: 0, error: [(error as Error).message, cause?.code, cause?.message].filter(Boolean).join(': ') };
    }
  }

  async function runAll(cases: FuzzCase[], each: (c: FuzzCase, outcome: Outcome) => void): Promise<void> {
    await inParallel(cases, CONCURRENCY, async (c) => each(c, await send(c)));
  }

  const describeCase = (c: FuzzCase) => {
    const url = c.url.length > 120 ? `${c.url.slice(0, 120)}…` : c.url;
    return `${c.operation.method} /api${url} [${c.target} ${c.category}: ${c.label.slice(0, 60)}] as ${userOf(c)}`;
  };

  it('the oracle fails a 5xx, a lost connection, a wrong status and a 400 that names no field', () => {
    const operation: OperationInfo = { id: 'x', method: 'POST', template: '/x', parameters: [] };
    const c: FuzzCase = { operation, target: 'body.title', category: 'nul', label: '', url: '/x', headers: {} };
    expect(problemsOf(c, { status: 500 })).toEqual(['answered 500']);
    expect(problemsOf(c, { status: 503 })).toEqual(['answered 503']);
    expect(problemsOf(c, { status: 0, error: 'socket hang up' })).toEqual(['no response: socket hang up']);
    expect(problemsOf({ ...c, mustBe: [400] }, { status: 201 })).toEqual(['answered 201, not 400']);
    expect(problemsOf({ ...c, mustName: 'title' }, { status: 400, body: { errors: [{ field: 'x' }] } })).toEqual([
      'the 400 does not name title',
    ]);
    expect(problemsOf(c, { status: 400, headers: new Headers({ 'x-powered-by': 'Express' }) })).toContain(
      'sent X-Powered-By',
    );
    expect(problemsOf(c, { status: 404 })).toEqual([]);
  });

  it('answers over a thousand malformed requests without a 5xx, naming bad fields, and stays healthy', async () => {
    const rng = new SeededRandom(seed);
    const operations = operationsOf(doc);
    const ctx = context(rng);
    const rank = (c: FuzzCase) => (LAST.includes(c.operation.id) ? 1 : 0);
    const cases = operations.flatMap((operation) => casesOf(doc, operation, ctx));
    cases.sort((a, b) => rank(a) - rank(b));

    const byStatus = new Map<number, number>();
    const byOperation = new Map<string, Map<number, number>>();
    const findings: string[] = [];
    const started = Date.now();
    const slowest: { ms: number; c: FuzzCase; status: number }[] = [];
    await runAll(cases, (c, outcome) => {
      slowest.push({ ms: outcome.ms ?? 0, c, status: outcome.status });
      byStatus.set(outcome.status, (byStatus.get(outcome.status) ?? 0) + 1);
      const ofOperation = byOperation.get(c.operation.id) ?? new Map<number, number>();
      ofOperation.set(outcome.status, (ofOperation.get(outcome.status) ?? 0) + 1);
      byOperation.set(c.operation.id, ofOperation);
      for (const problem of problemsOf(c, outcome)) {
        const body = JSON.stringify(outcome.body ?? '').slice(0, 300);
        findings.push(`${describeCase(c)}: ${problem} ${body}`);
      }
    });
    const seconds = (Date.now() - started) / 1000;

    const statuses = (counts: Map<number, number>) =>
      [...counts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status || 'no response'}: ${count}`)
        .join(', ');
    log(`${cases.length} requests on ${operations.length} operations in ${seconds.toFixed(1)} s (seed ${seed})`);
    log(`by status: ${statuses(byStatus)}`);
    for (const [id, counts] of byOperation) log(`  ${id.padEnd(32)} ${statuses(counts)}`);
    slowest.sort((a, b) => b.ms - a.ms);
    for (const s of slowest.slice(0, 3)) log(`slow: ${s.ms} ms → ${s.status} ${describeCase(s.c)}`);
    if (findings.length > 0)
      log(`${findings.length} findings (FUZZ_SEED=${seed}):\n${findings.slice(0, 50).join('\n')}`);

    expect(findings.slice(0, 50)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(1_000);
    expect(byOperation.size).toBe(operations.length);
    // The tokens were valid (no 401), and some requests got past validation to the services.
    expect(byStatus.get(401) ?? 0).toBe(0);
    expect([...byStatus.keys()].filter((s) => s >= 200 && s < 300).length).toBeGreaterThan(0);
    expect([...byStatus.keys()]).toEqual(expect.arrayContaining([403, 404, 409]));

    const health = await h.api.request<{ status: string }>(null, 'GET', '/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
  }, 300_000);

  it('sends security headers without X-Powered-By, and the Swagger UI still loads its scripts', async () => {
    const page = await fetch(`${h.api.baseUrl}/api/docs`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.has('x-powered-by')).toBe(false);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    // Every script the page loads is its own (allowed by script-src 'self'), and each is served.
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toBeDefined();
      // Resolved as a browser does, against the page's own URL.
      const script = await fetch(new URL(src!, page.url));
      expect({ src, status: script.status }).toEqual({ src, status: 200 });
    }
    for (const path of ['/api/health', '/api/plans/not-a-uuid', '/api/nowhere']) {
      const response = await fetch(`${h.api.baseUrl}${path}`);
      expect({ path, poweredBy: response.headers.get('x-powered-by') }).toEqual({ path, poweredBy: null });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });
});
