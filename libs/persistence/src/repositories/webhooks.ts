import type { EntityManager } from 'typeorm';
import { WebhookEntity } from '../entities/notification.entities';

/**
 * The one writer of `webhooks` (WebhookEntity, DOMAIN §8), called by the API's WebhooksService when
 * an admin registers or removes one; and its reads, the worker's deliveries' among them.
 */

type Db = Pick<EntityManager, 'getRepository'>;

export async function insertWebhook(db: Db, webhook: WebhookEntity): Promise<void> {
  await db.getRepository(WebhookEntity).insert(webhook);
}

/** Every webhook, oldest first. */
export function listWebhooks(db: Db): Promise<WebhookEntity[]> {
  return db.getRepository(WebhookEntity).find({ order: { createdAt: 'ASC' } });
}

/** Removes a webhook; answers whether it existed. */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  const result = await db.getRepository(WebhookEntity).delete({ id });
  return Boolean(result.affected);
}

export function webhookExists(db: Db, id: string): Promise<boolean> {
  return db.getRepository(WebhookEntity).existsBy({ id });
}

export function findWebhook(db: Db, id: string): Promise<WebhookEntity | null> {
  return db.getRepository(WebhookEntity).findOneBy({ id });
}
