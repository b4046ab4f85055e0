import { Actor, hasRole } from './actor';
import { DomainError } from './domain-error';
import { assertMayCreatePlan } from './plan.policy';
import { assertMayComment, assertMayModerate } from './review/comment-window';
import { SUBMITTERS_OWN_TASKS, assertMayDecide } from './review/decision.rules';
import { CANDIDATE_ROLES, TASK_TYPES, type TaskType } from './task.types';

/**
 * What an actor may do, in general, for a user interface to show or hide its actions (GET /me).
 * Each flag asks the rule that decides it (plan.policy, comment-window, decision.rules); the API
 * still checks every request against those rules, whatever a client shows.
 */
export interface Capabilities {
  /** Create plans (for their own country), and edit, submit, revise and withdraw their own. */
  canSubmitPlans: boolean;
  /** Decide review tasks of others' plans: consultations, secretariat reviews, endorsements. */
  canReviewTasks: boolean;
  /** The task types they may decide (a submitter's own disposition included). */
  taskTypes: TaskType[];
  /** Post comments while a plan's comment window is open (civil society). */
  canComment: boolean;
  /** Hide abusive comments (the secretariat), never on a plan they submitted. */
  canModerateComments: boolean;
  /** Operations: see every plan, cancel reviews, reassign tasks, move deadlines, add seats, list users. */
  isAdmin: boolean;
}

const permits = (check: () => void): boolean => {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
};

/** No plan's submitter: the capabilities hold on plans that someone else submitted. */
const SOMEONE_ELSE = '\u0000someone-else';

export function capabilitiesOf(actor: Actor): Capabilities {
  // A task of each type within the actor's own scope: whether they could decide one depends then
  // only on their roles, and on segregation of duties for a plan they did not submit.
  const taskTypes = TASK_TYPES.filter((type) =>
    permits(() =>
      assertMayDecide(
        actor,
        {
          type,
          assignee: SUBMITTERS_OWN_TASKS.includes(type) ? actor.sub : undefined,
          candidate: { role: CANDIDATE_ROLES[type], country: actor.country, body: actor.body, seat: actor.seat },
        },
        SUBMITTERS_OWN_TASKS.includes(type) ? actor.sub : SOMEONE_ELSE,
      ),
    ),
  );
  return {
    canSubmitPlans: permits(() => assertMayCreatePlan(actor, actor.country ? [actor.country] : [])),
    canReviewTasks: taskTypes.some((type) => !SUBMITTERS_OWN_TASKS.includes(type)),
    taskTypes,
    canComment: permits(() => assertMayComment(actor)),
    canModerateComments: permits(() => assertMayModerate(actor, SOMEONE_ELSE)),
    isAdmin: hasRole(actor, 'admin'),
  };
}
