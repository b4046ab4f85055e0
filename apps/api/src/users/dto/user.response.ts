import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@aoc/domain/actor';

export class UserResponse {
  @ApiProperty({ example: 'submitter-pt', description: 'the `sub` of their tokens' }) id: string;
  @ApiPropertyOptional({ example: 'Inês Costa', nullable: true, type: String }) name: string | null;
  @ApiPropertyOptional({ example: 'ines.costa@example.org', nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiPropertyOptional({ example: 'PT', nullable: true, type: String }) country: string | null;
  @ApiPropertyOptional({ example: 'ministry-education', nullable: true, type: String }) body: string | null;
  @ApiPropertyOptional({ example: 'ES', nullable: true, type: String }) seat: string | null;
  @ApiPropertyOptional({ example: 'youth-network', nullable: true, type: String }) org: string | null;
  @ApiPropertyOptional({
    description:
      'when a verified token of theirs was first seen; null for a user registered before their first sign-in',
    nullable: true,
    type: String,
  })
  firstSeenAt: string | null;
  @ApiPropertyOptional({
    description: 'when one was last recorded (at most once a minute)',
    nullable: true,
    type: String,
  })
  lastSeenAt: string | null;
  @ApiPropertyOptional({ description: 'when an admin registered them (DOMAIN §12)', nullable: true, type: String })
  registeredAt: string | null;
  @ApiProperty({ description: 'retired: holds nothing, hears nothing' }) retired: boolean;
  @ApiProperty({ description: 'their token claims a scope the registry does not know: they hold no task' })
  scopeUnknown: boolean;
}
