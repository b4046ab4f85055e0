import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  Matches,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { STAGES, Stage } from '@aoc/domain/plan.types';
import { ALL_DECISIONS, DISPOSITIONS, Disposition, TASK_STATUSES, TaskStatus } from '@aoc/domain/task.types';
import { PageQuery } from '../../common/page';
import { booleanParam } from '../../common/query-params';
import { COUNTRY_CODE } from '../../plans/dto/plan-content.dto';

export const INBOX_SORTS = ['dueAt', '-dueAt'] as const;

const TEXT = 5000;

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  planId?: string;

  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiPropertyOptional({ description: 'true: only tasks past their due date; false: only tasks not yet due' })
  @IsOptional()
  @Transform(booleanParam)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ example: 'PT', description: "the task's country (a national consultation's)" })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166 alpha-2 code such as PT' })
  country?: string;

  @ApiPropertyOptional({ description: 'the user the task is given to (token `sub`)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional({
    enum: INBOX_SORTS,
    default: 'dueAt',
    description: 'by due date: dueAt earliest first, -dueAt latest first',
  })
  @IsOptional()
  @IsIn(INBOX_SORTS, { message: `sort must be one of: ${INBOX_SORTS.join(', ')}` })
  sort?: (typeof INBOX_SORTS)[number];
}

export class CommentDispositionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  commentId: string;

  @ApiProperty({ enum: DISPOSITIONS })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;

  @ApiProperty({ maxLength: TEXT })
  @IsString()
  @MaxLength(TEXT)
  response: string;
}

/** The decision on a task; which decisions fit which task is checked by the workflow. */
export class CompleteTaskDto {
  @ApiProperty({ enum: ALL_DECISIONS })
  @IsIn(ALL_DECISIONS)
  decision: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  comment?: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  reason?: string;

  @ApiPropertyOptional({ type: [CommentDispositionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CommentDispositionDto)
  dispositions?: CommentDispositionDto[];

  @ApiPropertyOptional({
    description: 'with `dispose`: freeze the edited draft as a revised version, reviewed from now on',
  })
  @IsOptional()
  @IsBoolean()
  attachRevision?: boolean;
}

export class ReassignTaskDto {
  @ApiProperty({ description: 'the user (token `sub`) who gets the task' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  assignee: string;
}

export class ExtendDeadlineDto {
  @ApiProperty({ example: '2027-03-01T12:00:00Z' })
  @IsDateString({ strict: true })
  dueAt: string;
}
