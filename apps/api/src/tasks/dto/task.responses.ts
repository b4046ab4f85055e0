import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@aoc/domain/actor';
import { STAGES } from '@aoc/domain/plan.types';
import { TASK_STATUSES, TASK_TYPES } from '@aoc/domain/task.types';
import { VersionRefResponse } from '../../common/responses';
import { INBOX_COUNT_CAP } from '@aoc/persistence/repositories/tasks';
import { CommentDispositionDto } from './task.dto';

export class TaskCandidateResponse {
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiPropertyOptional() country?: string;
  @ApiPropertyOptional() body?: string;
  @ApiPropertyOptional() seat?: string;
}

export class TaskOutcomeResponse {
  @ApiProperty({ nullable: true, type: String, example: 'support' }) decision: string | null;
  @ApiPropertyOptional() comment?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ type: [CommentDispositionDto] }) dispositions?: CommentDispositionDto[];
  @ApiProperty({ nullable: true, type: String }) completedBy: string | null;
  @ApiPropertyOptional() completedAt?: string;
}

export class TaskResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ enum: TASK_TYPES }) type: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'the user the task is assigned to' }) assignee:
    string | null;
  @ApiProperty({ type: TaskCandidateResponse, description: 'who may act on it when unassigned' })
  candidate: TaskCandidateResponse;
  @ApiProperty({ nullable: true, type: String }) claimedBy: string | null;
  @ApiProperty() dueAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: VersionRefResponse }) version: VersionRefResponse;
  @ApiProperty({ description: 'given on an older version than the newest' }) stale: boolean;
  @ApiPropertyOptional({ type: TaskOutcomeResponse }) outcome?: TaskOutcomeResponse;
}

export class TaskPageResponse {
  @ApiProperty({ type: [TaskResponse] }) items: TaskResponse[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: `the number of matching tasks, counted up to ${INBOX_COUNT_CAP}` }) total: number;
  @ApiPropertyOptional({
    description: `true when more than ${INBOX_COUNT_CAP} tasks match: total is then a lower bound`,
  })
  totalCapped?: boolean;
}
