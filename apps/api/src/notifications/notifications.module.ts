import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { EventStreamHub } from './event-stream.hub';
import { EventsController } from './events.controller';
import { AdminNotificationsController, PreferencesController } from './notifications.controller';
import { NotificationPreferencesService } from './preferences.service';
import { WebhooksService } from './webhooks.service';

/** Notifications (DOMAIN §8): webhooks, preferences, failed deliveries, and the live event stream. */
@Module({
  imports: [PlansModule],
  controllers: [AdminNotificationsController, PreferencesController, EventsController],
  providers: [WebhooksService, NotificationPreferencesService, EventStreamHub],
  // A decision's answer waits for its row with the hub's announcements (TasksService).
  exports: [EventStreamHub],
})
export class NotificationsModule {}
