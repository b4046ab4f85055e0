import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@aoc/config/config.schema';
import type { Mailer } from '@aoc/notifications/mailer';
import { createNotificationActivities } from './activities/notification.activities';
import { withRecordSteps } from '@aoc/workflows/record-steps';
import { createPlanActivities } from './activities/plan.activities';
import { createRecordActivities } from './records/record.activities';
import { resolveSigningKey } from './records/signing-key-source';
import { WORKFLOWS_PATH, webpackConfigHook } from './workflow-bundle';

/**
 * Creates the Temporal worker for the plan-review task queue: the workflows (the reviews, and
 * `notifyWorkflow` for the notifications started before the consumer took them over) plus their activities. Refuses to start without a
 * record signing key it can read (the error says which file or variable).
 */
export async function createWorker(
  connection: NativeConnection,
  config: Pick<AppConfig, 'nodeEnv' | 'temporal' | 'notifications' | 'records'>,
  dataSource: DataSource,
  mailer: Mailer,
): Promise<Worker> {
  const key = resolveSigningKey(config);
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    bundlerOptions: { webpackConfigHook },
    activities: {
      ...withRecordSteps(createPlanActivities(dataSource)),
      ...createRecordActivities(dataSource, { key, publicUrl: config.records.publicUrl }),
      // notifyWorkflow's (0.4): kept for its executions started before the notification consumer.
      ...createNotificationActivities(dataSource, config.notifications, mailer),
    },
    // The reviews with recent activity stay in memory; one that fell out replays its history on its next event.
    maxCachedWorkflows: config.temporal.maxCachedWorkflows,
    shutdownGraceTime: '10s',
  });
}
