import { OmitType, PartialType } from '@nestjs/swagger';
import { PlanContentDto } from './plan-content.dto';

/**
 * `PATCH /api/plans/:id`: any part of the draft's content; the kind is fixed at creation.
 * A field may be left out, but not set to null: null is validated (and refused) like any value.
 */
export class UpdatePlanDto extends PartialType(OmitType(PlanContentDto, ['kind'] as const), {
  skipNullProperties: false,
}) {}
