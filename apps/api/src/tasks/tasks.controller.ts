import { ApiOkResponse } from '@nestjs/swagger';
import { ApiErrors, ApiIdempotencyKeyReused } from '../common/responses';
import { TaskPageResponse, TaskResponse } from './dto/task.responses';
import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@aoc/domain/actor';
import { HEADER_REQUIRED, IdempotencyKey, UuidParam } from '../common/request-params';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CompleteTaskDto, ExtendDeadlineDto, InboxQuery, ReassignTaskDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@ApiErrors()
@Controller('tasks')
export class TasksController {
  constructor(@Inject(TasksService) private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'My inbox: tasks assigned to me or claimable by my role and scope' })
  @ApiOkResponse({ type: TaskPageResponse })
  inbox(@CurrentActor() actor: Actor, @Query() query: InboxQuery) {
    return this.tasks.inbox(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task' })
  @ApiOkResponse({ type: TaskResponse })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string) {
    return this.tasks.get(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task, so that nobody else completes it' })
  @ApiOkResponse({ type: TaskResponse })
  claim(@CurrentActor() actor: Actor, @UuidParam() id: string) {
    return this.tasks.claim(actor, id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a claimed task back' })
  @ApiOkResponse({ type: TaskResponse })
  unclaim(@CurrentActor() actor: Actor, @UuidParam() id: string) {
    return this.tasks.unclaim(actor, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide a task; the same Idempotency-Key returns the first result' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'client-chosen key, 1–200 of [A-Za-z0-9._:-]' })
  @ApiOkResponse({ type: TaskResponse, description: 'the completed task; the same Idempotency-Key returns it again' })
  @ApiIdempotencyKeyReused()
  complete(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: CompleteTaskDto,
    @IdempotencyKey(HEADER_REQUIRED) key: string,
  ) {
    return this.tasks.complete(actor, id, dto, key);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the task to another user (admin)' })
  @ApiOkResponse({ type: TaskResponse })
  reassign(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: ReassignTaskDto) {
    return this.tasks.reassign(actor, id, dto);
  }

  @Post(':id/deadline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the due date; the running timer moves with it (admin)' })
  @ApiOkResponse({ type: TaskResponse })
  extendDeadline(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: ExtendDeadlineDto) {
    return this.tasks.extendDeadline(actor, id, dto);
  }
}
