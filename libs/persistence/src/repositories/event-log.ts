import type { EntityManager } from 'typeorm';
import type { DomainEvent, EventType } from '@aoc/domain/event.types';
import type { VersionRef } from '@aoc/domain/plan.types';

/**
 * The only statement that writes the `events` table (DOMAIN §6): an append, idempotent on the
 * event's key. The database refuses every UPDATE and DELETE of it (the append-only migration).
 *
 * Keys are deterministic, so that a retry can never append an event twice:
 * - events of a review: `<workflowId>/<runId>#<n>`, built by the workflow's Journal;
 * - events of a plan outside its review (`apiEventKey`): named for the one thing they record.
 */
export async function appendEvents(tx: EntityManager, events: DomainEvent[]): Promise<void> {
  for (const e of events) {
    await tx.query(
      `INSERT INTO events (key, plan_id, type, actor, version_number, version_hash, at, payload)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (key) DO NOTHING`,
      [
        e.key,
        e.planId,
        e.type,
        e.actor,
        e.version?.number ?? null,
        e.version?.hash ?? null,
        new Date(e.at),
        JSON.stringify(e.payload),
      ],
    );
  }
}

/**
 * The key of an event the API records for a plan when no review runs: its creation, the end of a
 * draft that was never submitted, a moderation after the review. Each happens once per subject.
 */
export function apiEventKey(planId: string, what: PlanOccurrence): string {
  return `plan:${planId}:${what}`;
}

export type PlanOccurrence =
  | 'created'
  | 'draft-ended'
  | `comment-hidden:${string}`
  /** A submitted version consults bodies nobody holds (DOMAIN §12). */
  | `unheld-bodies:${number}`;

/** An event the API records for a plan outside its review, keyed by what it records. */
export function planEvent(
  planId: string,
  what: PlanOccurrence,
  type: EventType,
  actor: string,
  version: VersionRef | undefined,
  payload: Record<string, unknown> = {},
): DomainEvent {
  return { key: apiEventKey(planId, what), planId, type, actor, version, at: Date.now(), payload };
}
