import { SYSTEM_ACTOR } from './actor';
import type { EventType } from './event.types';
import { STAGES, type PlanStatus, type Stage } from './plan.types';
import type { PublicComment, PublicOutcome, PublicTimelineEntry } from './publication.types';
import type { Disposition } from './task.types';

/**
 * What the public may see (DOMAIN §10), decided here once for the library, its open data and the
 * adoption record. Every public shape is built field by field from what it names: a payload is
 * never passed through, so an individual consultee's or seat's answer can't reach the public
 * by a new field in an event.
 */

/** The plans the public library shows: endorsed ones, and those open for civil society comment. */
export const PUBLIC_STATUSES = ['ENDORSED', 'CIVIL_SOCIETY_COMMENT'] as const satisfies readonly PlanStatus[];
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export function isPublicStatus(status: PlanStatus): status is PublicStatus {
  return (PUBLIC_STATUSES as readonly PlanStatus[]).includes(status);
}

/** An event of the log, as the timeline reads it. */
export interface TimelineSource {
  type: EventType;
  at: Date | string;
  versionNumber: number | null;
  versionHash: string | null;
  payload: Record<string, unknown>;
}

const iso = (at: Date | string) => (typeof at === 'string' ? new Date(at) : at).toISOString();
const isStage = (value: unknown): value is Stage => (STAGES as readonly unknown[]).includes(value);

/** How a stage ended, from its STAGE_COMPLETED payload: outcomes only. */
export function stageOutcome(stage: Stage, payload: Record<string, unknown>): PublicOutcome {
  switch (stage) {
    case 'NATIONAL_CONSULTATION':
      return payload.outcome === 'revision' ? 'objection' : 'no_objection';
    case 'CIVIL_SOCIETY_COMMENT':
      return Number(payload.visibleComments ?? 0) > 0 ? 'comments_disposed' : 'no_comments';
    case 'SECRETARIAT_REVIEW':
      return payload.decision === 'reject'
        ? 'rejected'
        : payload.decision === 'request_revision'
          ? 'revision_requested'
          : 'approved';
    case 'GOF_ENDORSEMENT':
      // Endorsed or under silence: the PLAN_ENDORSED event that follows says which.
      return payload.silenceBroken === true ? 'silence_broken' : 'endorsed_under_silence';
  }
}

/**
 * A review's public timeline from its events, oldest first: its submission, each stage with its
 * dates and outcome, the revisions and the versions they made, the endorsement.
 */
export function publicTimeline(events: readonly TimelineSource[]): PublicTimelineEntry[] {
  const timeline: PublicTimelineEntry[] = [];
  let submitted: number | undefined;
  for (const e of events) {
    const version = e.versionNumber ?? 0;
    switch (e.type) {
      case 'PLAN_SUBMITTED':
        submitted = version;
        timeline.push({ kind: 'submitted', at: iso(e.at), version });
        break;
      case 'STAGE_ENTERED':
        if (isStage(e.payload.stage)) {
          timeline.push({ kind: 'stage', stage: e.payload.stage, version, enteredAt: iso(e.at) });
        }
        break;
      case 'STAGE_COMPLETED': {
        const stage = e.payload.stage;
        const open = lastStage(timeline, (t) => t.stage === stage && t.completedAt === undefined);
        if (open && isStage(stage)) {
          open.completedAt = iso(e.at);
          open.outcome = stageOutcome(stage, e.payload);
        }
        break;
      }
      case 'REVISION_REQUESTED':
        if (isStage(e.payload.returnTo)) {
          timeline.push({ kind: 'revision', at: iso(e.at), version, returnTo: e.payload.returnTo });
        }
        break;
      case 'VERSION_CREATED':
        if (version !== submitted) {
          timeline.push({ kind: 'version', at: iso(e.at), version, hash: e.versionHash ?? '' });
        }
        break;
      case 'PLAN_ENDORSED': {
        const endorsement = lastStage(timeline, (t) => t.stage === 'GOF_ENDORSEMENT');
        if (endorsement && e.payload.outcome === 'endorsed') endorsement.outcome = 'endorsed';
        timeline.push({ kind: 'endorsed', at: iso(e.at), version });
        break;
      }
      default:
        break;
    }
  }
  return timeline;
}

/** What a reader with public access (DOMAIN §2: civil society) reads of one event of a plan's log. */
export interface PublicEventView {
  actor: string;
  payload: Record<string, unknown>;
}

/** Events whose actor is public: what civil society, the submitter and the secretariat did in the open. */
const PUBLIC_ACTORS: readonly EventType[] = [
  'PLAN_SUBMITTED',
  'VERSION_CREATED',
  'PLAN_WITHDRAWN',
  'COMMENT_POSTED',
  'COMMENT_HIDDEN',
  'COMMENT_DISPOSED',
];

const pick = (payload: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => payload[k] !== undefined).map((k) => [k, payload[k]]));

/**
 * An event of a plan's timeline as a reader with public access sees it (DOMAIN §2, §10), or
 * undefined: not shown. Built field by field like the library: stages with their outcomes, the
 * revisions, versions and the end; the comments (a comment's text only through the comments'
 * own list, which hides a hidden one's); the comment window's moves. Never a task, a consultee's
 * or a seat's answer, nor who gave it; the process's and the deciders' steps are `system`'s.
 */
export function publicEventView(event: {
  type: EventType;
  actor: string;
  payload: Record<string, unknown>;
}): PublicEventView | undefined {
  const p = event.payload;
  const payload = ((): Record<string, unknown> | undefined => {
    switch (event.type) {
      case 'PLAN_SUBMITTED':
      case 'VERSION_CREATED':
      case 'PLAN_ENDORSED':
      case 'PLAN_REJECTED':
      case 'PLAN_WITHDRAWN':
      case 'PLAN_CANCELLED':
      case 'RECORD_ISSUED':
        return {};
      case 'STAGE_ENTERED':
        return isStage(p.stage) ? pick(p, ['stage', 'commentWindowClosesAt']) : undefined;
      case 'STAGE_COMPLETED':
        return isStage(p.stage) ? { stage: p.stage, outcome: stageOutcome(p.stage, p) } : undefined;
      case 'REVISION_REQUESTED':
        return pick(p, ['returnTo']);
      case 'COMMENT_POSTED':
        return pick(p, ['commentId', 'org', 'field']);
      case 'COMMENT_HIDDEN':
        return pick(p, ['commentId', 'reason']);
      case 'COMMENT_DISPOSED':
        return pick(p, ['commentId', 'disposition', 'response']);
      case 'DEADLINE_EXTENDED':
        return p.stage === 'CIVIL_SOCIETY_COMMENT' ? pick(p, ['stage', 'commentWindowClosesAt']) : undefined;
      default:
        return undefined;
    }
  })();
  if (!payload) return undefined;
  return { actor: PUBLIC_ACTORS.includes(event.type) ? event.actor : SYSTEM_ACTOR, payload };
}

type StageEntry = Extract<PublicTimelineEntry, { kind: 'stage' }>;

function lastStage(timeline: PublicTimelineEntry[], match: (entry: StageEntry) => boolean): StageEntry | undefined {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const entry = timeline[i];
    if (entry.kind === 'stage' && match(entry)) return entry;
  }
  return undefined;
}

/** A comment as stored, as publicComment reads it. */
export interface CommentSource {
  id: string;
  org: string;
  postedAt: Date | string;
  versionNumber: number;
  field: string | null;
  text: string;
  hidden: boolean;
  hiddenReason: string | null;
  disposition: Disposition | null;
  response: string | null;
}

/** A civil society comment for the public: a hidden one keeps its reason, never its text. */
export function publicComment(c: CommentSource): PublicComment {
  return {
    id: c.id,
    organization: c.org,
    postedAt: iso(c.postedAt),
    version: c.versionNumber,
    ...(c.field ? { field: c.field } : {}),
    ...(c.hidden ? {} : { text: c.text }),
    hidden: c.hidden,
    ...(c.hidden && c.hiddenReason ? { hiddenReason: c.hiddenReason } : {}),
    ...(c.disposition ? { disposition: c.disposition } : {}),
    ...(c.response ? { response: c.response } : {}),
  };
}
