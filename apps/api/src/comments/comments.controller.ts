import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CommentsService } from './comments.service';
import { HideCommentDto, PostCommentDto } from './dto/comment.dto';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));

@ApiTags('comments')
@ApiBearerAuth()
@Controller()
export class CommentsController {
  constructor(@Inject(CommentsService) private readonly comments: CommentsService) {}

  @Post('plans/:id/comments')
  @ApiOperation({ summary: 'Comment while the civil society window is open (cso)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'makes a retried post create one comment' })
  post(
    @CurrentActor() actor: Actor,
    @Id() planId: string,
    @Body() dto: PostCommentDto,
    @Headers('idempotency-key') key: string | undefined,
  ) {
    return this.comments.post(actor, planId, dto, key);
  }

  @Get('plans/:id/comments')
  @ApiOperation({ summary: 'The comments on a plan, with their dispositions' })
  list(@CurrentActor() actor: Actor, @Id() planId: string) {
    return this.comments.list(actor, planId);
  }

  @Post('comments/:id/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide an abusive comment, giving a reason (secretariat); it stays in the audit trail' })
  hide(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: HideCommentDto) {
    return this.comments.hide(actor, id, dto);
  }
}
