import type { EntityManager } from 'typeorm';
import { TaskEntity } from '../entities/task.entity';

/**
 * Reads of the task inboxes (table `tasks`; its one writer is `review-records.ts`, for the
 * workflows).
 */

type Db = Pick<EntityManager, 'getRepository'>;

/** The open tasks assigned by name to one user (a reassignment), oldest first. */
export function openTasksAssignedTo(db: Db, assignee: string): Promise<TaskEntity[]> {
  return db.getRepository(TaskEntity).find({ where: { assignee, status: 'open' }, order: { createdAt: 'ASC' } });
}
