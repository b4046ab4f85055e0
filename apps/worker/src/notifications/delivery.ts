import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager } from 'typeorm';
import type { NotificationSettings } from '@aoc/config/config.schema';
import type { EventEntity, NotificationDeliveryEntity } from '@aoc/persistence';
import { findEventByKeyOrFail } from '@aoc/persistence/repositories/event-log';
import { findDeliveryOrFail, openDelivery, recordAttempt } from '@aoc/persistence/repositories/notification-deliveries';
import { findPlanOrFail } from '@aoc/persistence/repositories/plans';
import { findUser } from '@aoc/persistence/repositories/users';
import { findWebhook } from '@aoc/persistence/repositories/webhooks';
import { AddressRefusedError } from '@aoc/notifications/address-guard';
import type { Mailer } from '@aoc/notifications/mailer';
import { mailMessage } from '@aoc/notifications/message';
import { eventAudience } from '@aoc/notifications/recipients';
import { sendWebhook, webhookBody, webhookMessageId } from '@aoc/notifications/webhook-sender';
import { DELIVERY_REFUSED, type PlannedDelivery } from '@aoc/workflows/notification.contract';

/** A delivery that no retry can mend: a refused address, a removed webhook. */
export const refused = (message: string) =>
  ApplicationFailure.create({ type: DELIVERY_REFUSED, nonRetryable: true, message });

export const isRefusal = (error: unknown) => error instanceof ApplicationFailure && error.type === DELIVERY_REFUSED;

/**
 * Who hears about an event (DOMAIN §8, `eventAudience`): opens one delivery for each recipient,
 * once (unique on event, channel and target), and returns those still pending. `byConsumer`: the
 * notification consumer opens them (due at once); a `notifyWorkflow` (0.4) opens its own.
 */
export async function planDeliveries(
  db: EntityManager,
  eventKey: string,
  byConsumer: boolean,
): Promise<PlannedDelivery[]> {
  const audience = await eventAudience(db, eventKey);
  if (!audience) return [];
  const { event } = audience;
  const base = { eventKey, eventId: event.id, eventType: event.type, planId: event.planId };
  const planned: PlannedDelivery[] = [];
  for (const user of audience.users) {
    const d = await openDelivery(
      db,
      { ...base, channel: 'email', target: user.userId, address: user.email },
      byConsumer,
    );
    if (d.status === 'pending' && d.byConsumer === byConsumer) {
      planned.push({ deliveryId: d.id, channel: 'email', target: user.userId });
    }
  }
  for (const hook of audience.webhooks) {
    const d = await openDelivery(db, { ...base, channel: 'webhook', target: hook.id, address: hook.url }, byConsumer);
    if (d.status === 'pending' && d.byConsumer === byConsumer) {
      planned.push({ deliveryId: d.id, channel: 'webhook', target: hook.id });
    }
  }
  return planned;
}

/**
 * One attempt of one delivery (e-mail through SMTP, or a signed webhook), its outcome recorded as
 * attempt number `attempt`. A delivery that is no longer pending is never sent again. Throws what
 * failed; a refusal (`isRefusal`) is not worth retrying.
 */
export async function attemptDelivery(
  db: EntityManager,
  settings: NotificationSettings,
  mailer: Mailer,
  deliveryId: string,
  attempt: number,
  owner: 'consumer' | 'workflow',
): Promise<void> {
  const delivery = await findDeliveryOrFail(db, deliveryId);
  if (delivery.status !== 'pending') return; // delivered (or given up) already: never twice
  // A delivery belongs to the consumer or to a notifyWorkflow (0.4), never to both.
  if ((delivery.nextAttemptAt !== null) !== (owner === 'consumer')) return;
  const event = await findEventByKeyOrFail(db, delivery.eventKey);
  try {
    const statusCode =
      delivery.channel === 'email'
        ? await sendMail(db, settings, mailer, delivery, event)
        : await callWebhook(db, settings, delivery, event);
    await recordAttempt(db, delivery.id, attempt, { ok: true, statusCode });
  } catch (error) {
    const message = (error as Error).message;
    const statusCode = (error as { statusCode?: number }).statusCode;
    await recordAttempt(db, delivery.id, attempt, { ok: false, statusCode, error: message });
    if (error instanceof AddressRefusedError || error instanceof ApplicationFailure) throw refused(message);
    throw error;
  }
}

async function sendMail(
  db: EntityManager,
  settings: NotificationSettings,
  mailer: Mailer,
  delivery: NotificationDeliveryEntity,
  event: EventEntity,
): Promise<number> {
  const user = await findUser(db, delivery.target);
  const to = user?.email ?? delivery.address;
  const plan = await findPlanOrFail(db, event.planId);
  const message = mailMessage(event, plan.title, settings.publicUrl);
  const domain = settings.mailFrom.replace(/^.*@/, '').replace(/>.*$/, '');
  await mailer.send(to, message, `<${delivery.id}@${domain}>`);
  return 250;
}

async function callWebhook(
  db: EntityManager,
  settings: NotificationSettings,
  delivery: NotificationDeliveryEntity,
  event: EventEntity,
): Promise<number> {
  const hook = await findWebhook(db, delivery.target);
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
