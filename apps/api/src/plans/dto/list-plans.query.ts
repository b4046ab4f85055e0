import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PLAN_KINDS, PLAN_STATUSES, PlanKind, PlanStatus } from '@aoc/domain/plan.types';
import { PageQuery } from '../../common/page';
import { COUNTRY_CODE } from './plan-content.dto';

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
}
