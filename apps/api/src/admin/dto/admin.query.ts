import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { STAGES } from '@aoc/domain/plan.types';
import { booleanParam } from '../../common/query-params';
import { COUNTRY_CODE } from '../../plans/dto/plan-content.dto';

/** Where a plan waits: a stage, or REVISION (on its submitter). */
export const WAITING_STAGES = [...STAGES, 'REVISION'] as const;
export type WaitingStage = (typeof WAITING_STAGES)[number];

export const WAITING_ON_DEFAULT_LIMIT = 50;
export const WAITING_ON_MAX_LIMIT = 200;
/** The overview's window when `since` is not given: the last 90 days. */
export const OVERVIEW_DEFAULT_WINDOW_DAYS = 90;

export class OverviewQuery {
  @ApiPropertyOptional({
    description: `the window's start for the time spent in each stage: stages left since then (default: ${OVERVIEW_DEFAULT_WINDOW_DAYS} days ago)`,
    example: '2026-09-01T00:00:00Z',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'since must be an ISO 8601 date or date-time, e.g. 2026-09-01T00:00:00Z' })
  since?: string;
}

export class WaitingOnQuery {
  @ApiPropertyOptional({ enum: WAITING_STAGES, description: 'only what blocks plans in this stage (or in REVISION)' })
  @IsOptional()
  @IsIn(WAITING_STAGES, { message: `stage must be one of: ${WAITING_STAGES.join(', ')}` })
  stage?: WaitingStage;

  @ApiPropertyOptional({ example: 'BA', description: 'only plans in which this country takes part' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166 alpha-2 code such as PT' })
  country?: string;

  @ApiPropertyOptional({
    description: 'true: only plans with something overdue; false: only plans with nothing overdue',
  })
  @IsOptional()
  @Transform(booleanParam)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ default: WAITING_ON_DEFAULT_LIMIT, minimum: 1, maximum: WAITING_ON_MAX_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(WAITING_ON_MAX_LIMIT)
  limit: number = WAITING_ON_DEFAULT_LIMIT;

  @ApiPropertyOptional({
    description: 'cursor: the `nextAfter` of the previous page; start without it',
    pattern: '^[A-Za-z0-9_-]{1,200}$',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'after must be the nextAfter of a previous page' })
  after?: string;
}

export const RECORDS_DEFAULT_LIMIT = 50;
export const RECORDS_MAX_LIMIT = 200;

export class RecordsQuery {
  @ApiPropertyOptional({ default: RECORDS_DEFAULT_LIMIT, minimum: 1, maximum: RECORDS_MAX_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(RECORDS_MAX_LIMIT)
  limit: number = RECORDS_DEFAULT_LIMIT;

  @ApiPropertyOptional({
    description: 'cursor: the `nextBefore` of the previous page; start without it',
    pattern: '^[A-Za-z0-9_-]{1,200}$',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'before must be the nextBefore of a previous page' })
  before?: string;
}
