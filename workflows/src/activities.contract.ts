import type { PlanContent, VersionRef } from '@aoc/domain/plan.types';
import type { ReviewRecords } from '@aoc/persistence/repositories/review-records';

export type { CommentRecord, ReviewRecords } from '@aoc/persistence/repositories/review-records';

export interface VersionSnapshot {
  version: VersionRef;
  content: PlanContent;
}

/**
 * The failure type of records that PostgreSQL refuses for their data (SQLSTATE class 22,
 * e.g. a NUL byte in a text): retrying cannot help, so the activity fails at once.
 */
export const RECORDS_REFUSED = 'RecordsRefused';

/** What an adoption record's issue answers: the record's id (the record itself is in PostgreSQL). */
export interface IssuedRecordRef {
  recordId: string;
}

/** The adoption record (DOMAIN §10): the last step of an endorsed review; implemented by the worker. */
export interface RecordActivities {
  issueAdoptionRecord(input: { planId: string; version: VersionRef }): Promise<IssuedRecordRef>;
}

/** The activities the workflows call, each named for what it writes or reads; implemented by the worker. */
export interface PlanActivities {
  writeReviewRecords(records: ReviewRecords): Promise<void>;
  readPlanVersion(planId: string, number: number): Promise<VersionSnapshot>;
  readGofSeats(): Promise<string[]>;
}
