import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import type { AdoptionRecordData } from '@aoc/domain/publication.types';

/**
 * The bytes a record's data signature covers: its RFC 8785 canonical JSON, in UTF-8, so that any
 * implementation that re-serializes the data the same way gets the same digest.
 */
export function canonicalBytes(data: AdoptionRecordData): Buffer {
  return Buffer.from(canonicalJson(data), 'utf8');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * RFC 8785 (JSON Canonicalization Scheme): ECMAScript number and string serialization, object
 * members sorted by their UTF-16 code units, no whitespace. Written here rather than taken from
 * the `canonicalize` package because that one is ESM-only, which jest cannot load without
 * `--experimental-vm-modules`; the spec checks this against the RFC's own example.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`RFC 8785 has no representation for ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new Error('RFC 8785 refuses strings with lone surrogates');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, member]) => `${canonicalJson(name)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  throw new Error(`RFC 8785 has no representation for a ${typeof value}`);
}

export function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

export function sha256Hex(bytes: Uint8Array): string {
  return sha256(bytes).toString('hex');
}

/**
 * Ed25519 over the 32-byte SHA-256 digest, not over the message itself: a third party can then
 * check a signature with `openssl dgst -sha256 -binary` and `openssl pkeyutl -verify -rawin`.
 */
export function signDigest(key: { privateKey: KeyObject }, digest: Buffer): string {
  return signDigestRaw(key, digest).toString('base64url');
}

export function signDigestRaw(key: { privateKey: KeyObject }, digest: Buffer): Buffer {
  if (digest.length !== 32) throw new Error('expected a 32-byte SHA-256 digest');
  return sign(null, digest, key.privateKey);
}

/** Checks a signature by `signDigest`; never throws (a malformed key or signature is a failure). */
export function verifyDigest(publicJwk: JWK, digest: Buffer, signature: Buffer | string): boolean {
  try {
    const bytes = typeof signature === 'string' ? Buffer.from(signature, 'base64url') : signature;
    if (bytes.length !== 64 || digest.length !== 32) return false;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: String(publicJwk.x) }, format: 'jwk' });
    return verify(null, digest, key, bytes);
  } catch {
    return false;
  }
}
