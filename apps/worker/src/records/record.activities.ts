import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@aoc/domain/actor';
import type { DomainEvent } from '@aoc/domain/event.types';
import type { VersionRef } from '@aoc/domain/plan.types';
import { publicComment, publicTimeline } from '@aoc/domain/publication.rules';
import type { AdoptionRecordData } from '@aoc/domain/publication.types';
import {
  findRecordOfVersion,
  insertAdoptionRecord,
  type IssuedRecord,
  recordEventKey,
  registerSigningKey,
} from '@aoc/persistence/repositories/adoption-records';
import { readPlanVersion } from '@aoc/persistence/repositories/catalog';
import { readReviewSources } from '@aoc/persistence/repositories/publication';
import { canonicalBytes } from '@aoc/publication/canonical-data';
import { recordIdFor } from '@aoc/publication/record-id';
import { renderRecordPdf, type RenderedRecord } from '@aoc/publication/record-pdf';
import type { SigningKey } from '@aoc/publication/signing-key';
import type { IssuedRecordRef, RecordActivities } from '@aoc/workflows/activities.contract';

/** The language a record is first issued in: the plan's original language, once plans declare one (DOMAIN §11). */
const ORIGINAL_LANGUAGE = 'en';

/**
 * The adoption record's issue (DOMAIN §10), the last step of an endorsed review. Idempotent: a
 * record already issued for the version is answered as it is; two attempts that race render
 * twice but store once (the id is the version's, the inserts do nothing on conflict).
 */
export function createRecordActivities(
  dataSource: DataSource,
  settings: { key: SigningKey; publicUrl: string },
): RecordActivities {
  return {
    async issueAdoptionRecord({ planId, version }: { planId: string; version: VersionRef }): Promise<IssuedRecordRef> {
      const existing = await findRecordOfVersion(dataSource.manager, planId, version.number);
      if (existing) return { recordId: existing.id };
      const snapshot = await readPlanVersion(dataSource.manager, planId, version.number);
      if (!snapshot) {
        throw ApplicationFailure.nonRetryable(`plan ${planId} has no version ${version.number}`, 'VersionNotFound');
      }
      const { events, comments } = await readReviewSources(dataSource.manager, planId);
      const issuedAt = new Date();
      const data: AdoptionRecordData = {
        recordId: recordIdFor(planId, version.number),
        planId,
        kind: snapshot.content.kind,
        version: snapshot.version,
        content: snapshot.content,
        timeline: publicTimeline(events),
        comments: comments.map(publicComment),
        issuedAt: issuedAt.toISOString(),
      };
      const { key, publicUrl } = settings;
      const rendered = await renderRecordPdf(data, { language: ORIGINAL_LANGUAGE, publicUrl, key });
      // Its RECORD_ISSUED event is queued for the notification consumer with it (docs/notifications.md).
      const { stored } = await storeAdoptionRecord(dataSource, data, rendered, key, ORIGINAL_LANGUAGE);
      return { recordId: stored.id };
    },
  };
}

/**
 * Stores a rendered record, its PDF in `language` and its RECORD_ISSUED event in one transaction,
 * and publishes the key that signed it (valid from this record on, if it is its first). A record
 * already stored for the version stands: this one is then not stored, and the first is answered.
 */
export async function storeAdoptionRecord(
  dataSource: DataSource,
  data: AdoptionRecordData,
  rendered: RenderedRecord,
  key: SigningKey,
  language: string,
): Promise<{ stored: IssuedRecord; event: DomainEvent }> {
  const issuedAt = new Date(data.issuedAt);
  const event: DomainEvent = {
    key: recordEventKey(data.recordId, language),
    planId: data.planId,
    type: 'RECORD_ISSUED',
    actor: SYSTEM_ACTOR,
    version: data.version,
    at: issuedAt.getTime(),
    payload: {
      recordId: data.recordId,
      language,
      keyId: key.keyId,
      dataSha256: rendered.dataSha256,
      fileSha256: rendered.fileSha256,
      bytes: rendered.pdf.length,
    },
  };
  const stored = await dataSource.transaction(async (tx) => {
    await registerSigningKey(tx, key.keyId, { ...key.publicJwk }, issuedAt);
    return insertAdoptionRecord(
      tx,
      {
        id: data.recordId,
        planId: data.planId,
        versionNumber: data.version.number,
        versionHash: data.version.hash,
        issuedAt,
        canonical: canonicalBytes(data).toString('utf8'),
        dataSha256: rendered.dataSha256,
        keyId: key.keyId,
        dataSignature: rendered.dataSignature,
      },
      {
        recordId: data.recordId,
        language,
        pdf: rendered.pdf,
        fileSha256: rendered.fileSha256,
        fileSignature: rendered.fileSignature,
        keyId: key.keyId,
        issuedAt,
      },
      event,
    );
  });
  return { stored, event };
}
