import { IsNull, type EntityManager } from 'typeorm';
import type { VersionRef, PlanContent } from '@aoc/domain/plan.types';
import { GofSeatEntity } from '../entities/gof-seat.entity';
import { PlanVersionEntity } from '../entities/plan-version.entity';

/** Reads the API and the worker share. */

export async function readPlanVersion(
  db: Pick<EntityManager, 'getRepository'>,
  planId: string,
  number: number,
): Promise<{ version: VersionRef; content: PlanContent } | undefined> {
  const row = await db.getRepository(PlanVersionEntity).findOneBy({ planId, number });
  return row ? { version: { number: row.number, hash: row.hash }, content: row.content } : undefined;
}

/** The Group of Friends seats that take part (not retired), in order. */
export function listGofSeats(db: Pick<EntityManager, 'getRepository'>): Promise<GofSeatEntity[]> {
  return db.getRepository(GofSeatEntity).find({ where: { retiredAt: IsNull() }, order: { seat: 'ASC' } });
}
