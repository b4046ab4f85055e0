import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import type { JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@aoc/persistence/data-source';
import {
  endorsedPlansAndTheirRecords,
  listSigningKeys,
  readRecord,
  readRecordFile,
} from '@aoc/persistence/repositories/adoption-records';
import { verifyRecordPdf } from '@aoc/publication/verify-record';

export interface RecordsReport {
  /** Endorsed plans whose one record verified. */
  verified: number;
  /** Endorsed plans whose review still runs or was terminated (its test stopped it before the record's step). */
  pending: number;
  problems: string[];
}

/**
 * DOMAIN §10 over everything a test run did: every plan that reached ENDORSED has exactly one
 * adoption record, for its endorsed version, and its PDF verifies against the published keys. A
 * plan without one is a failure unless its review is still running (the test stopped its worker
 * between the endorsement and the record, the review's last step).
 */
export async function checkAdoptionRecords(options: {
  databaseUrl: string;
  temporalAddress: string;
}): Promise<RecordsReport> {
  const db = await createDataSource(options.databaseUrl, { poolSize: 2 }).initialize();
  try {
    return await checkAdoptionRecordsIn(db, options.temporalAddress);
  } finally {
    await db.destroy();
  }
}

/** The same check on a database already open (the fault and cluster tiers' own). */
export async function checkAdoptionRecordsIn(
  db: DataSource,
  temporalAddress: string,
  namespace = 'default',
): Promise<RecordsReport> {
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new Client({ connection, namespace });
    const keys = (await listSigningKeys(db.manager)).map((k) => ({
      keyId: k.keyId,
      publicJwk: k.publicJwk as unknown as JWK,
      validFrom: k.validFrom.toISOString(),
      ...(k.validUntil ? { validUntil: k.validUntil.toISOString() } : {}),
    }));
    const report: RecordsReport = { verified: 0, pending: 0, problems: [] };
    for (const plan of await endorsedPlansAndTheirRecords(db.manager)) {
      if (plan.recordIds.length > 1) {
        report.problems.push(`plan ${plan.planId} has ${plan.recordIds.length} records: ${plan.recordIds.join(', ')}`);
        continue;
      }
      if (plan.recordIds.length === 0) {
        const status = plan.workflowId ? await workflowStatus(client, plan.workflowId) : 'no workflow';
        // Still running, or stopped by its test (terminated) before the record's step: not the code's doing.
        if (status === 'RUNNING' || status === 'TERMINATED') report.pending++;
        else report.problems.push(`plan ${plan.planId} was endorsed without an adoption record (review ${status})`);
        continue;
      }
      const record = (await readRecord(db.manager, plan.recordIds[0]))!;
      const file = await readRecordFile(db.manager, record.id);
      if (record.versionNumber !== plan.versionNumber) {
        report.problems.push(
          `plan ${plan.planId}: record ${record.id} is of version ${record.versionNumber}, not ${plan.versionNumber}`,
        );
        continue;
      }
      const verdict = file ? verifyRecordPdf(file.pdf, keys) : { authentic: false as const, reason: 'no PDF' };
      if (verdict.authentic && verdict.planId === plan.planId) report.verified++;
      else
        report.problems.push(
          `plan ${plan.planId}: record ${record.id} does not verify (${verdict.authentic ? 'another plan' : verdict.reason})`,
        );
    }
    return report;
  } finally {
    await connection.close();
  }
}

async function workflowStatus(client: Client, workflowId: string): Promise<string> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'not found';
    throw error;
  }
}
