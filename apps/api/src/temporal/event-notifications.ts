import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { DomainError, ErrorCode } from '@aoc/domain/domain-error';
import type { DomainEvent } from '@aoc/domain/event.types';
import { NotificationStarter } from '@aoc/notifications/notification-starter';

/**
 * Starts the notifications of the events the API itself has committed (a draft withdrawn or
 * cancelled, …), as the worker does for a review's (DOMAIN §8). Events that notify nobody
 * cost nothing. Temporal not answering within TEMPORAL_CALL_TIMEOUT is a 503: the event is
 * recorded, and repeating the request starts its notifications (once).
 */
@Injectable()
export class EventNotifications {
  private readonly starter: NotificationStarter;

  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.starter = new NotificationStarter(client, config.temporal.taskQueue, config.notifications.retry);
  }

  async started(events: readonly Pick<DomainEvent, 'key' | 'type'>[]): Promise<void> {
    try {
      await this.client.withDeadline(Date.now() + this.config.temporal.callTimeoutMs, () => this.starter.start(events));
    } catch (error) {
      throw new DomainError(
        ErrorCode.Unavailable,
        `the change is recorded, but its notifications could not be started (the workflow service: ${(error as Error).message}); repeat the request to start them: that is safe`,
      );
    }
  }
}
