import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_TYPES } from '@aoc/domain/event.types';
import { PLAN_KINDS, PLAN_STATUSES, STAGES } from '@aoc/domain/plan.types';
import { FieldErrorResponse, VersionRefResponse } from '../../common/responses';
import { PlanContentDto } from './plan-content.dto';

export class PlanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLAN_KINDS }) kind: string;
  @ApiProperty({ enum: PLAN_STATUSES, description: 'projected from the plan’s workflow' }) status: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty() createdBy: string;
  @ApiProperty({ nullable: true, type: String }) submittedBy: string | null;
  @ApiProperty({ description: 'number of the newest frozen version; 0 before submission' }) latestVersion: number;
  @ApiProperty({ description: 'the version the workflow is reviewing' }) reviewVersion: number;
  @ApiProperty({ enum: STAGES, nullable: true, description: 'where a revision returns to' }) returnTo: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'plan-<id>' }) workflowId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'http://127.0.0.1:8233/namespaces/default/workflows/plan-<id>',
    description: 'the workflow in the Temporal Web UI (TEMPORAL_UI_URL); null before the first submission',
  })
  temporalUiUrl: string | null;
  @ApiPropertyOptional({ type: PlanContentDto, description: 'the editable draft: for its author and admins only' })
  draft?: object;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class PlanPageResponse {
  @ApiProperty({ type: [PlanResponse] }) items: PlanResponse[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class SubmissionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLAN_STATUSES, description: 'the status before the workflow took the version' }) status: string;
  @ApiProperty({ type: VersionRefResponse }) version: VersionRefResponse;
  @ApiProperty({ example: 'plan-<id>' }) workflowId: string;
  @ApiProperty({ nullable: true, type: String, description: 'the workflow in the Temporal Web UI (TEMPORAL_UI_URL)' })
  temporalUiUrl: string | null;
  @ApiProperty({
    type: [FieldErrorResponse],
    description: 'what the submitter should know: a consulted body nobody holds yet (the admins are told)',
  })
  warnings: FieldErrorResponse[];
}

export class VersionResponse extends VersionRefResponse {
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() current: boolean;
  @ApiProperty({ type: PlanContentDto }) content: object;
}

export class FieldChangeResponse {
  @ApiProperty({ example: 'fields.youth.objectives' }) path: string;
  @ApiPropertyOptional() before: unknown;
  @ApiPropertyOptional() after: unknown;
}

export class DiffResponse {
  @ApiProperty({ type: VersionRefResponse }) from: VersionRefResponse;
  @ApiProperty({ type: VersionRefResponse }) to: VersionRefResponse;
  @ApiProperty({ type: [FieldChangeResponse] }) changes: FieldChangeResponse[];
}

export class EventResponse {
  @ApiProperty() id: number;
  @ApiProperty({ enum: EVENT_TYPES }) type: string;
  @ApiProperty() at: string;
  @ApiProperty({ example: 'consultee-pt-education' }) actor: string;
  @ApiProperty({ type: VersionRefResponse, nullable: true }) version: VersionRefResponse | null;
  @ApiProperty({ description: 'given on an older version than the newest' }) stale: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
}
