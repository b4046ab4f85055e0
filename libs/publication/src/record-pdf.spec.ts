import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { canonicalBytes, sha256Hex } from './canonical-data';
import { sampleRecordData } from './record-fixture';
import { publishedKey, toJwks } from './record-keys';
import { FILE_SIGNATURE_PLACEHOLDER, renderRecordPdf, type RenderedRecord } from './record-pdf';
import { generateSigningKeyPem, loadSigningKey } from './signing-key';
import { NotAPdfError, verifyRecordPdf } from './verify-record';

const keyA = loadSigningKey(generateSigningKeyPem());
const keyB = loadSigningKey(generateSigningKeyPem());
const rotatedAt = '2025-06-01T00:00:00.000Z';
const published = [publishedKey(keyA, '2024-01-01T00:00:00.000Z', rotatedAt), publishedKey(keyB, rotatedAt)];
const options = { language: 'en' as const, publicUrl: 'https://plans.unaoc.org', key: keyA };

/** Mulberry32: a small seeded PRNG, so that a failing flip can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function foreignPdf(): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('An ordinary PDF, signed by nobody.');
  doc.end();
  return done;
}

describe('the adoption record PDF', () => {
  let record: RenderedRecord;

  beforeAll(async () => {
    record = await renderRecordPdf(sampleRecordData(), options);
    // To look at the record and check it by hand: the PDF, and the key set that verifies it.
    if (process.env.RECORD_PDF_OUT) {
      writeFileSync(process.env.RECORD_PDF_OUT, record.pdf);
      writeFileSync(
        process.env.RECORD_PDF_OUT.replace(/\.pdf$/, '-keys.json'),
        JSON.stringify(toJwks(published), null, 2),
      );
    }
  });

  it('verifies as authentic, naming the record, plan, version and key', () => {
    const data = sampleRecordData();
    expect(verifyRecordPdf(record.pdf, published)).toEqual({
      authentic: true,
      recordId: data.recordId,
      planId: data.planId,
      version: data.version.number,
      versionHash: data.version.hash,
      issuedAt: data.issuedAt,
      keyId: keyA.keyId,
    });
    expect(record.dataSha256).toBe(sha256Hex(canonicalBytes(data)));
    expect(record.fileSha256).toBe(sha256Hex(record.pdf));
  });

  it('is sealed: the file signature replaced the placeholder, in place', () => {
    const text = record.pdf.toString('latin1');
    expect(text).not.toContain(FILE_SIGNATURE_PLACEHOLDER);
    expect(text).toContain(`(${record.fileSignature})`);
    expect(record.fileSignature).toMatch(/^[0-9a-f]{128}$/);
  });

  it('renders the same bytes every time (the creation date is the issue date)', async () => {
    const again = await renderRecordPdf(sampleRecordData(), options);
    expect(again.fileSha256).toBe(record.fileSha256);
  });

  it('is refused after any single byte changes, anywhere in the file', () => {
    const random = prng(20250420);
    const text = record.pdf.toString('latin1');
    const signatureAt = text.indexOf(record.fileSignature);
    const attachmentAt = text.indexOf('/Type /EmbeddedFile');
    const trailerAt = text.lastIndexOf('trailer');
    // Random positions over the whole file, plus the parts most worth attacking.
    const positions = [
      ...Array.from({ length: 200 }, () => Math.floor(random() * record.pdf.length)),
      0,
      5,
      signatureAt,
      signatureAt + 127,
      attachmentAt + 40,
      trailerAt + 20,
      record.pdf.length - 2,
    ];
    for (const position of positions) {
      const flipped = Buffer.from(record.pdf);
      flipped[position] ^= 1 << Math.floor(random() * 8);
      let verdict;
      try {
        verdict = verifyRecordPdf(flipped, published);
      } catch (error) {
        // Only a broken header may make it "not a PDF".
        expect(error).toBeInstanceOf(NotAPdfError);
        expect(position).toBeLessThan(5);
        continue;
      }
      if (verdict.authentic) throw new Error(`a flip at byte ${position} still verifies`);
      expect(verdict.reason).toEqual(expect.any(String));
    }
  });

  it('never throws on truncated copies or garbage, only says why it is not authentic', () => {
    const random = prng(7);
    const inputs = [
      ...Array.from({ length: 60 }, () => record.pdf.subarray(0, Math.floor(random() * record.pdf.length))),
      Buffer.concat([
        Buffer.from('%PDF-1.7\n'),
        Buffer.from(Array.from({ length: 5000 }, () => Math.floor(random() * 256))),
      ]),
      Buffer.from(record.pdf.toString('latin1').replace(/\/Length \d+/g, '/Length 99999999999'), 'latin1'),
      Buffer.from(
        record.pdf.toString('latin1').replace(/\/AoCFileSignature \d+ 0 R/, '/AoCFileSignature 999999999 0 R'),
        'latin1',
      ),
      Buffer.from('%PDF-'),
    ];
    for (const input of inputs) {
      if (input.length < 5) {
        expect(() => verifyRecordPdf(input, published)).toThrow(NotAPdfError);
        continue;
      }
      expect(verifyRecordPdf(input, published)).toMatchObject({ authentic: false, reason: expect.any(String) });
    }
  });

  it('still verifies after a key rotation, and a record of the new key does too', async () => {
    const afterRotation = sampleRecordData({ recordId: 'AOC-B000-0000-0001', issuedAt: '2025-07-01T10:00:00.000Z' });
    const byB = await renderRecordPdf(afterRotation, { ...options, key: keyB });
    expect(verifyRecordPdf(record.pdf, published)).toMatchObject({ authentic: true, keyId: keyA.keyId });
    expect(verifyRecordPdf(byB.pdf, published)).toMatchObject({ authentic: true, keyId: keyB.keyId });
  });

  it('is not authentic against a key set without its key, and says which key', () => {
    const verdict = verifyRecordPdf(record.pdf, [publishedKey(keyB, rotatedAt)]);
    expect(verdict.authentic).toBe(false);
    expect(!verdict.authentic && verdict.reason).toContain(keyA.keyId);
  });

  it('is not authentic when issued outside its key’s validity', async () => {
    const late = await renderRecordPdf(sampleRecordData({ issuedAt: '2025-09-01T00:00:00.000Z' }), options);
    expect(verifyRecordPdf(late.pdf, published)).toMatchObject({
      authentic: false,
      reason: expect.stringContaining('validity'),
    });
  });

  it('refuses what is not a PDF, and says a PDF of someone else is not a record', async () => {
    expect(() => verifyRecordPdf(Buffer.from('PK\u0003\u0004 not a pdf'), published)).toThrow(NotAPdfError);
    expect(() => verifyRecordPdf(Buffer.alloc(0), published)).toThrow(NotAPdfError);
    expect(verifyRecordPdf(await foreignPdf(), published)).toEqual({
      authentic: false,
      reason: expect.stringContaining('not an adoption record'),
    });
  });

  it('splits a comment longer than a page across pages, in French, and still verifies', async () => {
    const data = sampleRecordData();
    const long = 'Une observation très détaillée sur la médiation interculturelle et l’accueil des réfugiés. '.repeat(
      220,
    );
    const rendered = await renderRecordPdf(
      { ...data, comments: [...data.comments, { ...data.comments[0], id: 'cmt_4', text: long }] },
      { ...options, language: 'fr' },
    );
    if (process.env.RECORD_PDF_OUT)
      writeFileSync(process.env.RECORD_PDF_OUT.replace(/\.pdf$/, '-fr-long.pdf'), rendered.pdf);
    expect(verifyRecordPdf(rendered.pdf, published)).toMatchObject({ authentic: true });
    // The content streams are compressed: count pages by their dictionaries.
    const pages = rendered.pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(6);
  });

  it('can be checked with openssl alone, given the attachment and the published key', () => {
    const tool = (command: string, args: string[]) =>
      execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    try {
      tool('openssl', ['version']);
    } catch {
      return; // No openssl here: the other tests check the same signatures.
    }
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    // The public key as a verifier builds it from the published JWK: the Ed25519 SPKI prefix + x.
    const spki = Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(String(keyA.publicJwk.x), 'base64url'),
    ]);
    writeFileSync(
      join(dir, 'pub.pem'),
      `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`,
    );
    const verify = (signed: Buffer, signature: Buffer) => {
      writeFileSync(join(dir, 'signed.bin'), signed);
      writeFileSync(join(dir, 'sig.bin'), signature);
      tool('openssl', ['dgst', '-sha256', '-binary', '-out', join(dir, 'digest.bin'), join(dir, 'signed.bin')]);
      return tool('openssl', [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        join(dir, 'pub.pem'),
        '-rawin',
        '-in',
        join(dir, 'digest.bin'),
        '-sigfile',
        join(dir, 'sig.bin'),
      ]);
    };
    try {
      expect(verify(canonicalBytes(sampleRecordData()), Buffer.from(record.dataSignature, 'base64url'))).toContain(
        'Signature Verified Successfully',
      );
      const zeroed = Buffer.from(
        record.pdf.toString('latin1').replace(record.fileSignature, FILE_SIGNATURE_PLACEHOLDER),
        'latin1',
      );
      expect(verify(zeroed, Buffer.from(record.fileSignature, 'hex'))).toContain('Signature Verified Successfully');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
