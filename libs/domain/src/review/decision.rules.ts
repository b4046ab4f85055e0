import { Actor, Role } from '../actor';
import { DomainError, ErrorCode, forbidden, invalid } from '../domain-error';
import {
  DECISIONS,
  DECISIONS_NEEDING_A_COMMENT,
  DECISIONS_NEEDING_A_REASON,
  TaskCandidate,
  TaskDecisionInput,
  TaskType,
} from '../task.types';

export interface TaskAccessView {
  type: TaskType;
  assignee?: string | null;
  candidate: TaskCandidate;
}

/** The scope a task's candidate may carry; each is matched against the actor's own. */
export const CANDIDATE_SCOPES = ['country', 'body', 'seat'] as const;
export type CandidateScope = (typeof CANDIDATE_SCOPES)[number];

const SCOPE_NAMES: Record<CandidateScope, string> = { country: 'country', body: 'the body', seat: 'the seat' };

/** Tasks that the plan's submitter decides: segregation of duties does not apply to them. */
export const SUBMITTERS_OWN_TASKS: readonly TaskType[] = ['disposition'];

/**
 * The rule of who may decide a task, as data about one actor: assertMayDecide checks a task against
 * it, and queries that must select the same tasks (the inbox) are written from it. The actor may
 * decide a task when all of these hold:
 * - the task is not given to another user: its assignee is unset or `sub`;
 * - its candidate role is one of `roles`;
 * - each of its candidate scopes (country, body, seat) is unset or equal to the actor's in `scopes`
 *   (an actor without a scope matches only tasks without it);
 * - the actor did not submit the plan (`sub`), unless the task's type is in `submittersOwnTasks`.
 * test/authz/inbox-agrees-with-rule.e2e-spec.ts checks the inbox against assertMayDecide.
 */
export interface DeciderScope {
  sub: string;
  roles: readonly Role[];
  scopes: Readonly<Record<CandidateScope, string | null>>;
  submittersOwnTasks: readonly TaskType[];
}

export function deciderScope(actor: Actor): DeciderScope {
  return {
    sub: actor.sub,
    roles: actor.roles,
    scopes: { country: actor.country ?? null, body: actor.body ?? null, seat: actor.seat ?? null },
    submittersOwnTasks: SUBMITTERS_OWN_TASKS,
  };
}

/** Where an actor falls short of a task's candidate: the role, or a scope (country, body, seat). */
type CandidateMismatch = { role: Role } | { scope: CandidateScope; wanted: string };

/** Whether the decider holds the candidate's role and each of its scopes; if not, the first shortfall. */
function candidateMismatch(decider: DeciderScope, candidate: TaskCandidate): CandidateMismatch | undefined {
  if (!decider.roles.includes(candidate.role)) return { role: candidate.role };
  for (const scope of CANDIDATE_SCOPES) {
    const wanted = candidate[scope];
    if (wanted && decider.scopes[scope] !== wanted) return { scope, wanted };
  }
  return undefined;
}

/**
 * May this actor decide this task? (DOMAIN §2: role, scope, segregation of duties; the rule of
 * deciderScope.) Throws a Forbidden DomainError that says why not.
 */
export function assertMayDecide(actor: Actor, task: TaskAccessView, planSubmitter: string): void {
  const decider = deciderScope(actor);
  if (!decider.submittersOwnTasks.includes(task.type) && decider.sub === planSubmitter) {
    throw forbidden('segregation of duties: nobody decides a task on a plan they submitted');
  }
  // A task given to a user is theirs alone, and they still need its role and scope (DOMAIN §5).
  if (task.assignee && task.assignee !== decider.sub) throw forbidden(`this task is assigned to ${task.assignee}`);
  const mismatch = candidateMismatch(decider, task.candidate);
  if (mismatch && 'role' in mismatch) throw forbidden(`this task needs the role ${mismatch.role}`);
  if (mismatch) throw forbidden(`this task is for ${SCOPE_NAMES[mismatch.scope]} ${mismatch.wanted}`);
}

const notEligible = (message: string) => new DomainError(ErrorCode.AssigneeNotEligible, message);

/**
 * May this task be given to `assignee` (DOMAIN §5)? Only to a named user the users directory knows
 * (`profile`: their roles and scope as their last token said), who holds the task's role and scope,
 * so that they can decide it (assertMayDecide); and never to the plan's submitter, who could not
 * (segregation of duties), except the disposition, which is theirs: it goes only to a submitter of
 * one of the plan's `planCountries` (a national plan's own country; one of a strategy's). Throws
 * ASSIGNEE_NOT_ELIGIBLE (400) naming what is wrong.
 */
export function assertAssignable(
  task: Pick<TaskAccessView, 'type' | 'candidate'>,
  assignee: string,
  profile: Actor | undefined,
  planSubmitter: string,
  planCountries: readonly string[] = [],
): void {
  if (!SUBMITTERS_OWN_TASKS.includes(task.type) && assignee === planSubmitter) {
    throw notEligible(
      `a ${task.type} task cannot be given to ${assignee}, the plan's submitter (segregation of duties); choose another user`,
    );
  }
  if (!profile || profile.sub !== assignee) {
    throw notEligible(
      `${assignee} is not in the users directory: a task can be given only to a user who has signed in at least once (GET /users lists them)`,
    );
  }
  const mismatch = candidateMismatch(deciderScope(profile), task.candidate);
  if (mismatch && 'role' in mismatch) {
    throw notEligible(
      `${assignee} does not hold the role ${mismatch.role} that this ${task.type} task needs (their roles: ${profile.roles.join(', ') || 'none'})`,
    );
  }
  if (mismatch) {
    throw notEligible(
      `this ${task.type} task is for ${SCOPE_NAMES[mismatch.scope]} ${mismatch.wanted}, and ${assignee} is not (theirs: ${profile[mismatch.scope] ?? 'none'})`,
    );
  }
  // The submitter's own task stays with the plan's countries (DOMAIN §5).
  if (SUBMITTERS_OWN_TASKS.includes(task.type) && !(profile.country && planCountries.includes(profile.country))) {
    throw notEligible(
      `a ${task.type} task goes only to a submitter of the plan's ${planCountries.length > 1 ? 'countries' : 'country'} (${planCountries.join(', ')}), and ${assignee} is of ${profile.country ?? 'no country'}`,
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
  if (DECISIONS_NEEDING_A_COMMENT.includes(input.decision) && !needsText(input.comment)) {
    throw invalid(`${input.decision} needs a comment`);
  }
  if (DECISIONS_NEEDING_A_REASON.includes(input.decision) && !needsText(input.reason)) {
    throw invalid(`${input.decision} needs a reason`);
  }
  if (input.decision === 'dispose') assertCompleteDispositions(input, visibleCommentIds);
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
