import { CanActivate, Controller, ExecutionContext, Get, Inject, Injectable, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, hasRole } from '@aoc/domain/actor';
import { forbidden } from '@aoc/domain/domain-error';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiErrors } from '../common/responses';
import { AdminService } from './admin.service';
import { OverviewQuery, RecordsQuery, WaitingOnQuery } from './dto/admin.query';
import { AdoptionRecordsPageResponse, OverviewResponse, WaitingOnPageResponse } from './dto/admin.responses';

/**
 * Admins only: a guard, so that a caller without the role is refused (403) before its query
 * parameters are even read. It runs after the global AuthGuard, which names the actor.
 */
@Injectable()
export class AdminOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor: Actor | undefined = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (!actor || !hasRole(actor, 'admin')) {
      throw forbidden('monitoring is for admins only: this token has no admin role');
    }
    return true;
  }
}

/** The admins' monitoring (DOMAIN §7; docs/monitoring.md). */
@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors()
@Controller('admin')
@UseGuards(AdminOnlyGuard)
export class AdminController {
  constructor(@Inject(AdminService) private readonly admin: AdminService) {}

  @Get('overview')
  @ApiOperation({
    summary:
      'Plans by status and stage, open and overdue tasks by stage, and the median and 90th percentile time in each stage against its configured duration (admin)',
  })
  @ApiOkResponse({ type: OverviewResponse })
  overview(@Query() query: OverviewQuery): Promise<OverviewResponse> {
    return this.admin.overview(query);
  }

  @Get('waiting-on')
  @ApiOperation({
    summary:
      'Who each open plan waits on now: its open tasks (national consultations included), its submitter in REVISION, an open comment window; most overdue first (admin)',
    description:
      'Pages of `limit` plans; while `nextAfter` is not null, ask again with `?after=<nextAfter>` and the same filters.',
  })
  @ApiOkResponse({ type: WaitingOnPageResponse })
  waitingOn(@Query() query: WaitingOnQuery): Promise<WaitingOnPageResponse> {
    return this.admin.waitingOn(query);
  }

  @Get('records')
  @ApiOperation({
    summary:
      'The adoption records issued, newest first: record id, plan, version, issue time, signing key, PDF size (admin)',
    description:
      'Pages of `limit` records; while `nextBefore` is not null, ask again with `?before=<nextBefore>`. Each record’s public page is /public/records/{id}.',
  })
  @ApiOkResponse({ type: AdoptionRecordsPageResponse })
  records(@Query() query: RecordsQuery): Promise<AdoptionRecordsPageResponse> {
    return this.admin.records(query);
  }
}
