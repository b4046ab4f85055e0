import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { NOTIFICATION_KINDS, NOTIFYING_EVENT_TYPES, OPTIONAL_KINDS } from '@aoc/domain/notification.rules';
import { PageQuery } from '../../common/page';

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes. */
export const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.org/aoc', description: 'http(s) URL that receives the signed POSTs' })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: NOTIFYING_EVENT_TYPES, isArray: true, description: 'the event types to deliver' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFYING_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(NOTIFYING_EVENT_TYPES, { each: true })
  events: string[];

  @ApiPropertyOptional({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'the signing secret (`whsec_` + base64 of 24–64 bytes); omitted, one is generated and returned once',
  })
  @IsOptional()
  @IsString()
  @Matches(WEBHOOK_SECRET, { message: 'secret must be whsec_ followed by the base64 of 24 to 64 bytes' })
  secret?: string;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: NOTIFYING_EVENT_TYPES, isArray: true }) events: string[];
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({ description: 'the signing secret: shown this once, keep it to verify the signatures' })
  secret: string;
}

export class DeliveryAttemptResponse {
  @ApiProperty() attempt: number;
  @ApiProperty() at: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'HTTP status (webhooks) or SMTP reply code' })
  statusCode: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) error: string | null;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the event’s key' }) eventKey: string;
  @ApiProperty() eventId: number;
  @ApiProperty() eventType: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ enum: ['email', 'webhook'] }) channel: string;
  @ApiProperty({ description: 'the user’s id, or the webhook’s' }) target: string;
  @ApiProperty({ description: 'the e-mail address or URL' }) address: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: [DeliveryAttemptResponse] }) attemptLog: DeliveryAttemptResponse[];
}

export class DeliveryPageResponse {
  @ApiProperty({ type: [DeliveryResponse] }) items: DeliveryResponse[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class DeliveriesQuery extends PageQuery {}

export class NotificationPreferenceResponse {
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ description: 'required kinds cannot be turned off' }) required: boolean;
  @ApiProperty() enabled: boolean;
}

export class NotificationPreferencesResponse {
  @ApiProperty({ type: [NotificationPreferenceResponse] }) kinds: NotificationPreferenceResponse[];
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({
    enum: OPTIONAL_KINDS,
    isArray: true,
    description: 'the optional kinds to turn off; every other kind is on (`[]` turns everything on)',
  })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  disabled: string[];
}

export class EventStreamQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'only the events of this plan' })
  @IsOptional()
  @IsUUID('4')
  planId?: string;
}
