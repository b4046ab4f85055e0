import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { listGofSeats, readPlanVersion } from '@aoc/persistence/repositories/catalog';
import { writeReviewRecords } from '@aoc/persistence/repositories/review-records';
import {
  RECORDS_REFUSED,
  type PlanActivities,
  type ReviewRecords,
  type VersionSnapshot,
} from '@aoc/workflows/activities.contract';
import { isPlanMissing, planMissing } from './plan-missing';

/**
 * The workflows' only way to PostgreSQL, each activity named for what it writes or reads. A
 * review's records are one transaction of idempotent writes (unique keys, conditional
 * updates), so a retried activity changes nothing.
 *
 * The notifications of the events need nothing more: the transaction that appends them queues
 * them for the worker's notification consumer (docs/notifications.md).
 */
export function createPlanActivities(dataSource: DataSource): PlanActivities {
  return {
    async writeReviewRecords(records: ReviewRecords): Promise<void> {
      try {
        await dataSource.transaction((tx) => writeReviewRecords(tx, records));
      } catch (error) {
        if (isPlanMissing(error)) return planMissing(records, error as Error);
        const sqlState = dataExceptionOf(error);
        if (!sqlState) throw error;
        throw ApplicationFailure.create({
          type: RECORDS_REFUSED,
          nonRetryable: true,
          message: `PostgreSQL refused the records of plan ${records.planId} (SQLSTATE ${sqlState}): ${(error as Error).message}`,
          details: [{ sqlState }],
        });
      }
    },

    async readPlanVersion(planId: string, number: number): Promise<VersionSnapshot> {
      const found = await readPlanVersion(dataSource.manager, planId, number);
      if (!found) throw ApplicationFailure.nonRetryable(`plan ${planId} has no version ${number}`, 'VersionNotFound');
      return found;
    },

    async readGofSeats(): Promise<string[]> {
      return (await listGofSeats(dataSource.manager)).map((s) => s.seat);
    },
  };
}

/** The SQLSTATE of a data exception (class 22: bad bytes, out-of-range values), which no retry can mend. */
function dataExceptionOf(error: unknown): string | undefined {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ??
    (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22') ? code : undefined;
}
