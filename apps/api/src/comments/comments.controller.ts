import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiErrors, ApiIdempotencyKeyReused } from '../common/responses';
import { CommentResponse } from './dto/comment.responses';
import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@aoc/domain/actor';
import { HEADER_OPTIONAL, IdempotencyKey, UuidParam } from '../common/request-params';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CommentsService } from './comments.service';
import { HideCommentDto, PostCommentDto } from './dto/comment.dto';

@ApiTags('comments')
@ApiBearerAuth()
@ApiErrors()
@Controller()
export class CommentsController {
  constructor(@Inject(CommentsService) private readonly comments: CommentsService) {}

  @Post('plans/:id/comments')
  @ApiOperation({ summary: 'Comment while the civil society window is open (cso)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'makes a retried post create one comment' })
  @ApiCreatedResponse({ type: CommentResponse })
  @ApiIdempotencyKeyReused()
  post(
    @CurrentActor() actor: Actor,
    @UuidParam() planId: string,
    @Body() dto: PostCommentDto,
    @IdempotencyKey(HEADER_OPTIONAL) key: string | undefined,
  ) {
    return this.comments.post(actor, planId, dto, key);
  }

  @Get('plans/:id/comments')
  @ApiOperation({ summary: 'The comments on a plan, with their dispositions' })
  @ApiOkResponse({ type: [CommentResponse] })
  list(@CurrentActor() actor: Actor, @UuidParam() planId: string) {
    return this.comments.list(actor, planId);
  }

  @Post('comments/:id/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide an abusive comment, giving a reason (secretariat); it stays in the audit trail' })
  @ApiOkResponse({ type: CommentResponse })
  hide(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: HideCommentDto) {
    return this.comments.hide(actor, id, dto);
  }
}
