import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@aoc/domain/event.types';
import { appendEvents } from './event-log';

/**
 * Adoption records (DOMAIN §10): the one writer of `adoption_records`, `adoption_record_files`
 * and `record_signing_keys` (the worker: its `issueAdoptionRecord` activity, and its start for the
 * key), and their reads. Every write is an insert that does nothing when the row is there, so a
 * retried activity writes nothing twice; PostgreSQL refuses every UPDATE and DELETE.
 */
type Db = Pick<EntityManager, 'query'>;

export interface IssuedRecord {
  id: string;
  planId: string;
  versionNumber: number;
  versionHash: string;
  issuedAt: Date;
  canonical: string;
  dataSha256: string;
  keyId: string;
  dataSignature: string;
}

export interface RecordFile {
  recordId: string;
  language: string;
  pdf: Buffer;
  fileSha256: string;
  fileSignature: string;
  keyId: string;
  issuedAt: Date;
}

/** The key of the RECORD_ISSUED event of a record's file: one per record and language. */
export const recordEventKey = (recordId: string, language: string) => `record:${recordId}:${language}`;

/**
 * Stores a record, its PDF and its RECORD_ISSUED event in one transaction. A record already
 * issued for the version stands: the second issue writes nothing and answers the first.
 */
export async function insertAdoptionRecord(
  tx: Db,
  record: IssuedRecord,
  file: RecordFile,
  event: DomainEvent,
): Promise<IssuedRecord> {
  await tx.query(
    `INSERT INTO adoption_records (id, plan_id, version_number, version_hash, issued_at, canonical, data_sha256, key_id, data_signature)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING`,
    [
      record.id,
      record.planId,
      record.versionNumber,
      record.versionHash,
      record.issuedAt,
      record.canonical,
      record.dataSha256,
      record.keyId,
      record.dataSignature,
    ],
  );
  const stored = await findRecordOfVersion(tx, record.planId, record.versionNumber);
  if (stored?.id !== record.id) throw new Error(`plan ${record.planId} v${record.versionNumber}: record id mismatch`);
  if (stored.issuedAt.getTime() === record.issuedAt.getTime()) {
    await tx.query(
      `INSERT INTO adoption_record_files (record_id, language, pdf, file_sha256, file_signature, key_id, issued_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING`,
      [file.recordId, file.language, file.pdf, file.fileSha256, file.fileSignature, file.keyId, file.issuedAt],
    );
    await appendEvents(tx as EntityManager, [event]);
  }
  return stored;
}

interface RecordRow {
  id: string;
  plan_id: string;
  version_number: number;
  version_hash: string;
  issued_at: Date;
  canonical: string;
  data_sha256: string;
  key_id: string;
  data_signature: string;
}

const toRecord = (r: RecordRow): IssuedRecord => ({
  id: r.id,
  planId: r.plan_id,
  versionNumber: r.version_number,
  versionHash: r.version_hash,
  issuedAt: r.issued_at,
  canonical: r.canonical,
  dataSha256: r.data_sha256,
  keyId: r.key_id,
  dataSignature: r.data_signature,
});

export async function findRecordOfVersion(
  db: Db,
  planId: string,
  versionNumber: number,
): Promise<IssuedRecord | undefined> {
  const [row] = (await db.query(`SELECT * FROM adoption_records WHERE plan_id = $1 AND version_number = $2`, [
    planId,
    versionNumber,
  ])) as RecordRow[];
  return row ? toRecord(row) : undefined;
}

export async function readRecord(db: Db, recordId: string): Promise<IssuedRecord | undefined> {
  const [row] = (await db.query(`SELECT * FROM adoption_records WHERE id = $1`, [recordId])) as RecordRow[];
  return row ? toRecord(row) : undefined;
}

/** A record's PDF in `language`, or in the first language it was issued in. */
export async function readRecordFile(db: Db, recordId: string, language?: string): Promise<RecordFile | undefined> {
  const [row] = (await db.query(
    `SELECT record_id, language, pdf, file_sha256, file_signature, key_id, issued_at FROM adoption_record_files
     WHERE record_id = $1 ORDER BY (language = $2) DESC, issued_at LIMIT 1`,
    [recordId, language ?? ''],
  )) as {
    record_id: string;
    language: string;
    pdf: Buffer;
    file_sha256: string;
    file_signature: string;
    key_id: string;
    issued_at: Date;
  }[];
  return row
    ? {
        recordId: row.record_id,
        language: row.language,
        pdf: row.pdf,
        fileSha256: row.file_sha256,
        fileSignature: row.file_signature,
        keyId: row.key_id,
        issuedAt: row.issued_at,
      }
    : undefined;
}

/** The record whose PDF has this SHA-256, if any (the online check of a file's bytes). */
export async function findRecordFileByDigest(db: Db, fileSha256: string): Promise<{ recordId: string } | undefined> {
  const [row] = (await db.query(`SELECT record_id FROM adoption_record_files WHERE file_sha256 = $1 LIMIT 1`, [
    fileSha256,
  ])) as { record_id: string }[];
  return row ? { recordId: row.record_id } : undefined;
}

export interface RecordSummary {
  id: string;
  planId: string;
  title: string;
  versionNumber: number;
  versionHash: string;
  issuedAt: Date;
  keyId: string;
  languages: string[];
  pdfBytes: number;
}

/** The records issued, newest first (the admin dashboard), `limit` of them before `before`. */
export async function listRecords(
  db: Db,
  limit: number,
  before?: { issuedAt: string; id: string },
): Promise<RecordSummary[]> {
  const rows = (await db.query(
    `SELECT r.id, r.plan_id, v.content ->> 'title' AS title, r.version_number, r.version_hash, r.issued_at, r.key_id,
       ARRAY(SELECT f.language FROM adoption_record_files f WHERE f.record_id = r.id ORDER BY f.issued_at) AS languages,
       (SELECT COALESCE(sum(octet_length(f.pdf)), 0)::int FROM adoption_record_files f WHERE f.record_id = r.id) AS pdf_bytes
     FROM adoption_records r JOIN plan_versions v ON v.plan_id = r.plan_id AND v.number = r.version_number
     WHERE ($2::timestamptz IS NULL OR (r.issued_at, r.id) < ($2::timestamptz, $3::text))
     ORDER BY r.issued_at DESC, r.id DESC LIMIT $1`,
    [limit, before?.issuedAt ?? null, before?.id ?? null],
  )) as {
    id: string;
    plan_id: string;
    title: string;
    version_number: number;
    version_hash: string;
    issued_at: Date;
    key_id: string;
    languages: string[];
    pdf_bytes: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    title: r.title,
    versionNumber: r.version_number,
    versionHash: r.version_hash,
    issuedAt: r.issued_at,
    keyId: r.key_id,
    languages: r.languages,
    pdfBytes: r.pdf_bytes,
  }));
}

/** Every endorsed plan with its review's workflow and its records, for the test run's check (one each, verifying). */
export async function endorsedPlansAndTheirRecords(
  db: Db,
): Promise<{ planId: string; workflowId: string | null; versionNumber: number; recordIds: string[] }[]> {
  const rows = (await db.query(
    `SELECT p.id AS plan_id, p.workflow_id, p.review_version AS version_number,
       ARRAY(SELECT r.id FROM adoption_records r WHERE r.plan_id = p.id ORDER BY r.id) AS record_ids
     FROM plans p WHERE p.status = 'ENDORSED' ORDER BY p.id`,
  )) as { plan_id: string; workflow_id: string | null; version_number: number; record_ids: string[] }[];
  return rows.map((r) => ({
    planId: r.plan_id,
    workflowId: r.workflow_id,
    versionNumber: r.version_number,
    recordIds: r.record_ids,
  }));
}

// The signing keys.

export interface StoredSigningKey {
  keyId: string;
  publicJwk: Record<string, unknown>;
  validFrom: Date;
  /** When the next key took over; absent for the newest. */
  validUntil?: Date;
}

/**
 * Publishes a key the first time a worker signs with it, valid from that first record's issue
 * time (the worker's clock, the one that dates the records); later calls change nothing.
 */
export async function registerSigningKey(
  db: Db,
  keyId: string,
  publicJwk: Record<string, unknown>,
  firstUse: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO record_signing_keys (key_id, public_jwk, registered_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [keyId, JSON.stringify(publicJwk), firstUse],
  );
}

/**
 * Every key that has signed, oldest first. A key is valid from its first record until the next
 * key took over, or until its own last record if that came later (a worker still on the old key
 * during a rolling rotation): the validity always covers every record the key signed.
 */
export async function listSigningKeys(db: Db): Promise<StoredSigningKey[]> {
  const rows = (await db.query(
    `SELECT k.key_id, k.public_jwk, k.registered_at,
       CASE WHEN k.next_at IS NOT NULL THEN GREATEST(k.next_at,
         (SELECT max(r.issued_at) FROM adoption_records r WHERE r.key_id = k.key_id)) END AS valid_until
     FROM (SELECT *, lead(registered_at) OVER (ORDER BY registered_at, key_id) AS next_at FROM record_signing_keys) k
     ORDER BY k.registered_at, k.key_id`,
  )) as { key_id: string; public_jwk: Record<string, unknown>; registered_at: Date; valid_until: Date | null }[];
  return rows.map((r) => ({
    keyId: r.key_id,
    publicJwk: r.public_jwk,
    validFrom: r.registered_at,
    ...(r.valid_until ? { validUntil: r.valid_until } : {}),
  }));
}
