import { inflateSync } from 'node:zlib';
import type { AdoptionRecordData, RecordVerification } from '@aoc/domain/publication.types';
import { sha256, verifyDigest } from './canonical-data';
import { FILE_SIGNATURE_PLACEHOLDER, fileSignatureOffset } from './record-pdf';
import type { PublishedKey } from './record-keys';

/** The upload is not a PDF at all (no `%PDF-` header): a client error, not an inauthentic record. */
export class NotAPdfError extends Error {
  constructor() {
    super('the file is not a PDF (it does not start with %PDF-)');
    this.name = 'NotAPdfError';
  }
}

/** The largest attachment a record can hold once inflated: far above any real record's data. */
const MAX_DATA_BYTES = 32 * 1024 * 1024;

/**
 * Verifies an adoption record's PDF against the published keys (DOMAIN §10). The file signature
 * is checked first, so nothing of an altered file is trusted; then the attached canonical data
 * against its digest and data signature. Any failure is `authentic: false` with a reason a person
 * can read; it throws only for input that is not a PDF.
 */
export function verifyRecordPdf(bytes: Buffer, keys: PublishedKey[]): RecordVerification {
  if (bytes.length < 5 || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new NotAPdfError();
  try {
    return verifyOurPdf(bytes, keys);
  } catch {
    // Parsing is defensive throughout; this is the last guard for input nobody foresaw.
    return notAuthentic('the file could not be read as an adoption record');
  }
}

function verifyOurPdf(bytes: Buffer, keys: PublishedKey[]): RecordVerification {
  const text = bytes.toString('latin1');
  const recordId = infoString(text, 'AoCRecordId');
  const keyId = infoString(text, 'AoCKeyId');
  const dataSha256 = infoString(text, 'AoCDataSha256');
  const dataSignature = infoString(text, 'AoCDataSignature');
  if (!recordId && !keyId && !dataSha256 && !dataSignature && !text.includes('/AoCFileSignature')) {
    return notAuthentic('this PDF is not an adoption record: it carries no record signature');
  }
  if (!recordId || !keyId || !dataSha256 || !dataSignature) {
    return notAuthentic('the record signature entries of this PDF are missing or unreadable');
  }
  const key = keys.find((candidate) => candidate.keyId === keyId);
  if (!key) return notAuthentic(`the record is signed with key ${keyId}, which is not among the published keys`);

  const offset = fileSignatureOffset(bytes);
  if (offset === undefined) return notAuthentic('the file signature of this PDF is missing or unreadable');
  const fileSignature = Buffer.from(bytes.subarray(offset, offset + 128).toString('latin1'), 'hex');
  const zeroed = Buffer.from(bytes);
  zeroed.write(FILE_SIGNATURE_PLACEHOLDER, offset, 'latin1');
  if (!verifyDigest(key.publicJwk, sha256(zeroed), fileSignature)) {
    return notAuthentic(
      `the file signature does not verify with key ${keyId}: the file was changed after it was issued`,
    );
  }

  const data = embeddedData(bytes, text);
  if (!data) return notAuthentic('the record has no readable attached data (adoption-record.json)');
  const digest = sha256(data);
  if (digest.toString('hex') !== dataSha256) {
    return notAuthentic('the attached data does not match the SHA-256 the record states');
  }
  if (!verifyDigest(key.publicJwk, digest, dataSignature)) {
    return notAuthentic(`the data signature does not verify with key ${keyId}`);
  }
  const record = parseRecord(data);
  if (!record) return notAuthentic('the attached data is not an adoption record');
  if (record.recordId !== recordId) {
    return notAuthentic('the attached data is for another record than the one this PDF names');
  }
  const issued = Date.parse(record.issuedAt);
  if (issued < Date.parse(key.validFrom) || (key.validUntil !== undefined && issued > Date.parse(key.validUntil))) {
    return notAuthentic(`the record was issued on ${record.issuedAt}, outside the validity of key ${keyId}`);
  }
  return {
    authentic: true,
    recordId: record.recordId,
    planId: record.planId,
    version: record.version.number,
    versionHash: record.version.hash,
    issuedAt: record.issuedAt,
    keyId,
  };
}

function notAuthentic(reason: string): RecordVerification {
  return { authentic: false, reason };
}

/**
 * A custom Info entry as our renderer writes it: `/Name N 0 R` in the Info dictionary and an
 * object `N 0 obj (value) endobj`, the value plain ASCII without escapes.
 */
function infoString(text: string, name: string): string | undefined {
  const entries = [...text.matchAll(new RegExp(`/${name} (\\d{1,9}) 0 R`, 'g'))];
  if (entries.length !== 1) return undefined;
  const objects = [
    ...text.matchAll(
      new RegExp(
        `(?:^|[\\r\\n])${entries[0][1]} 0 obj\\s*\\(([\\x20-\\x27\\x2a-\\x5b\\x5d-\\x7e]{1,512})\\)\\s*endobj`,
        'g',
      ),
    ),
  ];
  return objects.length === 1 ? objects[0][1] : undefined;
}

/**
 * The attached canonical data, read from our own file format: the one `/Type /EmbeddedFile`
 * stream, its `/Length` bytes after `stream`, inflated when `/FlateDecode`. Undefined on anything
 * else. (Only reached once the file signature has verified, i.e. on bytes we wrote.)
 */
function embeddedData(bytes: Buffer, text: string): Buffer | undefined {
  const start = text.indexOf('/Type /EmbeddedFile');
  if (start < 0 || text.indexOf('/Type /EmbeddedFile', start + 1) >= 0) return undefined;
  const dictionaryStart = text.lastIndexOf(' obj', start);
  const streamKeyword = text.indexOf('stream', start);
  if (dictionaryStart < 0 || streamKeyword < 0) return undefined;
  const dictionary = text.slice(dictionaryStart, streamKeyword);
  const length = /\/Length (\d{1,9})\b/.exec(dictionary);
  if (!length) return undefined;
  let dataStart = streamKeyword + 'stream'.length;
  if (text[dataStart] === '\r') dataStart++;
  if (text[dataStart] !== '\n') return undefined;
  dataStart++;
  const dataEnd = dataStart + Number(length[1]);
  if (dataEnd > bytes.length || !/^\s*endstream/.test(text.slice(dataEnd, dataEnd + 16))) return undefined;
  const stream = bytes.subarray(dataStart, dataEnd);
  if (!/\/Filter \/FlateDecode\b/.test(dictionary)) return stream;
  try {
    return inflateSync(stream, { maxOutputLength: MAX_DATA_BYTES });
  } catch {
    return undefined;
  }
}

function parseRecord(data: Buffer): AdoptionRecordData | undefined {
  let record: unknown;
  try {
    record = JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null) return undefined;
  const candidate = record as Partial<AdoptionRecordData>;
  const valid =
    typeof candidate.recordId === 'string' &&
    typeof candidate.planId === 'string' &&
    typeof candidate.issuedAt === 'string' &&
    typeof candidate.version?.number === 'number' &&
    typeof candidate.version?.hash === 'string';
  return valid ? (candidate as AdoptionRecordData) : undefined;
}
