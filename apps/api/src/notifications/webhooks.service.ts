import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { type Actor, hasRole } from '@aoc/domain/actor';
import { forbidden, invalid, notFound } from '@aoc/domain/domain-error';
import { AddressRefusedError, assertAllowedUrl, webhookUrlProblem } from '@aoc/notifications/address-guard';
import type { NotificationDeliveryEntity, WebhookEntity } from '@aoc/persistence';
import { deliveryLog } from '@aoc/persistence/repositories/notification-deliveries';
import { deleteWebhook, insertWebhook, listWebhooks, webhookExists } from '@aoc/persistence/repositories/webhooks';
import type { Page } from '../common/page';
import type {
  CreateWebhookDto,
  CreatedWebhookResponse,
  DeliveriesQuery,
  DeliveryResponse,
  WebhookResponse,
} from './dto/notification.dto';

const assertAdmin = (actor: Actor, what: string) => {
  if (!hasRole(actor, 'admin')) throw forbidden(`only an admin may ${what}`);
};

const urlRefused = (message: string) => invalid(`url refused: ${message}`, [{ field: 'url', message }]);

/**
 * Webhooks (DOMAIN §8), registered by admins (stored by the one writer of `webhooks`,
 * libs/persistence/src/repositories/webhooks.ts); and the delivery log (`notification_deliveries`,
 * written by the worker).
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    assertAdmin(actor, 'register a webhook');
    const problem = webhookUrlProblem(dto.url);
    if (problem) throw urlRefused(problem);
    try {
      await assertAllowedUrl(dto.url, this.config.notifications.webhookPrivateAddresses);
    } catch (error) {
      if (error instanceof AddressRefusedError) throw urlRefused(error.message);
      throw error;
    }
    const row: WebhookEntity = {
      id: randomUUID(),
      url: dto.url,
      events: [...dto.events].sort(),
      secret: dto.secret ?? `whsec_${randomBytes(32).toString('base64')}`,
      createdBy: actor.sub,
      createdAt: new Date(),
    };
    await insertWebhook(this.db.manager, row);
    return { ...view(row), secret: row.secret };
  }

  async list(actor: Actor): Promise<WebhookResponse[]> {
    assertAdmin(actor, 'list the webhooks');
    return (await listWebhooks(this.db.manager)).map(view);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor, 'remove a webhook');
    if (!(await deleteWebhook(this.db.manager, id))) throw notFound(`webhook ${id} does not exist`);
  }

  async deliveries(actor: Actor, id: string, query: DeliveriesQuery): Promise<Page<DeliveryResponse>> {
    assertAdmin(actor, 'read the delivery log');
    if (!(await webhookExists(this.db.manager, id))) {
      throw notFound(`webhook ${id} does not exist`);
    }
    return this.page({ channel: 'webhook', target: id }, query);
  }

  async failed(actor: Actor, query: DeliveriesQuery): Promise<Page<DeliveryResponse>> {
    assertAdmin(actor, 'read the failed notifications');
    return this.page({ status: 'failed' }, query);
  }

  private async page(
    where: Partial<Pick<NotificationDeliveryEntity, 'channel' | 'target' | 'status'>>,
    query: DeliveriesQuery,
  ): Promise<Page<DeliveryResponse>> {
    const { items, total } = await deliveryLog(this.db.manager, where, {
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return {
      items: items.map(({ delivery: d, attempts }) => ({
        id: d.id,
        eventKey: d.eventKey,
        eventId: Number(d.eventId),
        eventType: d.eventType,
        planId: d.planId,
        channel: d.channel,
        target: d.target,
        address: d.address,
        status: d.status,
        attempts: d.attempts,
        lastError: d.lastError,
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
        attemptLog: attempts.map((a) => ({
          attempt: a.attempt,
          at: a.at.toISOString(),
          ok: a.ok,
          statusCode: a.statusCode,
          error: a.error,
        })),
      })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }
}

const view = (w: WebhookEntity): WebhookResponse => ({
  id: w.id,
  url: w.url,
  events: w.events,
  createdBy: w.createdBy,
  createdAt: w.createdAt.toISOString(),
});
