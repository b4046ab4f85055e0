import { Actor, hasRole } from './actor';
import { forbidden } from './domain-error';
import { STAGES, type PlanStatus, type Stage } from './plan.types';

export interface PlanAccessView {
  status: PlanStatus;
  createdBy: string;
  countries: string[];
  /** The furthest stage its review has entered; null (or absent) before its first. */
  reachedStage?: Stage | null;
}

/**
 * How much of a plan a reader sees: `full`, or `public`: only what the public library shows
 * (DOMAIN §10), never a consultee's or a seat's individual answer.
 */
export type PlanAccess = 'full' | 'public';

/** One way of seeing submitted plans: those of a country, those that reached a stage, or all of them. */
export interface PlanGrant {
  /** Submitted plans in which this country takes part; unset: any country. */
  country?: string;
  /** Submitted plans whose review has entered this stage (or a later one); unset: from submission. */
  fromStage?: Stage;
  access: PlanAccess;
}

/**
 * Which plans an actor may read (DOMAIN §2, "Who sees a plan"), as data: the one rule behind
 * reading a plan (`planAccess`, `canViewPlan`), the query that lists plans and the live stream.
 * Authors always see their own plans; admins everything, drafts included.
 */
export interface PlanVisibility {
  everything: boolean;
  /** The submitted plans the actor sees besides their own: the union of these grants. */
  grants: PlanGrant[];
}

/**
 * Drafts belong to their author. A submitted plan is open, always, to the secretariat and to the
 * submitters and consultees of its countries; to the Group of Friends from its endorsement stage
 * on; to civil society from the opening of its comment window on, and then only as the public
 * library shows it.
 */
export function planVisibility(actor: Actor): PlanVisibility {
  if (hasRole(actor, 'admin')) return { everything: true, grants: [{ access: 'full' }] };
  const grants: PlanGrant[] = [];
  if (hasRole(actor, 'secretariat')) grants.push({ access: 'full' });
  if ((hasRole(actor, 'submitter') || hasRole(actor, 'consultee')) && actor.country) {
    grants.push({ country: actor.country, access: 'full' });
  }
  if (hasRole(actor, 'gof_member')) grants.push({ fromStage: 'GOF_ENDORSEMENT', access: 'full' });
  if (hasRole(actor, 'cso')) grants.push({ fromStage: 'CIVIL_SOCIETY_COMMENT', access: 'public' });
  return { everything: false, grants };
}

/** Whether a plan's review has entered `stage`, or a stage after it. */
export function hasReached(plan: Pick<PlanAccessView, 'reachedStage'>, stage: Stage): boolean {
  return plan.reachedStage ? STAGES.indexOf(plan.reachedStage) >= STAGES.indexOf(stage) : false;
}

function grantCovers(grant: PlanGrant, plan: PlanAccessView): boolean {
  if (grant.country && !plan.countries.includes(grant.country)) return false;
  return !grant.fromStage || hasReached(plan, grant.fromStage);
}

/** How much of this plan the actor sees (`full` beats `public`), or undefined: nothing. */
export function planAccess(actor: Actor, plan: PlanAccessView): PlanAccess | undefined {
  const visibility = planVisibility(actor);
  if (visibility.everything || actor.sub === plan.createdBy) return 'full';
  if (plan.status === 'DRAFT') return undefined;
  const covering = visibility.grants.filter((g) => grantCovers(g, plan));
  if (covering.some((g) => g.access === 'full')) return 'full';
  return covering.length > 0 ? 'public' : undefined;
}

export function canViewPlan(actor: Actor, plan: PlanAccessView): boolean {
  return planAccess(actor, plan) !== undefined;
}

/**
 * Who "the plan's submitter" is, for segregation of duties (DOMAIN §2) and the submitter's own
 * tasks: whoever submitted it, else (a draft) its author. The one definition that deciding a task,
 * the inbox's SQL (from PLAN_SUBMITTER_FIELDS, in that order) and moderation all use.
 */
export const PLAN_SUBMITTER_FIELDS = ['submittedBy', 'createdBy'] as const;

export function planSubmitter(plan: { submittedBy?: string | null; createdBy: string }): string {
  return plan.submittedBy ?? plan.createdBy;
}

/** Only the plan's own submitter edits, submits, revises and withdraws it. */
export function assertPlanOwner(actor: Actor, plan: PlanAccessView, action: string): void {
  if (!hasRole(actor, 'submitter')) throw forbidden(`only a submitter may ${action} a plan`);
  if (actor.sub !== plan.createdBy) throw forbidden(`only the plan's own submitter may ${action} it`);
}

/**
 * A submitter is scoped to a country (DOMAIN §2): they create plans in which it takes part (a
 * regional strategy's lead coordinator, among its participating countries), never without one.
 */
export function assertMayCreatePlan(actor: Actor, countries: string[]): void {
  if (!hasRole(actor, 'submitter')) throw forbidden('only a submitter may create a plan');
  if (!actor.country) throw forbidden('a submitter needs a country claim in their token to create a plan');
  if (!countries.includes(actor.country)) {
    throw forbidden(`a submitter of ${actor.country} may create plans only for ${actor.country}`);
  }
}
