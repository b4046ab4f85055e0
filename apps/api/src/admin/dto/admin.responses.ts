import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@aoc/domain/actor';
import { PLAN_KINDS, PLAN_STATUSES, STAGES } from '@aoc/domain/plan.types';
import { TASK_TYPES } from '@aoc/domain/task.types';
import { WAITING_STAGES } from './admin.query';

export class StatusCountResponse {
  @ApiProperty({ enum: PLAN_STATUSES }) status: string;
  @ApiProperty() plans: number;
}

export class StageTimeResponse {
  @ApiProperty({
    description: 'plans that left the stage in the window (a stage completed; a review ended mid-stage is not counted)',
  })
  completed: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'median time in the stage, in milliseconds; null with no plan',
  })
  p50Ms: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '90th percentile of the time in the stage, in milliseconds',
  })
  p90Ms: number | null;
}

export class StageOverviewResponse {
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ description: 'plans in the stage now' }) plans: number;
  @ApiProperty({ description: 'plans in REVISION that return to this stage' }) inRevision: number;
  @ApiProperty({ description: 'open tasks of the stage' }) openTasks: number;
  @ApiProperty({ description: 'open tasks of the stage past their due date' }) overdueTasks: number;
  @ApiProperty({ type: StageTimeResponse }) timeInStage: StageTimeResponse;
  @ApiProperty({ description: "the stage's configured duration, in milliseconds" }) configuredDurationMs: number;
}

export class OverviewResponse {
  @ApiProperty({ description: 'when the figures were read' }) at: string;
  @ApiProperty({ description: "the window's start for the time in each stage" }) since: string;
  @ApiProperty({ type: [StatusCountResponse], description: 'every status, with 0 where there is none' })
  byStatus: StatusCountResponse[];
  @ApiProperty({ type: [StageOverviewResponse], description: 'the four stages, in order' })
  byStage: StageOverviewResponse[];
  @ApiProperty({
    description:
      "users who claim a country, body, seat or organization the registry doesn't know: they hold no task until an admin adds it or changes the user (GET /api/registry/users?scopeUnknown=true lists them)",
  })
  usersWithUnknownScope: number;
}

export const BLOCKER_KINDS = ['task', 'revision', 'comment_window', 'no_seats'] as const;

/** One thing an open plan waits on now. */
export class BlockerResponse {
  @ApiProperty({
    enum: BLOCKER_KINDS,
    description:
      'task: an open task; revision: the submitter owes a new version; comment_window: civil society comments until it closes; no_seats: endorsement has no Group of Friends seat, an admin must add one',
  })
  kind: string;
  @ApiProperty({ enum: WAITING_STAGES }) stage: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the task (kind task)' }) taskId?: string;
  @ApiPropertyOptional({ enum: TASK_TYPES }) taskType?: string;
  @ApiPropertyOptional({ description: 'the workflow that owns the task: a national consultation is a child workflow' })
  workflowId?: string;
  @ApiProperty({ nullable: true, type: String, description: 'ISO 3166 alpha-2, for a consultation' }) country:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the consultee body' }) body: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the Group of Friends seat' }) seat: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the user it waits on, when one is named' }) assignee:
    string | null;
  @ApiProperty({ enum: ROLES, description: 'who may act: the role holding the task, or the submitter, or cso' })
  candidateRole: string;
  @ApiProperty({ nullable: true, type: String, description: 'the task’s claimant' }) claimedBy: string | null;
  @ApiProperty({
    description: 'a task no user holds: nobody registered or seen has its role and scope (DOMAIN §12)',
  })
  heldByNobody: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'due date; the comment window’s close; null: none' })
  dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiPropertyOptional({ enum: STAGES, description: 'kind revision: the stage the new version returns to' })
  returnTo?: string;
}

export class WaitingPlanResponse {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: PLAN_KINDS }) kind: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: string;
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ nullable: true, type: String }) submittedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the earliest due date of its blockers; null: none' })
  waitingSince: string | null;
  @ApiProperty({ description: 'one of its blockers is past its due date' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'the plan’s workflow in the Temporal Web UI' })
  temporalUiUrl: string | null;
  @ApiProperty({ type: [BlockerResponse], description: 'earliest due first' }) blockers: BlockerResponse[];
}

/** Who one plan waits on now (the plan page's "Waiting on"). */
export class PlanWaitingOnResponse {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ description: 'one of its blockers is past its due date' }) overdue: boolean;
  @ApiProperty({ type: [BlockerResponse], description: 'earliest due first; none when it waits on nobody' })
  blockers: BlockerResponse[];
}

export class WaitingOnPageResponse {
  @ApiProperty({ type: [WaitingPlanResponse], description: 'most overdue first (earliest due date), then by plan id' })
  items: WaitingPlanResponse[];
  @ApiProperty({ description: 'open plans matching the filters, on every page' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty({ nullable: true, type: String, description: 'the `after` of the next page; null on the last one' })
  nextAfter: string | null;
}

/** One adoption record issued (DOMAIN §10), as the admins' list shows it. */
export class AdoptionRecordSummaryResponse {
  @ApiProperty({ example: 'AOC-7QK2-M4XD-9B1Z' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ description: 'the endorsed version’s title' }) title: string;
  @ApiProperty({ description: 'the endorsed version' }) versionNumber: number;
  @ApiProperty({ description: 'SHA-256 of the endorsed version' }) versionHash: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ description: 'the signing key, in /.well-known/record-keys.json' }) keyId: string;
  @ApiProperty({ type: [String], description: 'the languages its PDF was issued in, first issued first' })
  languages: string[];
  @ApiProperty({ description: 'the size of its PDFs, in bytes' }) pdfBytes: number;
}

export class AdoptionRecordsPageResponse {
  @ApiProperty({ type: [AdoptionRecordSummaryResponse], description: 'newest first' })
  items: AdoptionRecordSummaryResponse[];
  @ApiProperty() limit: number;
  @ApiProperty({ nullable: true, type: String, description: 'the `before` of the next page; null on the last one' })
  nextBefore: string | null;
}
