import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISPOSITIONS } from '@aoc/domain/task.types';
import { VersionRefResponse } from '../../common/responses';

export class CommentDispositionResponse {
  @ApiProperty({ enum: DISPOSITIONS }) disposition: string;
  @ApiProperty({ nullable: true, type: String }) response: string | null;
  @ApiPropertyOptional() at?: string;
}

export class CommentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() org: string;
  @ApiProperty() author: string;
  @ApiProperty({ nullable: true, type: String, description: 'null when hidden, except for moderators' }) text:
    string | null;
  @ApiProperty({ nullable: true, type: String }) field: string | null;
  @ApiProperty() postedAt: string;
  @ApiProperty({ type: VersionRefResponse }) version: VersionRefResponse;
  @ApiProperty() stale: boolean;
  @ApiProperty() hidden: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) hiddenReason?: string | null;
  @ApiPropertyOptional({ type: CommentDispositionResponse }) disposition?: CommentDispositionResponse;
}
