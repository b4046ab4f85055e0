/**
 * `npm start` heals: its worker, killed with SIGKILL while a plan is under review, is started
 * again by the supervisor by itself, and the review goes on to its end. `npm start`'s entry point
 * runs here as users run it, on the tests' PostgreSQL and Temporal dev server (DATABASE_URL and
 * TEMPORAL_ADDRESS, so that only the identity-less parts are its own: the worker and the API).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import { ApiClient } from '@aoc/demo/api-client';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { walkToEndorsed } from '@aoc/demo/demo-walk';
import { seedSeats } from '@aoc/demo/demo-registry';
import { ManagedProcess } from '../../infra/support/managed-process';
import { findFreePort } from '../../infra/support/network-ports';
import { projectRoot } from '../../infra/support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';
import { E2E_ENV } from '../support/api-harness';

const execFileAsync = promisify(execFile);

/** The process ids of the supervisor's children that run `entry`. */
async function childrenRunning(parent: number, entry: string): Promise<number[]> {
  const { stdout } = await execFileAsync('ps', ['--ppid', String(parent), '-o', 'pid=,args=']);
  return stdout
    .split('\n')
    .filter((line) => line.includes(entry))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

describe('npm start heals', () => {
  let dir: string;
  let start: ManagedProcess | undefined;
  const output = (): string => readFileSync(join(dir, 'start.log'), 'utf8');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aoc-self-healing-'));
  });
  afterAll(async () => {
    await start?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the worker killed mid-review again by itself, and the review ends', async () => {
    const port = await findFreePort('127.0.0.1');
    start = ManagedProcess.start({
      name: 'npm start',
      command: process.execPath,
      args: [join(projectRoot(), 'dist', 'infra', 'start.js')],
      cwd: projectRoot(),
      env: {
        ...process.env,
        ...E2E_ENV,
        NODE_ENV: 'test',
        AUTH_JWT_SECRET: DEV_JWT_SECRET,
        PORT: String(port),
        TEMPORAL_TASK_QUEUE: `self-healing-${randomUUID()}`,
        // Not started here: no token of the test needs them (the API takes HS256 tokens outside production).
        OIDC_ISSUER_URL: `http://127.0.0.1:${await findFreePort('127.0.0.1')}`,
        SMTP_URL: `smtp://127.0.0.1:${await findFreePort('127.0.0.1')}`,
        AOC_LOGS_DIR: join(dir, 'logs'),
      },
      output: 'quiet',
      logFile: join(dir, 'start.log'),
      stopSignal: 'SIGINT',
      stopTimeoutMs: 60_000,
    });
    const supervisor = start;
    const line = (pattern: RegExp, description: string) =>
      waitUntil(() => Promise.resolve(pattern.test(output()) ? true : undefined), {
        description,
        timeoutMs: 120_000,
        intervalMs: 200,
        giveUpIf: () => (supervisor.exit ? `npm start ${ManagedProcess.describe(supervisor.exit)}` : undefined),
      });
    await line(/Everything is up/, 'npm start to be up');

    const api = new ApiClient(`http://127.0.0.1:${port}`, DEV_JWT_SECRET);
    await seedSeats(api, () => undefined);
    const [worker] = await childrenRunning(supervisor.pid!, 'dist/apps/worker/src/main.js');
    expect(worker).toBeGreaterThan(0);
    let killedAt = 0;
    const planId = await walkToEndorsed(
      api,
      nationalPlan(),
      {
        submitter: 'submitter-pt',
        consultees: ['consultee-pt-education', 'consultee-pt-culture'],
        cso: 'cso-youth-network',
        secretariat: 'secretariat-anna',
        seats: ['gof-es', 'gof-tr', 'gof-unesco'],
      },
      (step) => {
        // Mid-review: the plan is submitted, its workflow runs; every step after this needs a worker.
        if (step.includes('submitted version') && killedAt === 0) {
          process.kill(worker, 'SIGKILL');
          killedAt = Date.now();
        }
      },
    );

    expect(killedAt).toBeGreaterThan(0);
    expect(await api.expect<{ status: string }>(200, 'submitter-pt', 'GET', `/plans/${planId}`)).toMatchObject({
      status: 'ENDORSED',
    });
    expect(output()).toMatch(/\[start\] ! the worker was killed by SIGKILL; restarting it in 1\.0s, at \d\d:\d\d:\d\d/);
    expect(output()).toMatch(/\[start\] ✔ the worker is back/);
    const [restarted] = await childrenRunning(supervisor.pid!, 'dist/apps/worker/src/main.js');
    expect(restarted).not.toBe(worker);
    expect(supervisor.isRunning).toBe(true);

    // Ctrl-C still stops everything, in order, with exit code 0.
    expect(await supervisor.stop()).toEqual({ code: 0, signal: null });
    expect(output()).toMatch(/Stopping the worker/);
  }, 240_000);
});
