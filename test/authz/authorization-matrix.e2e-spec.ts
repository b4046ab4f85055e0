import { randomUUID } from 'node:crypto';
import { nationalPlan, regionalStrategy } from '@aoc/demo/demo-plans';
import { seedSeats } from '@aoc/demo/demo-registry';
import { ApiHarness } from '../support/api-harness';
import { inParallel } from '../support/in-parallel';
import { ACTORS, ActorName, RowName, bearerOf, isActor } from './actors';
import { PLAN_STATE_MATRIX, STATELESS_MATRIX } from './authorization.matrix';
import { Cell, REQUIRED_ROWS, Table, isSuccess, parseTable } from './matrix-table';
import { PlanContext, PlanDriver, Reply, STATES, StateName } from './plan-states';
import { type PlanStatus, isTerminal } from '@aoc/domain/plan.types';

/**
 * Runs every cell of test/authz/authorization.matrix.ts against the real API and worker
 * processes, and fails listing every cell whose answer differs from the table.
 */

/** Stages long enough to stay in while a block runs; a comment window short enough to wait out. */
const DURATIONS = {
  NATIONAL_CONSULTATION_DURATION: '10m',
  COMMENT_WINDOW_DURATION: '30s',
  SECRETARIAT_REVIEW_DURATION: '10m',
  ENDORSEMENT_DURATION: '10m',
};
/**
 * Comments posted on every plan that passes the comment window: one that the refused cells try to
 * hide, one for each secretariat reviewer to hide, and one hidden beforehand (read by `hiddn`).
 */
const COMMENTS = 4;
/** A webhook URL nobody listens on (the test API allows loopback addresses): registered, then removed. */
const AUTHZ_HOOK = 'http://127.0.0.1:9/authz-matrix';
const PARALLEL = 6;

interface Observed {
  answer: string;
  detail?: string;
}

type Run = (ctx: PlanContext, row: RowName) => Promise<Reply | Observed>;

interface Column {
  run: Run;
  /** 2xx cells run one after the other, each followed by `cleanup`; `plan`: each on a plan of its own. */
  sequential?: boolean;
  isolate?: 'plan' | 'comment';
  setup?: (ctx: PlanContext) => Promise<void>;
  cleanup?: (ctx: PlanContext, row: RowName) => Promise<void>;
  teardown?: (ctx: PlanContext) => Promise<void>;
}

describe('authorization matrix', () => {
  const h = new ApiHarness(DURATIONS);
  let drive: PlanDriver;
  beforeAll(async () => {
    await h.start();
    await seedSeats(h.api, () => undefined);
    drive = new PlanDriver(h.api.baseUrl);
    await drive.introduceDelegates();
  });
  afterAll(async () => {
    // Ends every review the matrix left running, so that no workflow outlives the test.
    const plans = [...(drive?.plans ?? [])];
    await inParallel(plans, PARALLEL, async (id) => {
      const plan = await drive.call('admin-ops', 'GET', `/plans/${id}`);
      const status = (plan.body as { status?: PlanStatus })?.status;
      if (status && !isTerminal(status)) await drive.call('admin-ops', 'POST', `/plans/${id}/cancel`, {});
    });
    await h.stop();
  });

  const task = (ctx: PlanContext) => `/tasks/${ctx.task!.id}`;
  const planPath = (ctx: PlanContext) => `/plans/${ctx.planId}`;
  const call = (row: RowName, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    drive.call(row, method, path, body, headers);
  const holderSub = (ctx: PlanContext) => ACTORS[ctx.holder!].sub;
  const subOf = (row: RowName) => (isActor(row) ? ACTORS[row].sub : undefined);

  /** Finds `id` in every page of a list, or says it is not there; a refusal is its status. */
  async function listed(row: RowName, path: string, id: string): Promise<Reply | Observed> {
    for (let page = 1; page <= 50; page++) {
      const reply = await call(row, 'GET', `${path}&pageSize=100&page=${page}`);
      if (reply.status !== 200) return reply;
      const items = (reply.body as { items: { id: string }[] }).items;
      if (items.some((item) => item.id === id)) return { answer: 'lists' };
      if (items.length < 100) return { answer: 'hides' };
    }
    throw new Error(`${path}: more than 50 pages`);
  }

  const PLAN_COLUMNS: Record<string, Column> = {
    plan: { run: (ctx, row) => call(row, 'GET', planPath(ctx)) },
    vers: { run: (ctx, row) => call(row, 'GET', `${planPath(ctx)}/versions`) },
    diff: { run: (ctx, row) => call(row, 'GET', `${planPath(ctx)}/versions/1/diff/1`) },
    tline: { run: (ctx, row) => call(row, 'GET', `${planPath(ctx)}/timeline`) },
    list: { run: (ctx, row) => listed(row, `/plans?status=${ctx.planStatus}`, ctx.planId) },
    cmnts: { run: (ctx, row) => call(row, 'GET', `${planPath(ctx)}/comments`) },
    hiddn: {
      run: async (ctx, row) => {
        const reply = await call(row, 'GET', `${planPath(ctx)}/comments`);
        if (reply.status !== 200) return reply;
        const hidden = (reply.body as { id: string; text: string | null }[]).find((c) => c.id === ctx.hiddenComment);
        if (!hidden) return { answer: 'absent' };
        return { answer: hidden.text === null ? 'masked' : 'shown' };
      },
    },
    post: { run: (ctx, row) => call(row, 'POST', `${planPath(ctx)}/comments`, { text: `A comment by ${row}.` }) },
    hide: {
      isolate: 'comment',
      sequential: true,
      run: (ctx, row) => call(row, 'POST', `/comments/${ctx.comments[0]}/hide`, { reason: 'Abusive.' }),
    },
    task: { run: (ctx, row) => call(row, 'GET', task(ctx)) },
    inbox: { run: (ctx, row) => listed(row, `/tasks?planId=${ctx.planId}&status=${ctx.task!.status}`, ctx.task!.id) },
    claim: {
      sequential: true,
      run: (ctx, row) => call(row, 'POST', `${task(ctx)}/claim`),
      cleanup: async (ctx, row) => {
        if (!(ctx.keepClaim && subOf(row) === holderSub(ctx))) await must(200, row, 'POST', `${task(ctx)}/unclaim`);
      },
    },
    unclm: {
      sequential: true,
      setup: async (ctx) => {
        if (ctx.task!.status === 'open') await must(200, ctx.holder!, 'POST', `${task(ctx)}/claim`);
      },
      run: (ctx, row) => call(row, 'POST', `${task(ctx)}/unclaim`),
      cleanup: (ctx) => must(200, ctx.holder!, 'POST', `${task(ctx)}/claim`),
      teardown: async (ctx) => {
        if (ctx.task!.status === 'open' && !ctx.keepClaim) await must(200, ctx.holder!, 'POST', `${task(ctx)}/unclaim`);
      },
    },
    compl: {
      isolate: 'plan',
      run: async (ctx, row) =>
        call(row, 'POST', `${task(ctx)}/complete`, await drive.decisionFor(ctx), { 'Idempotency-Key': randomUUID() }),
    },
    dline: {
      run: (ctx, row) =>
        call(row, 'POST', `${task(ctx)}/deadline`, { dueAt: new Date(Date.now() + 86_400_000).toISOString() }),
    },
    reSub: {
      sequential: true,
      run: (ctx, row) => call(row, 'POST', `${task(ctx)}/reassign`, { assignee: 'submitter-pt' }),
    },
    reasg: {
      sequential: true,
      run: (ctx, row) => call(row, 'POST', `${task(ctx)}/reassign`, { assignee: ctx.delegate ?? 'someone-else' }),
    },
    patch: { run: (ctx, row) => call(row, 'PATCH', planPath(ctx), { summary: `Edited by ${row}.` }) },
    submt: { isolate: 'plan', run: (ctx, row) => call(row, 'POST', `${planPath(ctx)}/submit`) },
    wdraw: {
      isolate: 'plan',
      run: (ctx, row) => call(row, 'POST', `${planPath(ctx)}/withdraw`, { reason: 'Matrix.' }),
    },
    cancl: { isolate: 'plan', run: (ctx, row) => call(row, 'POST', `${planPath(ctx)}/cancel`, { reason: 'Matrix.' }) },
  };

  const created = async (row: RowName, content: object): Promise<Reply> => {
    const reply = await call(row, 'POST', '/plans', content);
    if (reply.status === 201) drive.plans.add((reply.body as { id: string }).id);
    return reply;
  };
  const STATELESS_COLUMNS: Record<string, Column> = {
    create: { run: (_, row) => created(row, nationalPlan()) },
    createRS: { run: (_, row) => created(row, regionalStrategy()) },
    plans: { run: (_, row) => call(row, 'GET', '/plans') },
    inbox: { run: (_, row) => call(row, 'GET', '/tasks') },
    seats: { run: (_, row) => call(row, 'GET', '/gof-seats') },
    addSeat: { run: (_, row) => call(row, 'POST', '/gof-seats', { seat: 'ES', name: 'Spain' }) },
    health: { run: (_, row) => call(row, 'GET', '/health') },
    users: { run: (_, row) => call(row, 'GET', '/users') },
    hooks: { run: (_, row) => call(row, 'GET', '/admin/webhooks') },
    addHook: {
      sequential: true,
      run: (_, row) => call(row, 'POST', '/admin/webhooks', { url: AUTHZ_HOOK, events: ['TASK_REASSIGNED'] }),
      cleanup: async () => {
        const hooks = (await call('admin-ops', 'GET', '/admin/webhooks')).body as { id: string; url: string }[];
        for (const hook of hooks.filter((w) => w.url === AUTHZ_HOOK)) {
          await must(204, 'admin-ops', 'DELETE', `/admin/webhooks/${hook.id}`);
        }
      },
    },
    delHook: { run: (_, row) => call(row, 'DELETE', `/admin/webhooks/${randomUUID()}`) },
    hookLog: { run: (_, row) => call(row, 'GET', `/admin/webhooks/${randomUUID()}/deliveries`) },
    failed: { run: (_, row) => call(row, 'GET', '/admin/notifications/failed') },
    prefs: { run: (_, row) => call(row, 'GET', '/me/notification-preferences') },
    setPrefs: { run: (_, row) => call(row, 'PUT', '/me/notification-preferences', { disabled: [] }) },
    stream: { run: (_, row) => streamStatus(row) },
    overview: { run: (_, row) => call(row, 'GET', '/admin/overview') },
    waiting: { run: (_, row) => call(row, 'GET', '/admin/waiting-on') },
    registry: { run: (_, row) => call(row, 'GET', '/registry/bodies') },
    addBody: {
      run: (_, row) =>
        call(row, 'POST', '/registry/bodies', {
          country: 'PT',
          id: 'ministry-education',
          name: 'Ministry of Education',
        }),
    },
    regUsers: { run: (_, row) => call(row, 'GET', '/registry/users') },
    regLog: { run: (_, row) => call(row, 'GET', '/registry/changes') },
  };

  /** The status of GET /events/stream: a stream that opens (200) is closed at once. */
  async function streamStatus(row: RowName): Promise<Reply> {
    const authorization = await bearerOf(row);
    const controller = new AbortController();
    const response = await fetch(`${h.api.baseUrl}/api/events/stream`, {
      headers: authorization ? { authorization } : {},
      signal: controller.signal,
    });
    const body = response.status === 200 ? undefined : await response.text();
    controller.abort();
    return { status: response.status, body };
  }

  async function must(status: number, row: RowName, method: string, path: string): Promise<void> {
    const reply = await call(row, method, path);
    if (reply.status !== status) {
      throw new Error(`${method} ${path} as ${row} answered ${reply.status}: ${summary(reply)}`);
    }
  }

  let checked = 0;
  const mismatches: string[] = [];

  async function check(block: string, column: Column, ctx: PlanContext, cell: Cell): Promise<Observed> {
    let observed: Observed;
    try {
      const result = await column.run(ctx, cell.row);
      observed = 'answer' in result ? result : { answer: String(result.status), detail: summary(result) };
    } catch (error) {
      observed = { answer: 'error', detail: (error as Error).message };
    }
    checked++;
    if (observed.answer !== cell.expected) {
      mismatches.push(
        `${block} | ${cell.row} | ${cell.column}: expected ${cell.expected}, got ${observed.answer}` +
          (observed.detail ? ` (${observed.detail})` : ''),
      );
    }
    return observed;
  }

  /** A failed setup step of a column is reported with the mismatches: later cells may depend on it. */
  const trouble = (block: string, column: string) => (error: unknown) => {
    mismatches.push(`${block} | ${column}: restoring the task between cells failed: ${(error as Error).message}`);
  };

  async function runBlock(
    block: string,
    table: Table,
    columns: Record<string, Column>,
    ctx: PlanContext,
    pool: Promise<PlanContext>[] = [],
  ): Promise<void> {
    for (const name of table.columns) {
      const column = columns[name];
      const cells = table.cells.filter((c) => c.column === name);
      const sequential = (cell: Cell) => (column.sequential || column.isolate) && isSuccess(cell.expected);
      try {
        await column.setup?.(ctx);
      } catch (error) {
        for (const cell of cells) mismatches.push(`${block} | ${cell.row} | ${name}: setup failed: ${error}`);
        continue;
      }
      await inParallel(
        cells.filter((c) => !sequential(c)),
        PARALLEL,
        async (cell) => {
          const observed = await check(block, column, ctx, cell);
          if (/^2/.test(observed.answer)) await column.cleanup?.(ctx, cell.row).catch(trouble(block, name));
        },
      );
      for (const cell of cells.filter(sequential)) {
        let target = ctx;
        try {
          if (column.isolate === 'plan') target = await pool.shift()!;
          if (column.isolate === 'comment') target = { ...ctx, comments: [ctx.comments.pop()!] };
        } catch (error) {
          mismatches.push(`${block} | ${cell.row} | ${name}: could not bring a plan of its own there: ${error}`);
          continue;
        }
        const observed = await check(block, column, target, cell);
        if (/^2/.test(observed.answer)) await column.cleanup?.(target, cell.row).catch(trouble(block, name));
      }
      await column.teardown?.(ctx).catch(trouble(block, name));
    }
  }

  /** The comments a plan of the block needs, and the plans of its own that its 2xx cells need. */
  function prepare(state: StateName, table: Table) {
    const passesComments = !state.startsWith('DRAFT') && !state.startsWith('NATIONAL');
    const main = drive.reach(state, passesComments && !state.endsWith('claimed') ? COMMENTS : 0).then(async (ctx) => {
      if (state !== 'SECRETARIAT_REVIEW') return ctx;
      const hiddenComment = ctx.comments.pop()!;
      await drive.must(200, 'secretariat-anna', 'POST', `/comments/${hiddenComment}/hide`, { reason: 'Abusive.' });
      return { ...ctx, hiddenComment };
    });
    const own = table.cells.filter((c) => PLAN_COLUMNS[c.column].isolate === 'plan' && isSuccess(c.expected));
    const pool = own.map(() => drive.reach(state, 0));
    for (const p of [main, ...pool]) p.catch(() => undefined); // awaited later; failures become mismatches
    return { main, pool };
  }

  it('answers every cell as the table says', async () => {
    const started = Date.now();
    const timings: string[] = [];
    const tables = new Map<StateName, Table>(
      STATES.map((state) => [
        state,
        parseTable(state, PLAN_STATE_MATRIX[state], Object.keys(PLAN_COLUMNS), REQUIRED_ROWS),
      ]),
    );
    const stateless = parseTable('no plan', STATELESS_MATRIX, Object.keys(STATELESS_COLUMNS), [
      ...REQUIRED_ROWS,
      'expired-admin',
      'garbage-token',
    ]);
    // Every plan is on its way at once; the open comment window is the one state that passes by itself, so its block runs first.
    const prepared = new Map(STATES.map((state) => [state, prepare(state, tables.get(state)!)]));
    racePlan ??= drive.reach('SECRETARIAT_REVIEW', 0);
    racePlan.catch(() => undefined);
    const order: StateName[] = [
      'CIVIL_SOCIETY_COMMENT, window open',
      ...STATES.filter((s) => s !== 'CIVIL_SOCIETY_COMMENT, window open'),
    ];
    for (const state of order) {
      const { main, pool } = prepared.get(state)!;
      let ctx: PlanContext;
      try {
        ctx = await main;
      } catch (error) {
        mismatches.push(`${state}: could not bring a plan there: ${error}`);
        continue;
      }
      const before = checked;
      const blockStarted = Date.now();
      await runBlock(state, tables.get(state)!, PLAN_COLUMNS, ctx, pool);
      timings.push(`${state}: ${checked - before} cells in ${((Date.now() - blockStarted) / 1000).toFixed(1)} s`);
      if (state === 'CIVIL_SOCIETY_COMMENT, window open') {
        await runBlock('no plan', stateless, STATELESS_COLUMNS, { state, planId: '', planStatus: '', comments: [] });
      }
    }

    console.log(
      `authorization matrix: ${checked} cells checked in ${tables.size + 1} blocks, ` +
        `${mismatches.length} mismatching, in ${Math.round((Date.now() - started) / 1000)} s\n  ${timings.join('\n  ')}`,
    );
    expect(mismatches).toEqual([]);
  }, 300_000);

  let racePlan: Promise<PlanContext> | undefined;

  it('refuses the submitter-reviewer with the reason; of two reviewers claiming at once exactly one holds the task', async () => {
    racePlan ??= drive.reach('SECRETARIAT_REVIEW', 0);
    const ctx = await racePlan;
    // The refusal says why: segregation of duties.
    const own = await call(
      'owner+secretariat',
      'POST',
      `${task(ctx)}/complete`,
      { decision: 'approve' },
      {
        'Idempotency-Key': randomUUID(),
      },
    );
    expect(own).toMatchObject({ status: 403, body: { message: expect.stringMatching(/segregation of duties/) } });
    const reviewers: ActorName[] = ['secretariat-anna', 'secretariat-omar'];
    const claims = await Promise.all(reviewers.map((row) => call(row, 'POST', `${task(ctx)}/claim`)));
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const [holder, other] = claims[0].status === 200 ? reviewers : [...reviewers].reverse();
    const decide = (row: ActorName) =>
      call(row, 'POST', `${task(ctx)}/complete`, { decision: 'approve' }, { 'Idempotency-Key': randomUUID() });
    expect((await call(other, 'POST', `${task(ctx)}/claim`)).status).toBe(409);
    expect((await call(other, 'POST', `${task(ctx)}/unclaim`)).status).toBe(409);
    expect((await decide(other)).status).toBe(409);
    expect((await decide(holder)).status).toBe(200);
    await drive.waitStatus(ctx.planId, 'GOF_ENDORSEMENT');
  }, 300_000);
});

function summary(reply: Reply): string {
  const body = reply.body as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : JSON.stringify(reply.body);
  return (message ?? '').slice(0, 160);
}
