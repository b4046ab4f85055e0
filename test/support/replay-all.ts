import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH, webpackConfigHook } from '../../apps/worker/src/workflow-bundle';

export interface ReplayFailure {
  workflowId: string;
  runId: string;
  error: string;
}

export interface ReplayReport {
  replayed: number;
  failures: ReplayFailure[];
}

/**
 * Temporal's determinism check over everything a test run did: fetches the history of every
 * workflow started on `address` since `since` (running or closed) and replays each against
 * today's workflow code, as a restarted worker or one that evicted it from its cache would.
 * A history that does not replay is a plan that would be stuck in production.
 */
export async function replayEveryHistory(options: {
  address: string;
  namespace?: string;
  since: Date;
}): Promise<ReplayReport> {
  quietRuntime();
  const connection = await Connection.connect({ address: options.address });
  try {
    const client = new Client({ connection, namespace: options.namespace ?? 'default' });
    // The logger is quiet: a failure is reported once, by the caller, with its workflow id.
    const logger = new DefaultLogger('ERROR', () => undefined);
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, webpackConfigHook, logger });
    const histories = client.workflow
      .list({ query: `StartTime >= "${options.since.toISOString()}"` })
      .intoHistories({ concurrency: 4 });
    const report: ReplayReport = { replayed: 0, failures: [] };
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      report.replayed++;
      if (result.error) {
        report.failures.push({ workflowId: result.workflowId, runId: result.runId, error: result.error.message });
      }
    }
    return report;
  } finally {
    await connection.close();
  }
}

/** One line per failure, for a test's or the teardown's error message. */
export function describeFailures(report: ReplayReport): string {
  return report.failures.map((f) => `${f.workflowId} (run ${f.runId}): ${f.error}`).join('\n');
}

/** In a process of its own (jest's teardown), the replaying worker logs warnings and errors only. */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // A runtime is installed already: this process's own settings stand.
  }
}
