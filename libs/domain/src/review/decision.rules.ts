import { Actor, hasRole } from '../actor';
import { forbidden, invalid } from '../domain-error';
import { DECISIONS, TaskCandidate, TaskDecisionInput, TaskType } from '../task.types';

export interface TaskAccessView {
  type: TaskType;
  assignee?: string | null;
  candidate: TaskCandidate;
}

/**
 * May this actor decide this task? (DOMAIN §2: role, scope, segregation of duties.)
 * Throws a Forbidden DomainError that says why not.
 */
export function assertMayDecide(actor: Actor, task: TaskAccessView, planSubmitter: string): void {
  if (task.type !== 'disposition' && actor.sub === planSubmitter) {
    throw forbidden('segregation of duties: nobody decides a task on a plan they submitted');
  }
  if (task.assignee) {
    if (task.assignee !== actor.sub) throw forbidden(`this task is assigned to ${task.assignee}`);
    return;
  }
  const { role, country, body, seat } = task.candidate;
  if (!hasRole(actor, role)) throw forbidden(`this task needs the role ${role}`);
  if (country && actor.country !== country) throw forbidden(`this task is for country ${country}`);
  if (body && actor.body !== body) throw forbidden(`this task is for the body ${body}`);
  if (seat && actor.seat !== seat) throw forbidden(`this task is for the seat ${seat}`);
}

/**
 * May this task be given to `assignee`? Never to the plan's submitter (DOMAIN §5): they could not
 * decide it (segregation of duties), except the disposition, which is theirs.
 */
export function assertAssignable(task: Pick<TaskAccessView, 'type'>, assignee: string, planSubmitter: string): void {
  if (task.type !== 'disposition' && assignee === planSubmitter) {
    throw invalid(
      `a ${task.type} task cannot be given to ${assignee}, the plan's submitter (segregation of duties); choose another user`,
    );
  }
}

const needsText = (text: string | undefined) => typeof text === 'string' && text.trim().length > 0;

/**
 * Is the decision well-formed for the task type? Throws a ValidationFailed DomainError.
 * `visibleCommentIds` is needed for the disposition task only.
 */
export function assertValidDecision(type: TaskType, input: TaskDecisionInput, visibleCommentIds: string[] = []): void {
  const allowed: readonly string[] = DECISIONS[type];
  if (!allowed.includes(input.decision)) {
    throw invalid(`decision "${input.decision}" is not valid for a ${type} task; use one of: ${allowed.join(', ')}`);
  }
  switch (input.decision) {
    case 'support_with_comments':
      if (!needsText(input.comment)) throw invalid('support_with_comments needs a comment');
      break;
    case 'object':
    case 'request_revision':
    case 'reject':
    case 'break_silence':
      if (!needsText(input.reason)) throw invalid(`${input.decision} needs a reason`);
      break;
    case 'dispose':
      assertCompleteDispositions(input, visibleCommentIds);
      break;
  }
  if (input.revisedVersion && input.decision !== 'dispose') {
    throw invalid('only a disposition may attach a revised version');
  }
}

function assertCompleteDispositions(input: TaskDecisionInput, visibleCommentIds: string[]): void {
  const given = input.dispositions ?? [];
  const seen = new Set<string>();
  for (const d of given) {
    if (!visibleCommentIds.includes(d.commentId)) {
      throw invalid(`comment ${d.commentId} is not a visible comment of this plan`);
    }
    if (seen.has(d.commentId)) throw invalid(`comment ${d.commentId} has more than one disposition`);
    if (!needsText(d.response)) throw invalid(`comment ${d.commentId} needs a public response`);
    seen.add(d.commentId);
  }
  const missing = visibleCommentIds.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    throw invalid(`every visible comment needs a disposition; missing: ${missing.join(', ')}`);
  }
}
