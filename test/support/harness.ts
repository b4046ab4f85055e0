import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import {
  NativeConnection,
  Runtime,
  DefaultLogger,
  Worker,
  bundleWorkflowCode,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ReviewSettings } from '@aoc/domain/review/plan-review.state';
import { loadConfig } from '@aoc/config/config.schema';
import { createPlanActivities } from '../../apps/worker/src/activities/plan.activities';
import { withRecordSteps } from '@aoc/workflows/record-steps';
import { createRecordActivities } from '../../apps/worker/src/records/record.activities';
import { resolveSigningKey } from '../../apps/worker/src/records/signing-key-source';
import { WORKFLOWS_PATH, webpackConfigHook } from '../../apps/worker/src/workflow-bundle';
import type { PlanActivities } from '@aoc/workflows/activities.contract';
import { waitUntil } from '@aoc/support/wait-until';
import { ensureDemoSeats } from './fixtures';
import { openTestDatabase } from './test-database';

export interface TestHarnessOptions {
  /** Wraps the real activities, e.g. to make the worker slow at a chosen moment. */
  wrapActivities?: (activities: PlanActivities) => PlanActivities;
}

let runtimeInstalled = false;

/**
 * One test file's slice of the real infrastructure: a Temporal client and an in-process
 * worker on a task queue of its own, and a DataSource on the run's database.
 */
export class TestHarness {
  readonly taskQueue = `test-${randomUUID()}`;
  client!: Client;
  db!: DataSource;
  private connection!: Connection;
  private nativeConnection!: NativeConnection;
  private worker!: Worker;
  private running!: Promise<void>;
  private readonly started: WorkflowHandle[] = [];

  static bundle?: Promise<WorkflowBundleWithSourceMap>;

  constructor(private readonly options: TestHarnessOptions = {}) {}

  async start(): Promise<this> {
    if (!runtimeInstalled) {
      Runtime.install({ logger: new DefaultLogger('WARN') });
      runtimeInstalled = true;
    }
    const address = process.env.TEMPORAL_ADDRESS!;
    const config = loadConfig();
    this.db = await openTestDatabase({ poolSize: 5 });
    this.connection = await Connection.connect({ address });
    this.client = new Client({ connection: this.connection });
    this.nativeConnection = await NativeConnection.connect({ address });
    TestHarness.bundle ??= bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      webpackConfigHook,
      logger: new DefaultLogger('WARN'),
    });
    this.worker = await Worker.create({
      connection: this.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: await TestHarness.bundle,
      activities: {
        ...withRecordSteps((this.options.wrapActivities ?? ((a) => a))(createPlanActivities(this.db))),
        // The adoption record, with the key the worker processes of the run sign with.
        ...createRecordActivities(this.db, { key: resolveSigningKey(config), publicUrl: config.records.publicUrl }),
      },
    });
    this.running = this.worker.run();
    return this;
  }

  /** Remembers a workflow so that stop() terminates it if the test left it running. */
  track<T extends WorkflowHandle>(handle: T): T {
    this.started.push(handle);
    return handle;
  }

  async stop(): Promise<void> {
    for (const handle of this.started) {
      await handle.terminate('test finished').catch(() => undefined);
    }
    this.worker?.shutdown();
    await this.running;
    await this.nativeConnection?.close();
    await this.connection?.close();
    await this.db?.destroy();
  }
}

export interface UseHarnessOptions extends TestHarnessOptions {
  /** Also upserts the demo's three Group of Friends seats once started (seats are global to the database). */
  demoSeats?: boolean;
}

/**
 * A harness for the enclosing describe block: started before its tests, stopped after them (and,
 * with `demoSeats`, the demo's seats made sure of once it is started).
 */
export function useHarness({ demoSeats = false, ...options }: UseHarnessOptions = {}): TestHarness {
  const h = new TestHarness(options);
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  if (demoSeats) beforeAll(() => ensureDemoSeats(h));
  return h;
}

/** Stage durations in seconds, for tests. */
export function fastSettings(
  overrides: Partial<ReviewSettings['durations']> = {},
  maxRevisionRounds = 3,
): ReviewSettings {
  return {
    durations: {
      NATIONAL_CONSULTATION: 20_000,
      CIVIL_SOCIETY_COMMENT: 3_000,
      SECRETARIAT_REVIEW: 20_000,
      GOF_ENDORSEMENT: 20_000,
      ...overrides,
    },
    maxRevisionRounds,
  };
}

/**
 * Polls `check` until it returns a value; fails with `what` after `timeoutMs`, or at once when
 * `check` throws. The shared waitUntil, in the shape the workflow tests call.
 */
export function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  return waitUntil(check, { description: what, timeoutMs, intervalMs: 200, onError: 'fail' });
}
