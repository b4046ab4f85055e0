/**
 * The record's file signature: a placeholder in the PDF's Info that sealing overwrites, in place,
 * with an Ed25519 signature over every other byte of the file.
 */
import { sha256, signDigestRaw } from './canonical-data';
import type { SigningKey } from './signing-key';

/**
 * What the file signature's Info entry holds until the file is sealed: as many characters as an
 * Ed25519 signature has in hex, so that sealing writes it in place and no offset moves.
 */
export const FILE_SIGNATURE_PLACEHOLDER = '0'.repeat(128);

/**
 * Signs the finished file: the SHA-256 of its bytes, with the signature entry still all zeros, is
 * signed and written over those zeros as hex. The signature covers every other byte of the file,
 * so any change anywhere, even in bytes a reader ignores, fails the verification.
 */
export function sealRecordPdf(unsealed: Buffer, key: SigningKey): { pdf: Buffer; fileSignature: string } {
  const offset = fileSignatureOffset(unsealed);
  if (offset === undefined) throw new Error('the rendered record has no single file signature placeholder');
  const fileSignature = signDigestRaw(key, sha256(unsealed)).toString('hex');
  const pdf = Buffer.from(unsealed);
  pdf.write(fileSignature, offset, 'latin1');
  return { pdf, fileSignature };
}

/**
 * Where the file signature's 128 characters are: inside the one PDF string that follows the
 * `/AoCFileSignature` Info entry (pdfkit writes Info values as indirect objects). Undefined when
 * there is not exactly one such string.
 */
export function fileSignatureOffset(pdf: Buffer): number | undefined {
  const text = pdf.toString('latin1');
  const entries = [...text.matchAll(/\/AoCFileSignature (\d{1,9}) 0 R/g)];
  if (entries.length !== 1) return undefined;
  const objects = [
    ...text.matchAll(new RegExp(`(?:^|[\\r\\n])${entries[0][1]} 0 obj\\s*\\(([0-9a-f]{128})\\)\\s*endobj`, 'g')),
  ];
  if (objects.length !== 1) return undefined;
  const match = objects[0];
  return (match.index ?? 0) + match[0].indexOf('(') + 1;
}
