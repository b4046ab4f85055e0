import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { type Actor, hasRole } from '@aoc/domain/actor';
import { forbidden, invalid, notFound } from '@aoc/domain/domain-error';
import { AddressRefusedError, assertAllowedUrl, webhookUrlProblem } from '@aoc/notifications/address-guard';
import { NotificationAttemptEntity, NotificationDeliveryEntity, WebhookEntity } from '@aoc/persistence';
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
 * Webhooks (DOMAIN §8), registered by admins: the one writer of `webhooks`; and the reads of
 * the delivery log (`notification_deliveries`, written by the worker).
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
    await this.db.getRepository(WebhookEntity).insert(row);
    return { ...view(row), secret: row.secret };
  }

  async list(actor: Actor): Promise<WebhookResponse[]> {
    assertAdmin(actor, 'list the webhooks');
    return (await this.db.getRepository(WebhookEntity).find({ order: { createdAt: 'ASC' } })).map(view);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor, 'remove a webhook');
    const result = await this.db.getRepository(WebhookEntity).delete({ id });
    if (!result.affected) throw notFound(`webhook ${id} does not exist`);
  }

  async deliveries(actor: Actor, id: string, query: DeliveriesQuery): Promise<Page<DeliveryResponse>> {
    assertAdmin(actor, 'read the delivery log');
    if (!(await this.db.getRepository(WebhookEntity).existsBy({ id }))) {
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
    const [rows, total] = await this.db.getRepository(NotificationDeliveryEntity).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const attempts = rows.length
      ? await this.db
          .getRepository(NotificationAttemptEntity)
          .createQueryBuilder('a')
          .where('a.delivery_id = ANY(:ids)', { ids: rows.map((r) => r.id) })
          .orderBy('a.attempt', 'ASC')
          .getMany()
      : [];
    return {
      items: rows.map((d) => ({
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
        attemptLog: attempts
          .filter((a) => a.deliveryId === d.id)
          .map((a) => ({
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
