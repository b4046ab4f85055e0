import { Actor, hasRole } from './actor';
import { forbidden } from './domain-error';
import type { PlanStatus } from './plan.types';

export interface PlanAccessView {
  status: PlanStatus;
  createdBy: string;
  countries: string[];
}

/**
 * Which plans an actor may read (DOMAIN §2), as data: the one rule behind reading a plan
 * (`canViewPlan`) and the query that lists plans. Authors always see their own plans.
 */
export interface PlanVisibility {
  /** Admins see everything, drafts included. */
  everything: boolean;
  /** Plans under review (not drafts): all of them, those of `country`, or none. */
  underReview: 'all' | 'own-country' | 'none';
  country?: string;
}

/**
 * Drafts belong to their author; a plan under review is open to the secretariat, the Group of
 * Friends, civil society, and the participating countries' submitters and consultees.
 */
export function planVisibility(actor: Actor): PlanVisibility {
  if (hasRole(actor, 'admin')) return { everything: true, underReview: 'all' };
  if (hasRole(actor, 'secretariat') || hasRole(actor, 'gof_member') || hasRole(actor, 'cso')) {
    return { everything: false, underReview: 'all' };
  }
  if ((hasRole(actor, 'submitter') || hasRole(actor, 'consultee')) && actor.country) {
    return { everything: false, underReview: 'own-country', country: actor.country };
  }
  return { everything: false, underReview: 'none' };
}

export function canViewPlan(actor: Actor, plan: PlanAccessView): boolean {
  const visibility = planVisibility(actor);
  if (visibility.everything || actor.sub === plan.createdBy) return true;
  if (plan.status === 'DRAFT') return false;
  return (
    visibility.underReview === 'all' ||
    (visibility.underReview === 'own-country' && plan.countries.includes(visibility.country!))
  );
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
