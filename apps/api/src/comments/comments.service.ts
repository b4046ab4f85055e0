import { planSubmitter } from '@aoc/domain/plan.policy';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '@aoc/domain/actor';
import { DomainError, ErrorCode, notFound } from '@aoc/domain/domain-error';
import { isTerminal } from '@aoc/domain/plan.types';
import {
  assertHideReason,
  assertMayComment,
  assertMayModerate,
  commentAlreadyHidden,
} from '@aoc/domain/review/comment-window';
import type { CommentEntity } from '@aoc/persistence';
import { findComment, listComments } from '@aoc/persistence/repositories/comments';
import { appendEvents, planEvent } from '@aoc/persistence/repositories/event-log';
import { hideComment } from '@aoc/persistence/repositories/review-records';
import { PlansService } from '../plans/plans.service';
import { ReviewGateway } from '../temporal/review.gateway';
import { HideCommentDto, PostCommentDto } from './dto/comment.dto';
import type { CommentResponse } from './dto/comment.responses';

/** A stable UUID for a client's retry of the same comment. */
function commentIdFor(planId: string, sub: string, key: string | undefined): string {
  if (!key) return randomUUID();
  const hex = createHash('sha256').update(`${planId}\0${sub}\0${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Civil society comments (DOMAIN §4.2): posted and moderated through the plan's workflow. */
@Injectable()
export class CommentsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(PlansService) private readonly plans: PlansService,
    @Inject(ReviewGateway) private readonly reviews: ReviewGateway,
  ) {}

  async post(actor: Actor, planId: string, dto: PostCommentDto, key: string | undefined) {
    assertMayComment(actor);
    const plan = await this.plans.findVisible(actor, planId);
    if (plan.status !== 'CIVIL_SOCIETY_COMMENT') {
      throw new DomainError(
        ErrorCode.CommentWindowClosed,
        `comments are accepted only during CIVIL_SOCIETY_COMMENT; the plan is ${plan.status}`,
      );
    }
    const commentId = commentIdFor(planId, actor.sub, key);
    await this.reviews.postComment(planId, { commentId, actor, text: dto.text, field: dto.field });
    const posted = await this.find(commentId);
    // A repeated Idempotency-Key posts nothing new: it must repeat the same comment.
    if (posted.text !== dto.text || (posted.field ?? undefined) !== dto.field) {
      throw new DomainError(
        ErrorCode.IdempotencyKeyReused,
        'this Idempotency-Key was already used for a different comment; send a new key with a new comment',
      );
    }
    return this.view(posted, actor, plan.latestVersion);
  }

  async list(actor: Actor, planId: string) {
    const plan = await this.plans.findVisible(actor, planId);
    const rows = await listComments(this.db.manager, planId);
    return rows.map((c) => this.view(c, actor, plan.latestVersion));
  }

  async hide(actor: Actor, commentId: string, dto: HideCommentDto) {
    const comment = await this.find(commentId);
    const plan = await this.plans.findVisible(actor, comment.planId);
    assertMayModerate(actor, planSubmitter(plan));
    assertHideReason(dto.reason);
    if (isTerminal(plan.status)) await this.hideAfterReview(actor, comment, dto.reason);
    else await this.reviews.hideComment(comment.planId, { commentId, reason: dto.reason, actor: actor.sub });
    return this.view(await this.find(commentId), actor, plan.latestVersion);
  }

  /**
   * The secretariat may hide a comment also after the review has ended (DOMAIN §4.2): the
   * workflow that wrote the comments has finished, so the API records the moderation itself.
   */
  private async hideAfterReview(actor: Actor, comment: CommentEntity, reason: string): Promise<void> {
    const version = { number: comment.versionNumber, hash: comment.versionHash };
    const what = `comment-hidden:${comment.id}` as const;
    const hidden = planEvent(comment.planId, what, 'COMMENT_HIDDEN', actor.sub, version, {
      commentId: comment.id,
      reason,
    });
    await this.db.transaction(async (tx) => {
      const hiding = { commentId: comment.id, reason, actor: actor.sub, at: Date.now() };
      if (!(await hideComment(tx, hiding))) throw commentAlreadyHidden(comment.id);
      await appendEvents(tx, [hidden]);
    });
  }

  private async find(id: string): Promise<CommentEntity> {
    const comment = await findComment(this.db.manager, id);
    if (!comment) throw notFound(`comment ${id} does not exist`);
    return comment;
  }

  /** Hidden comments keep their text for moderators and admins only. */
  private view(c: CommentEntity, actor: Actor, latestVersion: number): CommentResponse {
    const moderator = hasRole(actor, 'secretariat') || hasRole(actor, 'admin');
    return {
      id: c.id,
      planId: c.planId,
      org: c.org,
      author: c.author,
      text: c.hidden && !moderator ? null : c.text,
      field: c.field,
      postedAt: c.postedAt.toISOString(),
      version: { number: c.versionNumber, hash: c.versionHash },
      stale: c.versionNumber < latestVersion,
      hidden: c.hidden,
      hiddenReason: c.hidden ? c.hiddenReason : undefined,
      disposition: c.disposition
        ? { disposition: c.disposition, response: c.response, at: c.disposedAt?.toISOString() }
        : undefined,
    };
  }
}
