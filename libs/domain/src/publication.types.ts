import type { Disposition } from './task.types';
import type { PlanContent, PlanKind, Stage, VersionRef } from './plan.types';

/**
 * What the public may see of a plan (DOMAIN §10): the library's pages, its open data and the
 * adoption record are all built from these shapes, and only from them. Nothing here can hold an
 * individual consultee's or seat's answer: a stage shows its outcome alone.
 */

/** How a stage ended, as the public may read it. */
export const PUBLIC_OUTCOMES = [
  /** National consultation: every body supported, or stayed silent (silence is not an objection). */
  'no_objection',
  /** National consultation: an objection sent the plan to revision (who objected is not public). */
  'objection',
  /** Civil society comment: every visible comment got a disposition. */
  'comments_disposed',
  /** Civil society comment: the window closed with no visible comment. */
  'no_comments',
  'approved',
  'revision_requested',
  'rejected',
  /** Group of Friends: every seat endorsed before the deadline. */
  'endorsed',
  /** Group of Friends: the silence procedure ended with silence held (silence is consent). */
  'endorsed_under_silence',
  /** Group of Friends: a seat broke silence (which seat, and why, is not public). */
  'silence_broken',
] as const;
export type PublicOutcome = (typeof PUBLIC_OUTCOMES)[number];

/** One step of a review's public timeline, oldest first. */
export type PublicTimelineEntry =
  | { kind: 'submitted'; at: string; version: number }
  | { kind: 'stage'; stage: Stage; version: number; enteredAt: string; completedAt?: string; outcome?: PublicOutcome }
  | { kind: 'revision'; at: string; version: number; returnTo: Stage }
  | { kind: 'version'; at: string; version: number; hash: string }
  | { kind: 'endorsed'; at: string; version: number };

/** A civil society comment as the public sees it: a hidden one keeps its reason, never its text. */
export interface PublicComment {
  id: string;
  /** The organization that posted it (never the person's user id). */
  organization: string;
  postedAt: string;
  version: number;
  field?: string;
  /** Absent when the comment is hidden. */
  text?: string;
  hidden: boolean;
  hiddenReason?: string;
  disposition?: Disposition;
  response?: string;
}

/**
 * The adoption record's canonical data (DOMAIN §10): what its signature covers, serialized by
 * RFC 8785 (JSON canonicalization). The language a record's PDF is issued in is not part of it:
 * every language's PDF renders the same data.
 */
export interface AdoptionRecordData {
  recordId: string;
  planId: string;
  kind: PlanKind;
  version: VersionRef;
  content: PlanContent;
  timeline: PublicTimelineEntry[];
  comments: PublicComment[];
  /** ISO 8601, UTC. */
  issuedAt: string;
}

/** What a verification of a record's PDF says (POST /api/public/records/verify, `npm run verify-record`). */
export type RecordVerification =
  | {
      authentic: true;
      recordId: string;
      planId: string;
      version: number;
      versionHash: string;
      issuedAt: string;
      keyId: string;
    }
  | { authentic: false; reason: string };
