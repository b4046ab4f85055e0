import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { NotificationSettings } from '@aoc/config/config.schema';
import { EventEntity, NotificationDeliveryEntity, PlanEntity, UserEntity, WebhookEntity } from '@aoc/persistence';
import { giveUpDelivery, openDelivery, recordAttempt } from '@aoc/persistence/repositories/notification-deliveries';
import { AddressRefusedError } from '@aoc/notifications/address-guard';
import { Mailer } from '@aoc/notifications/mailer';
import { mailMessage } from '@aoc/notifications/message';
import { eventAudience } from '@aoc/notifications/recipients';
import { sendWebhook, webhookBody, webhookMessageId } from '@aoc/notifications/webhook-sender';
import {
  DELIVERY_REFUSED,
  type NotificationActivities,
  type PlannedDelivery,
} from '@aoc/workflows/notification.contract';

const refused = (message: string) => ApplicationFailure.create({ type: DELIVERY_REFUSED, nonRetryable: true, message });

/**
 * The notification workflow's activities (DOMAIN §8): who hears about an event, one attempt of
 * one delivery (e-mail through SMTP, or a signed webhook), and giving a delivery up. Every
 * attempt's outcome is recorded in `notification_attempts`; a delivery already delivered is
 * never sent again, however often the activity runs.
 */
export function createNotificationActivities(
  dataSource: DataSource,
  settings: NotificationSettings,
  mailer: Mailer,
): NotificationActivities {
  const db = dataSource.manager;
  return {
    async planNotification(eventKey: string): Promise<PlannedDelivery[]> {
      const audience = await eventAudience(db, eventKey);
      if (!audience) return [];
      const { event } = audience;
      const base = { eventKey, eventId: event.id, eventType: event.type, planId: event.planId };
      const planned: PlannedDelivery[] = [];
      for (const user of audience.users) {
        const d = await openDelivery(db, { ...base, channel: 'email', target: user.userId, address: user.email });
        if (d.status === 'pending') planned.push({ deliveryId: d.id, channel: 'email', target: user.userId });
      }
      for (const hook of audience.webhooks) {
        const d = await openDelivery(db, { ...base, channel: 'webhook', target: hook.id, address: hook.url });
        if (d.status === 'pending') planned.push({ deliveryId: d.id, channel: 'webhook', target: hook.id });
      }
      return planned;
    },

    async deliverNotification(planned: PlannedDelivery): Promise<void> {
      const delivery = await db.getRepository(NotificationDeliveryEntity).findOneByOrFail({ id: planned.deliveryId });
      if (delivery.status !== 'pending') return; // delivered (or given up) already: never twice
      const attempt = Context.current().info.attempt;
      const event = await db.getRepository(EventEntity).findOneByOrFail({ key: delivery.eventKey });
      try {
        const statusCode =
          delivery.channel === 'email' ? await sendMail(delivery, event) : await callWebhook(delivery, event);
        await recordAttempt(db, delivery.id, attempt, { ok: true, statusCode });
      } catch (error) {
        const message = (error as Error).message;
        const statusCode = (error as { statusCode?: number }).statusCode;
        await recordAttempt(db, delivery.id, attempt, { ok: false, statusCode, error: message });
        if (error instanceof AddressRefusedError || error instanceof ApplicationFailure) throw refused(message);
        throw error;
      }
    },

    async giveUpDelivery(planned: PlannedDelivery, reason: string): Promise<void> {
      await giveUpDelivery(db, planned.deliveryId, reason);
    },
  };

  async function sendMail(delivery: NotificationDeliveryEntity, event: EventEntity): Promise<number> {
    const user = await db.getRepository(UserEntity).findOneBy({ id: delivery.target });
    const to = user?.email ?? delivery.address;
    const plan = await db.getRepository(PlanEntity).findOneByOrFail({ id: event.planId });
    const message = mailMessage(event, plan.title, settings.publicUrl);
    const domain = settings.mailFrom.replace(/^.*@/, '').replace(/>.*$/, '');
    await mailer.send(to, message, `<${delivery.id}@${domain}>`);
    return 250;
  }

  async function callWebhook(delivery: NotificationDeliveryEntity, event: EventEntity): Promise<number> {
    const hook = await db.getRepository(WebhookEntity).findOneBy({ id: delivery.target });
    if (!hook) throw refused('the webhook was removed');
    const { statusCode } = await sendWebhook({
      url: hook.url,
      secret: hook.secret,
      messageId: webhookMessageId(delivery.eventKey, hook.id),
      body: webhookBody(event),
      timeoutMs: settings.webhookTimeoutMs,
      addresses: settings.webhookPrivateAddresses,
    });
    if (statusCode < 200 || statusCode >= 300) {
      throw Object.assign(new Error(`the receiver answered ${statusCode}`), { statusCode });
    }
    return statusCode;
  }
}
