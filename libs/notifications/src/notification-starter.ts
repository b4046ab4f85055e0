import type { Client } from '@temporalio/client';
import type { DomainEvent } from '@aoc/domain/event.types';
import { notifies, notifyWorkflowId } from '@aoc/domain/notification.rules';
import type { DeliveryRetry, NotifyInput } from '@aoc/workflows/notification.contract';

/**
 * Starts the notification workflow of each event that notifies someone (DOMAIN §8), once the
 * events are committed: `notify/<event key>`, on the worker's task queue. Starting an id that
 * is already running or has already run is a success (the event is notified once); the starts
 * run concurrently, so a decision waits for one round trip to Temporal at most, and events that
 * notify nobody cost nothing.
 */
export class NotificationStarter {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly retry: DeliveryRetry,
  ) {}

  async start(events: readonly Pick<DomainEvent, 'key' | 'type'>[]): Promise<void> {
    await Promise.all(events.filter((e) => notifies(e.type)).map((e) => this.startOne(e.key)));
  }

  private async startOne(eventKey: string): Promise<void> {
    const input: NotifyInput = { eventKey, retry: this.retry };
    try {
      await this.client.workflow.start('notifyWorkflow', {
        workflowId: notifyWorkflowId(eventKey),
        taskQueue: this.taskQueue,
        args: [input],
        // Running: use it; closed (delivered, or given up): refuse, so that nothing is sent twice.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    }
  }
}
