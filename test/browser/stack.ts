/**
 * The real stack of the browser tests, in a process of its own (compiled into dist/ by
 * global-setup.ts: the TypeORM entities need TypeScript's decorators, which Playwright's
 * loader does not compile). It provisions Temporal and PostgreSQL with jest's global setup,
 * starts the development identity provider, the API (which serves the built web app) and the
 * worker, prints one JSON line `{"web": …, "issuer": …}` when all answer, and on SIGTERM stops
 * everything and releases what it provisioned.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDevProvider } from '../../infra/identity/dev-login';
import { ManagedProcess } from '../../infra/support/managed-process';
import { findFreePort } from '../../infra/support/network-ports';
import { projectRoot } from '../../infra/support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';
import provisionTestInfrastructure from '../setup/global-setup';
import releaseTestInfrastructure from '../setup/global-teardown';
import { createDataSource } from '@aoc/persistence/data-source';
import { writeDemoRegistry } from '@aoc/demo/write-demo-registry';
import { ApiHarness } from '../support/api-harness';

const ROOT = projectRoot();

/** Stage durations for people clicking through pages: long enough to act, short enough to wait for. */
const BROWSER_ENV = {
  NATIONAL_CONSULTATION_DURATION: '10m',
  COMMENT_WINDOW_DURATION: '45s',
  SECRETARIAT_REVIEW_DURATION: '10m',
  ENDORSEMENT_DURATION: '10m',
};

async function main(): Promise<void> {
  await provisionTestInfrastructure();
  // As `npm start` does: the demo users registered, so that the bodies a journey consults have holders.
  const db = await createDataSource(process.env.DATABASE_URL!, { poolSize: 1 }).initialize();
  await writeDemoRegistry(db, { users: true }).finally(() => db.destroy());
  const idpPort = await findFreePort();
  const apiPort = await findFreePort();
  const issuer = `http://127.0.0.1:${idpPort}`;
  const web = `http://127.0.0.1:${apiPort}`;
  const idpData = mkdtempSync(join(tmpdir(), 'aoc-browser-idp-'));
  const provider = ManagedProcess.start({
    name: 'identity',
    command: process.execPath,
    args: [join(ROOT, 'dist/infra/identity/dev-provider.js')],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DEV_IDP_PORT: String(idpPort),
      DEV_IDP_DATA_DIR: idpData,
      PORT: String(apiPort),
    },
    cwd: ROOT,
    output: 'quiet',
    stopSignal: 'SIGTERM',
    stopTimeoutMs: 10_000,
  });
  let harness: ApiHarness | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await harness?.stop().catch(() => undefined);
      await provider.stop().catch(() => undefined);
      rmSync(idpData, { recursive: true, force: true });
      await releaseTestInfrastructure();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      void stop().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`[browser-stack] ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
    });
  }
  try {
    await waitUntil(async () => ((await findDevProvider(issuer)) ? true : undefined), {
      description: 'the development identity provider',
      timeoutMs: 60_000,
      giveUpIf: () => (provider.isRunning ? undefined : provider.recentOutput()),
    });
    harness = await new ApiHarness({ ...BROWSER_ENV, OIDC_ISSUER_URL: issuer, PORT: String(apiPort) }).start();
  } catch (error) {
    await stop();
    throw error;
  }
  process.stdout.write(`${JSON.stringify({ web, issuer })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[browser-stack] ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
