import { PlanContentDto } from './plan-content.dto';

/** `POST /api/plans`: a new draft. */
export class CreatePlanDto extends PlanContentDto {}
