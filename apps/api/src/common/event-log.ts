import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventType } from '@aoc/domain/event.types';
import type { VersionRef } from '@aoc/domain/plan.types';
import { EventEntity } from '@aoc/persistence';

/** Appends an event for a transition the API itself makes (create, submit, claim), in the caller's transaction. */
export async function appendEvent(
  tx: EntityManager,
  planId: string,
  type: EventType,
  actor: string,
  version: VersionRef | undefined,
  payload: Record<string, unknown> = {},
): Promise<void> {
  const events = tx.getRepository(EventEntity);
  await events.save(
    events.create({
      key: `api:${randomUUID()}`,
      planId,
      type,
      actor,
      versionNumber: version?.number ?? null,
      versionHash: version?.hash ?? null,
      at: new Date(),
      payload,
    }),
  );
}
