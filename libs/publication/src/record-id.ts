import { createHash } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so that an id read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The identifier of a plan version's adoption record, derived from the plan and the version
 * alone: `AOC-XXXX-XXXX-XXXX` (60 bits of SHA-256). An activity that issues it twice names the
 * same record, so the second issue finds the first (one record per plan version).
 */
export function recordIdFor(planId: string, versionNumber: number): string {
  const digest = createHash('sha256').update(`adoption-record:${planId}:v${versionNumber}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 12; i++) id += ALPHABET[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
  return `AOC-${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}`;
}

/** Whether `text` has the shape of a record id (the public routes refuse anything else with a 404). */
export const isRecordId = (text: string): boolean =>
  /^AOC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(text);
