import { Actor, hasRole } from './actor';
import { forbidden } from './domain-error';
import type { PlanStatus } from './plan.types';

export interface PlanAccessView {
  status: PlanStatus;
  createdBy: string;
  countries: string[];
}

/**
 * Who may read a plan (DOMAIN §2): drafts belong to their author; a plan under review is
 * open to the secretariat, the Group of Friends, civil society, and the participating
 * countries' submitters and consultees. Admins see everything.
 */
export function canViewPlan(actor: Actor, plan: PlanAccessView): boolean {
  if (actor.sub === plan.createdBy || hasRole(actor, 'admin')) return true;
  if (plan.status === 'DRAFT') return false;
  if (hasRole(actor, 'secretariat') || hasRole(actor, 'gof_member') || hasRole(actor, 'cso')) return true;
  return (
    (hasRole(actor, 'submitter') || hasRole(actor, 'consultee')) &&
    actor.country !== undefined &&
    plan.countries.includes(actor.country)
  );
}

/** Only the plan's own submitter edits, submits, revises and withdraws it. */
export function assertPlanOwner(actor: Actor, plan: PlanAccessView, action: string): void {
  if (!hasRole(actor, 'submitter')) throw forbidden(`only a submitter may ${action} a plan`);
  if (actor.sub !== plan.createdBy) throw forbidden(`only the plan's own submitter may ${action} it`);
}
