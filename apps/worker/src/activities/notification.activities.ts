import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { NotificationSettings } from '@aoc/config/config.schema';
import { giveUpDelivery } from '@aoc/persistence/repositories/notification-deliveries';
import type { Mailer } from '@aoc/notifications/mailer';
import type { NotificationActivities, PlannedDelivery } from '@aoc/workflows/notification.contract';
import { attemptDelivery, planDeliveries } from '../notifications/delivery';

/**
 * The activities of `notifyWorkflow` (0.4), kept registered so that the executions started before
 * the notification consumer (docs/notifications.md) run to their end, and so that a rerun of one
 * still sends nothing twice: who hears about an event, one attempt of one delivery, giving a
 * delivery up. The deliveries they open are theirs; those the consumer opened are left to it.
 */
export function createNotificationActivities(
  dataSource: DataSource,
  settings: NotificationSettings,
  mailer: Mailer,
): NotificationActivities {
  const db = dataSource.manager;
  return {
    planNotification: (eventKey: string) => planDeliveries(db, eventKey, false),

    deliverNotification: (planned: PlannedDelivery) =>
      attemptDelivery(db, settings, mailer, planned.deliveryId, Context.current().info.attempt, 'workflow'),

    async giveUpDelivery(planned: PlannedDelivery, reason: string): Promise<void> {
      await giveUpDelivery(db, planned.deliveryId, reason);
    },
  };
}
