import { ApiErrors } from '../common/responses';
import {
  DiffResponse,
  EventResponse,
  PlanPageResponse,
  PlanResponse,
  SubmissionResponse,
  VersionResponse,
} from './dto/plan.responses';
import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@aoc/domain/actor';
import { UuidParam, VersionParam } from '../common/request-params';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CreatePlanDto } from './dto/create-plan.dto';
import { EndReviewDto } from './dto/end-review.dto';
import { ListPlansQuery } from './dto/list-plans.query';
import { TIMELINE_DEFAULT_LIMIT, TIMELINE_MAX_LIMIT, TIMELINE_NEXT_HEADER, TimelineQuery } from './dto/timeline.query';
import { UpdatePlanDto } from './dto/update-plan.dto';
import { PlansService } from './plans.service';
import { AdminService } from '../admin/admin.service';
import { PlanWaitingOnResponse } from '../admin/dto/admin.responses';
import { ExtendDeadlineDto } from '../tasks/dto/task.dto';

@ApiTags('plans')
@ApiBearerAuth()
@ApiErrors()
@Controller('plans')
export class PlansController {
  constructor(
    @Inject(PlansService) private readonly plans: PlansService,
    @Inject(AdminService) private readonly monitoring: AdminService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a draft plan (submitter)' })
  @ApiCreatedResponse({ type: PlanResponse, description: 'The draft, with its `id` and `status`' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlanDto) {
    return this.plans.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the plans I may see, filtered and paginated' })
  @ApiOkResponse({ type: PlanPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListPlansQuery) {
    return this.plans.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one plan; `status` is projected from the workflow' })
  @ApiOkResponse({ type: PlanResponse })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string) {
    return this.plans.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit the draft, or the plan in REVISION (its submitter)' })
  @ApiOkResponse({ type: PlanResponse })
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: UpdatePlanDto) {
    return this.plans.update(actor, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(202)
  @ApiOperation({ summary: 'Freeze the draft as a new version and start (or resume) the review' })
  @ApiAcceptedResponse({
    type: SubmissionResponse,
    description:
      'The version was frozen and handed to the workflow `plan-<id>`; a repeat while the review runs answers 202 again with the version under review and changes nothing',
  })
  submit(@CurrentActor() actor: Actor, @UuidParam() id: string) {
    return this.plans.submit(actor, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the plan (its submitter), any time before ENDORSED' })
  @ApiOkResponse({ type: PlanResponse })
  withdraw(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: EndReviewDto) {
    return this.plans.withdraw(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the review (admin)' })
  @ApiOkResponse({ type: PlanResponse })
  cancel(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: EndReviewDto) {
    return this.plans.cancel(actor, id, dto);
  }

  @Post(':id/deadline')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Move the running stage's deadline later: the comment window's close or the silence procedure's end (admin)",
  })
  @ApiOkResponse({ type: PlanResponse })
  moveDeadline(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: ExtendDeadlineDto) {
    return this.plans.moveDeadline(actor, id, dto);
  }

  @Get(':id/waiting-on')
  @ApiOperation({
    summary:
      'Who the plan waits on now: its open tasks (national consultations included), its submitter in REVISION, an open comment window (whoever may read the plan)',
  })
  @ApiOkResponse({ type: PlanWaitingOnResponse })
  async waitingOn(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<PlanWaitingOnResponse> {
    await this.plans.findVisible(actor, id);
    return this.monitoring.waitingOnPlan(id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'The frozen versions, oldest first' })
  @ApiOkResponse({ type: [VersionResponse] })
  versions(@CurrentActor() actor: Actor, @UuidParam() id: string) {
    return this.plans.versions(actor, id);
  }

  @Get(':id/versions/:a/diff/:b')
  @ApiOperation({ summary: 'Compare two versions field by field' })
  @ApiOkResponse({ type: DiffResponse })
  diff(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @VersionParam('a') a: number,
    @VersionParam('b') b: number,
  ) {
    return this.plans.diff(actor, id, a, b);
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary: 'The plan’s domain events, oldest first; events on older versions are stale',
    description:
      `A page of at most \`limit\` events (default ${TIMELINE_DEFAULT_LIMIT}, at most ${TIMELINE_MAX_LIMIT}). ` +
      `When more follow, the answer carries \`${TIMELINE_NEXT_HEADER}\` (the cursor) and \`Link: <…>; rel="next"\`: ` +
      'ask again with `?after=<cursor>` until neither is there. A malformed cursor is a 400.',
  })
  @ApiOkResponse({
    type: [EventResponse],
    headers: {
      [TIMELINE_NEXT_HEADER]: {
        description: 'present when more events follow: the `after` of the next page',
        schema: { type: 'string' },
      },
      Link: {
        description: 'present when more events follow: `<next page URL>; rel="next"`',
        schema: { type: 'string' },
      },
    },
  })
  async timeline(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() query: TimelineQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { events, next } = await this.plans.timeline(actor, id, query);
    if (next !== undefined) {
      const url = new URL(req.originalUrl, 'http://localhost');
      url.searchParams.set('after', next);
      url.searchParams.set('limit', String(query.limit));
      res.setHeader(TIMELINE_NEXT_HEADER, next);
      res.setHeader('Link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    return events;
  }
}
