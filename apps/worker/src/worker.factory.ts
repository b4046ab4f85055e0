import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@aoc/config/config.schema';
import { createPlanActivities } from './activities/plan.activities';
import { WORKFLOWS_PATH, webpackConfigHook } from './workflow-bundle';

/** Creates the Temporal worker for the plan-review task queue: the workflows plus their activities. */
export async function createWorker(
  connection: NativeConnection,
  config: Pick<AppConfig, 'temporal'>,
  dataSource: DataSource,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    bundlerOptions: { webpackConfigHook },
    activities: createPlanActivities(dataSource),
    // The reviews with recent activity stay in memory; one that fell out replays its history on its next event.
    maxCachedWorkflows: config.temporal.maxCachedWorkflows,
    shutdownGraceTime: '10s',
  });
}
