import type { EntityManager } from 'typeorm';
import type { Actor, Role } from '@aoc/domain/actor';
import { ROLES } from '@aoc/domain/actor';

import { planSubmitter } from '@aoc/domain/plan.policy';
import { notificationKindOf, wantsNotification, type NotificationKind } from '@aoc/domain/notification.rules';
import { assertMayDecide } from '@aoc/domain/review/decision.rules';
import type { TaskType } from '@aoc/domain/task.types';
import {
  CommentEntity,
  EventEntity,
  NotificationPreferenceEntity,
  PlanEntity,
  TaskEntity,
  UserEntity,
  WebhookEntity,
} from '@aoc/persistence';
import { In, IsNull } from 'typeorm';

/** A user who hears about an event by e-mail. */
export interface MailRecipient {
  userId: string;
  email: string;
}

export interface EventAudience {
  event: EventEntity;
  kind: NotificationKind;
  users: MailRecipient[];
  webhooks: WebhookEntity[];
}

/** A user as the rules see them: a scope the registry doesn't know is not honoured (DOMAIN §12). */
const actorOf = (u: UserEntity): Actor => ({
  sub: u.id,
  roles: u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
  ...(u.scopeUnknown
    ? {}
    : {
        country: u.country ?? undefined,
        body: u.body ?? undefined,
        seat: u.seat ?? undefined,
        org: u.org ?? undefined,
      }),
});

/**
 * Who hears about an event (DOMAIN §8), from the users directory:
 * - a task's events (created, reminder, overdue, deadline moved): its assignee, or everyone
 *   who may decide it: the candidate role and scope, never the plan's submitter (the same rule
 *   as deciding it, `assertMayDecide`);
 * - a reassignment: the new assignee and the one it was taken from;
 * - an escalation: every admin;
 * - a plan's status changes: its submitter; a moved comment window: its submitter and every
 *   civil society organization;
 * - a disposed comment: its author.
 * The actor who caused the event is not told about it; users who turned the kind off (when it
 * is optional) and users without an e-mail address are left out. Webhooks hear about the event
 * types they subscribed to.
 */
export async function eventAudience(db: EntityManager, eventKey: string): Promise<EventAudience | undefined> {
  const event = await db.getRepository(EventEntity).findOneBy({ key: eventKey });
  if (!event) return undefined;
  const kind = notificationKindOf(event.type);
  if (!kind) return undefined;
  const plan = await db.getRepository(PlanEntity).findOneByOrFail({ id: event.planId });
  const ids = (await recipientIds(db, event, kind, plan)).filter((id) => id !== event.actor);
  // Users registered before their first sign-in hear too (DOMAIN §12); retired users don't.
  const users = ids.length ? await db.getRepository(UserEntity).findBy({ id: In(ids), retiredAt: IsNull() }) : [];
  const prefs = users.length
    ? await db.getRepository(NotificationPreferenceEntity).findBy({ userId: In(users.map((u) => u.id)) })
    : [];
  const disabledOf = (id: string) => prefs.find((p) => p.userId === id)?.disabled ?? [];
  // A webhook hears of the events after its registration only: a rerun of an old event's
  // notification never reaches a webhook registered since.
  const webhooks = await db
    .getRepository(WebhookEntity)
    .createQueryBuilder('w')
    .where(':type = ANY(w.events)', { type: event.type })
    .andWhere('w.created_at <= :at', { at: event.at })
    .orderBy('w.created_at', 'ASC')
    .getMany();
  return {
    event,
    kind,
    users: users
      .filter((u) => u.email && wantsNotification(kind, disabledOf(u.id)))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((u) => ({ userId: u.id, email: u.email! })),
    webhooks,
  };
}

async function recipientIds(db: EntityManager, event: EventEntity, kind: NotificationKind, plan: PlanEntity) {
  const payload = event.payload as Record<string, unknown>;
  const submitter = planSubmitter(plan);
  const taskId = typeof payload.taskId === 'string' ? payload.taskId : undefined;
  switch (kind) {
    case 'escalation':
      return (await usersWithRole(db, 'admin')).map((u) => u.id);
    case 'plan_status':
      return [submitter];
    case 'comment_disposed': {
      const id = typeof payload.commentId === 'string' ? payload.commentId : undefined;
      const comment = id ? await db.getRepository(CommentEntity).findOneBy({ id }) : null;
      return comment ? [comment.author] : [];
    }
    case 'task_reassigned':
      return [payload.to, payload.from].filter((id): id is string => typeof id === 'string' && id !== '');
    case 'deadline_moved':
      // A task's deadline: who may decide it; the comment window's: the submitter and civil society (DOMAIN §8).
      return taskId
        ? taskDeciders(db, taskId, plan)
        : [submitter, ...(await usersWithRole(db, 'cso')).map((u) => u.id)];
    case 'task_created':
    case 'task_reminder':
    case 'task_overdue':
      return taskId ? taskDeciders(db, taskId, plan) : [];
  }
}

/** Who may decide the task now: its assignee, or the holders of its role and scope. */
async function taskDeciders(db: EntityManager, taskId: string, plan: PlanEntity): Promise<string[]> {
  const task = await db.getRepository(TaskEntity).findOneBy({ id: taskId });
  if (!task) return [];
  const view = {
    type: task.type as TaskType,
    assignee: task.assignee ?? undefined,
    candidate: {
      role: task.candidateRole as Role,
      country: task.candidateCountry ?? undefined,
      body: task.candidateBody ?? undefined,
      seat: task.candidateSeat ?? undefined,
    },
  };
  const users = await usersWithRole(db, view.candidate.role);
  return users
    .filter((u) => {
      try {
        assertMayDecide(actorOf(u), view, planSubmitter(plan));
        return true;
      } catch {
        return false;
      }
    })
    .map((u) => u.id);
}

function usersWithRole(db: EntityManager, role: Role): Promise<UserEntity[]> {
  return db
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .where(':role = ANY(u.roles)', { role })
    .andWhere('u.retired_at IS NULL')
    .getMany();
}
