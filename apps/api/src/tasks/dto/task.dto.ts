import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { STAGES, Stage } from '@aoc/domain/plan.types';
import { ALL_DECISIONS, DISPOSITIONS, Disposition, TASK_STATUSES, TaskStatus } from '@aoc/domain/task.types';
import { PageQuery } from '../../common/page';

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
