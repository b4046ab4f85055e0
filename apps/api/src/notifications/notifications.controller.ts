import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@aoc/domain/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { UuidParam } from '../common/request-params';
import { ApiErrors } from '../common/responses';
import {
  CreateWebhookDto,
  CreatedWebhookResponse,
  DeliveriesQuery,
  DeliveryPageResponse,
  NotificationPreferencesResponse,
  UpdateNotificationPreferencesDto,
  WebhookResponse,
} from './dto/notification.dto';
import { NotificationPreferencesService } from './preferences.service';
import { WebhooksService } from './webhooks.service';

/** Webhooks and the notifications that failed (admins). */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors()
@Controller('admin')
export class AdminNotificationsController {
  constructor(@Inject(WebhooksService) private readonly webhooks: WebhooksService) {}

  @Post('webhooks')
  @ApiOperation({ summary: 'Register a webhook (admin); its secret is returned this once' })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(actor, dto);
  }

  @Get('webhooks')
  @ApiOperation({ summary: 'The webhooks (admin), without their secrets' })
  @ApiOkResponse({ type: [WebhookResponse] })
  list(@CurrentActor() actor: Actor) {
    return this.webhooks.list(actor);
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a webhook (admin); its pending deliveries are given up' })
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<void> {
    await this.webhooks.remove(actor, id);
  }

  @Get('webhooks/:id/deliveries')
  @ApiOperation({ summary: 'The delivery log of a webhook, newest first, each attempt with its outcome (admin)' })
  @ApiOkResponse({ type: DeliveryPageResponse })
  deliveries(@CurrentActor() actor: Actor, @UuidParam() id: string, @Query() query: DeliveriesQuery) {
    return this.webhooks.deliveries(actor, id, query);
  }

  @Get('notifications/failed')
  @ApiOperation({ summary: 'The notifications given up after their retries, e-mails and webhooks (admin)' })
  @ApiOkResponse({ type: DeliveryPageResponse })
  failed(@CurrentActor() actor: Actor, @Query() query: DeliveriesQuery) {
    return this.webhooks.failed(actor, query);
  }
}

/** My notification preferences. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors()
@Controller('me')
export class PreferencesController {
  constructor(@Inject(NotificationPreferencesService) private readonly preferences: NotificationPreferencesService) {}

  @Get('notification-preferences')
  @ApiOperation({ summary: 'Which notifications I get; the required ones cannot be turned off' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  get(@CurrentActor() actor: Actor) {
    return this.preferences.get(actor);
  }

  @Put('notification-preferences')
  @ApiOperation({ summary: 'Turn optional notifications off (the ones listed) or on (the others)' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  set(@CurrentActor() actor: Actor, @Body() dto: UpdateNotificationPreferencesDto) {
    return this.preferences.set(actor, dto.disabled);
  }
}
