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
  @ApiProperty({ description: 'when a verified token of theirs was first seen' }) firstSeenAt: string;
  @ApiProperty({ description: 'when one was last recorded (at most once a minute)' }) lastSeenAt: string;
}
