import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PLAN_KINDS, PLAN_STATUSES, PlanKind, PlanStatus } from '@aoc/domain/plan.types';
import { PageQuery } from '../../common/page';
import { COUNTRY_CODE } from './plan-content.dto';

export const PLAN_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'title', '-title'] as const;
export type PlanSort = (typeof PLAN_SORTS)[number];

export class ListPlansQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;

  @ApiPropertyOptional({ enum: PLAN_KINDS })
  @IsOptional()
  @IsIn(PLAN_KINDS)
  kind?: PlanKind;

  @ApiPropertyOptional({ example: 'PT' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166 alpha-2 code such as PT' })
  country?: string;

  @ApiPropertyOptional({
    description: 'only plans this user submitted (token `sub`); a draft never submitted has none',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  submitter?: string;

  @ApiPropertyOptional({
    example: '2026-11-01T00:00:00Z',
    description: 'only plans whose `updatedAt` is at or after this date-time',
  })
  @IsOptional()
  @IsDateString(
    { strict: true },
    { message: 'updatedSince must be an ISO 8601 date or date-time, e.g. 2026-11-01T00:00:00Z' },
  )
  updatedSince?: string;

  @ApiPropertyOptional({
    enum: PLAN_SORTS,
    default: '-createdAt',
    description: 'the order: a field, ascending, or with `-` descending',
  })
  @IsOptional()
  @IsIn(PLAN_SORTS, { message: `sort must be one of: ${PLAN_SORTS.join(', ')}` })
  sort?: PlanSort;
}
