import { createHash } from 'node:crypto';
import { Actor, hasRole } from '@aoc/domain/actor';
import { type PlanAccess, planAccess } from '@aoc/domain/plan.policy';
import { publicEventView } from '@aoc/domain/publication.rules';
import { canonicalJson } from '@aoc/domain/plan-diff';
import type { PlanContent } from '@aoc/domain/plan.types';
import type { EventResponse, PlanResponse, VersionResponse } from './dto/plan.responses';
import type { EventEntity, PlanEntity, PlanVersionEntity } from '@aoc/persistence';

/** The content hash of a version: SHA-256 of its canonical JSON. */
export const contentHash = (content: PlanContent) => createHash('sha256').update(canonicalJson(content)).digest('hex');

/**
 * A plan as `actor` may see it: the editable draft (perhaps an unsubmitted revision) only for
 * its author and admins; everyone else reads the frozen versions. `temporalUiUrl`: its workflow's
 * page in the Temporal Web UI (temporal/temporal-ui.ts).
 */
export function planView(plan: PlanEntity, actor: Actor, temporalUiUrl: string | null): PlanResponse {
  const author = actor.sub === plan.createdBy || hasRole(actor, 'admin');
  return {
    id: plan.id,
    kind: plan.kind,
    status: plan.status,
    title: plan.title,
    countries: plan.countries,
    createdBy: plan.createdBy,
    submittedBy: plan.submittedBy,
    latestVersion: plan.latestVersion,
    reviewVersion: plan.reviewVersion,
    returnTo: plan.returnTo,
    workflowId: plan.workflowId,
    temporalUiUrl,
    draft: author ? plan.draft : undefined,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

export function versionView(version: PlanVersionEntity, latest: number): VersionResponse {
  return {
    number: version.number,
    hash: version.hash,
    createdBy: version.createdBy,
    createdAt: version.createdAt.toISOString(),
    current: version.number === latest,
    content: version.content,
  };
}

/** An event of the timeline; one given on an older version than the latest is stale. */
export function eventView(event: EventEntity, latestVersion: number): EventResponse {
  return {
    id: Number(event.id),
    type: event.type,
    at: event.at.toISOString(),
    actor: event.actor,
    version: event.versionNumber === null ? null : { number: event.versionNumber, hash: event.versionHash ?? '' },
    stale: event.versionNumber !== null && event.versionNumber < latestVersion,
    payload: event.payload,
  };
}

/**
 * An event as `actor` may see it, or undefined: the timeline's rule (the plan's visibility,
 * `planAccess`, then `accessibleEventView`), for the events that do not come through a plan's timeline
 * (the live stream).
 */
export function visibleEventView(actor: Actor, plan: PlanEntity, event: EventEntity): EventResponse | undefined {
  const access = planAccess(actor, plan);
  return access ? accessibleEventView(access, event, plan.latestVersion) : undefined;
}

/** An event as a reader with this access sees it: whole, or as the public does (`publicEventView`), or not at all. */
export function accessibleEventView(
  access: PlanAccess,
  event: EventEntity,
  latestVersion: number,
): EventResponse | undefined {
  const view = eventView(event, latestVersion);
  if (access === 'full') return view;
  const shown = publicEventView(event);
  return shown ? { ...view, actor: shown.actor, payload: shown.payload } : undefined;
}
