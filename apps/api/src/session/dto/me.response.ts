import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@aoc/domain/actor';
import { TASK_TYPES } from '@aoc/domain/task.types';

/** What the caller may do in general (libs/domain/src/capabilities.ts); each request is still checked. */
export class CapabilitiesResponse {
  @ApiProperty({ description: 'create plans for their own country; edit, submit, revise and withdraw their own' })
  canSubmitPlans: boolean;
  @ApiProperty({
    description: "decide review tasks of others' plans (consultations, secretariat reviews, endorsements)",
  })
  canReviewTasks: boolean;
  @ApiProperty({ enum: TASK_TYPES, isArray: true, description: 'the task types they may decide' })
  taskTypes: string[];
  @ApiProperty({ description: 'comment while a comment window is open (civil society)' }) canComment: boolean;
  @ApiProperty({ description: 'hide abusive comments (secretariat)' }) canModerateComments: boolean;
  @ApiProperty({
    description: 'operations: every plan, cancel, reassign tasks, move deadlines, add seats, list users',
  })
  isAdmin: boolean;
}

export class MeResponse {
  @ApiProperty({ example: 'submitter-pt', description: 'the `sub` of their tokens' }) sub: string;
  @ApiPropertyOptional({ example: 'Inês Costa', nullable: true, type: String }) name: string | null;
  @ApiPropertyOptional({ example: 'ines.costa@example.org', nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiPropertyOptional({ example: 'PT', nullable: true, type: String }) country: string | null;
  @ApiPropertyOptional({ example: 'ministry-education', nullable: true, type: String }) body: string | null;
  @ApiPropertyOptional({ example: 'ES', nullable: true, type: String }) seat: string | null;
  @ApiPropertyOptional({ example: 'youth-network', nullable: true, type: String }) org: string | null;
  @ApiProperty({ enum: ['bearer', 'session'], description: 'a bearer token, or the session cookie' })
  authenticatedBy: 'bearer' | 'session';
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'for a session: when it ends (then sign in again); null for a bearer token',
  })
  sessionExpiresAt: string | null;
  @ApiProperty({ type: CapabilitiesResponse }) capabilities: CapabilitiesResponse;
}
