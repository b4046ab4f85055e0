/**
 * Adoption records in PostgreSQL (DOMAIN §10): one per plan version whoever issues it twice,
 * append-only like the event log, and the published keys' validity through a key rotation, so
 * that a record signed before the rotation still verifies after it.
 */
import { DataSource } from 'typeorm';
import type { JWK } from 'jose';
import type { AdoptionRecordData } from '@aoc/domain/publication.types';
import { findRecordOfVersion, listSigningKeys, readRecordFile } from '@aoc/persistence/repositories/adoption-records';
import { sampleRecordData } from '@aoc/publication/record-fixture';
import { recordIdFor } from '@aoc/publication/record-id';
import { fromJwks, toJwks, type PublishedKey } from '@aoc/publication/record-keys';
import { renderRecordPdf } from '@aoc/publication/record-pdf';
import { generateSigningKeyPem, loadSigningKey, type SigningKey } from '@aoc/publication/signing-key';
import { verifyRecordPdf } from '@aoc/publication/verify-record';
import { storeAdoptionRecord } from '../../apps/worker/src/records/record.activities';
import { insertSubmittedPlan, nationalContent } from '../support/fixtures';
import { openTestDatabase } from '../support/test-database';

/** Issues a record of the plan's version 1 with `key` at `issuedAt`, stored as the worker's activity stores it. */
async function issue(db: DataSource, planId: string, hash: string, key: SigningKey, issuedAt: Date) {
  const data: AdoptionRecordData = sampleRecordData({
    recordId: recordIdFor(planId, 1),
    planId,
    version: { number: 1, hash },
    issuedAt: issuedAt.toISOString(),
  });
  const rendered = await renderRecordPdf(data, { language: 'en', publicUrl: 'http://127.0.0.1:3000', key });
  return (await storeAdoptionRecord(db, data, rendered, key, 'en')).stored;
}

/** The key set as a verifier fetches it from /.well-known/record-keys.json. */
async function published(db: DataSource): Promise<PublishedKey[]> {
  const stored = await listSigningKeys(db.manager);
  const keys = stored.map((k) => ({
    keyId: k.keyId,
    publicJwk: k.publicJwk as unknown as JWK,
    validFrom: k.validFrom.toISOString(),
    ...(k.validUntil ? { validUntil: k.validUntil.toISOString() } : {}),
  }));
  return fromJwks(JSON.parse(JSON.stringify(toJwks(keys))));
}

describe('adoption records in PostgreSQL', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 2 });
  });
  afterAll(() => db.destroy());

  it('keeps one record per plan version: a second issue, even racing, stores nothing and answers the first', async () => {
    const key = loadSigningKey(generateSigningKeyPem());
    const plan = await insertSubmittedPlan({ db }, nationalContent(), 'submitter-pt');
    const [a, b] = await Promise.all([
      issue(db, plan.id, plan.version.hash, key, new Date(Date.now() - 1000)),
      issue(db, plan.id, plan.version.hash, key, new Date()),
    ]);
    expect(a).toEqual(b);
    const [{ records, files, events }] = (await db.query(
      `SELECT (SELECT count(*) FROM adoption_records WHERE plan_id = $1)::int AS records,
         (SELECT count(*) FROM adoption_record_files f JOIN adoption_records r ON r.id = f.record_id WHERE r.plan_id = $1)::int AS files,
         (SELECT count(*) FROM events WHERE plan_id = $1 AND type = 'RECORD_ISSUED')::int AS events`,
      [plan.id],
    )) as { records: number; files: number; events: number }[];
    expect({ records, files, events }).toEqual({ records: 1, files: 1, events: 1 });
    const file = await readRecordFile(db.manager, a.id);
    expect(verifyRecordPdf(file!.pdf, await published(db))).toEqual(expect.objectContaining({ authentic: true }));
  });

  it('refuses to change or delete a record, its file or a published key', async () => {
    const plan = await insertSubmittedPlan({ db }, nationalContent(), 'submitter-pt');
    const record = await issue(db, plan.id, plan.version.hash, loadSigningKey(generateSigningKeyPem()), new Date());
    for (const statement of [
      `UPDATE adoption_records SET version_hash = 'forged' WHERE id = $1`,
      `DELETE FROM adoption_records WHERE id = $1`,
      `UPDATE adoption_record_files SET pdf = 'forged' WHERE record_id = $1`,
      `DELETE FROM adoption_record_files WHERE record_id = $1`,
      `UPDATE record_signing_keys SET public_jwk = '{}' WHERE key_id = (SELECT key_id FROM adoption_records WHERE id = $1)`,
    ]) {
      await expect(db.query(statement, [record.id])).rejects.toThrow(/is append-only: (UPDATE|DELETE) is refused/);
    }
    expect(await findRecordOfVersion(db.manager, plan.id, 1)).toEqual(record);
  });

  it('after a key rotation, publishes both keys and every record verifies, a late one of the old key too', async () => {
    const base = Date.now() + 3_600_000; // after the other tests' keys: the rotation is the newest
    const [oldKey, newKey] = [loadSigningKey(generateSigningKeyPem()), loadSigningKey(generateSigningKeyPem())];
    const plans = await Promise.all(
      [0, 1, 2].map(() => insertSubmittedPlan({ db }, nationalContent(), 'submitter-pt')),
    );
    const before = await issue(db, plans[0].id, plans[0].version.hash, oldKey, new Date(base));
    const after = await issue(db, plans[1].id, plans[1].version.hash, newKey, new Date(base + 60_000));
    // A worker still on the old key during a rolling rotation.
    const late = await issue(db, plans[2].id, plans[2].version.hash, oldKey, new Date(base + 90_000));

    const keys = await published(db);
    const old = keys.find((k) => k.keyId === oldKey.keyId)!;
    expect(old.validFrom).toBe(new Date(base).toISOString());
    expect(old.validUntil).toBe(new Date(base + 90_000).toISOString());
    expect(keys.find((k) => k.keyId === newKey.keyId)!.validUntil).toBeUndefined();
    for (const record of [before, after, late]) {
      const file = await readRecordFile(db.manager, record.id);
      expect(verifyRecordPdf(file!.pdf, keys)).toEqual(
        expect.objectContaining({ authentic: true, recordId: record.id, keyId: record.keyId }),
      );
    }
    // Without the old key the set can't vouch for its records.
    const file = await readRecordFile(db.manager, before.id);
    const verdict = verifyRecordPdf(
      file!.pdf,
      keys.filter((k) => k.keyId !== oldKey.keyId),
    );
    expect(verdict).toEqual(expect.objectContaining({ authentic: false }));
  });
});
