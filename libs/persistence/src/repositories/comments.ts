import type { EntityManager } from 'typeorm';
import { CommentEntity } from '../entities/comment.entity';

/**
 * Reads of `comments` (CommentEntity). Its one writer is `review-records.ts`: posting and
 * disposition through the review's records, moderation through `hideComment` (called by the API
 * itself once the review has ended, DOMAIN §4.2).
 */

type Db = Pick<EntityManager, 'getRepository'>;

/** A plan's comments, oldest first (idx_comments_plan). */
export function listComments(db: Db, planId: string): Promise<CommentEntity[]> {
  return db.getRepository(CommentEntity).find({ where: { planId }, order: { postedAt: 'ASC' } });
}

export function findComment(db: Db, id: string): Promise<CommentEntity | null> {
  return db.getRepository(CommentEntity).findOneBy({ id });
}
