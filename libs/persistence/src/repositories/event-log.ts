import type { Client as PgClient } from 'pg';
import { In, MoreThan, type EntityManager } from 'typeorm';
import type { DomainEvent, EventType } from '@aoc/domain/event.types';
import type { VersionRef } from '@aoc/domain/plan.types';
import { EventEntity } from '../entities/event.entity';

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

/*
 * Reads of the log, each by its primary key or an index on it: idx_events_plan (plan_id, id) for
 * a plan's page, the key's unique index for one event.
 */

type Db = Pick<EntityManager, 'getRepository'>;

/** A page of a plan's events, oldest first: up to `take` after the event id `after` (from the first without it). */
export function planEventsPage(
  db: Db,
  planId: string,
  after: string | undefined,
  take: number,
): Promise<EventEntity[]> {
  return db.getRepository(EventEntity).find({
    where: { planId, ...(after !== undefined ? { id: MoreThan(after) } : {}) },
    order: { id: 'ASC' },
    take,
  });
}

/** The events after the id `afterId`, oldest first, up to `limit`; of one plan only with `planId`. */
export function eventsAfter(db: Db, afterId: string, limit: number, planId?: string): Promise<EventEntity[]> {
  const qb = db
    .getRepository(EventEntity)
    .createQueryBuilder('e')
    .where('e.id > :afterId', { afterId })
    .orderBy('e.id', 'ASC')
    .limit(limit);
  if (planId) qb.andWhere('e.plan_id = :planId', { planId });
  return qb.getMany();
}

/** The events of these ids that exist, oldest first. */
export function eventsByIds(db: Db, ids: string[]): Promise<EventEntity[]> {
  return db.getRepository(EventEntity).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
}

/** The event of this key, which must exist (TypeORM's EntityNotFoundError otherwise). */
export function findEventByKeyOrFail(db: Db, key: string): Promise<EventEntity> {
  return db.getRepository(EventEntity).findOneByOrFail({ key });
}

/** The channel the `events` trigger announces each new event's id on (migration Notifications1796000000000). */
export const EVENTS_CHANNEL = 'aoc_events';

/**
 * Subscribes a dedicated connection (not one of the pool's: it must stay open) to the
 * announcements of new events; each arrives as a `notification` whose payload is the event's id.
 */
export async function listenForEvents(client: Pick<PgClient, 'query'>): Promise<void> {
  await client.query(`LISTEN ${EVENTS_CHANNEL}`);
}
