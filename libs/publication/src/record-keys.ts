import type { JWK } from 'jose';
import type { SigningKey } from './signing-key';
import { jwkThumbprint } from './signing-key';

/**
 * The published record-signing keys (DOMAIN §10): every key the service ever signed with stays in
 * the set with its validity, so that a record issued before a rotation still verifies offline.
 */
export interface PublishedKey {
  keyId: string;
  publicJwk: JWK;
  /** ISO 8601: when the service began signing with this key. */
  validFrom: string;
  /** ISO 8601: when it stopped (absent for the current key). */
  validUntil?: string;
}

/** One member of the JWKS document at `/.well-known/record-keys.json`. */
export interface RecordKeyJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
  valid_from: string;
  valid_until?: string;
}

export function publishedKey(key: SigningKey, validFrom: string, validUntil?: string): PublishedKey {
  return { keyId: key.keyId, publicJwk: key.publicJwk, validFrom, ...(validUntil ? { validUntil } : {}) };
}

export function toJwks(keys: PublishedKey[]): { keys: RecordKeyJwk[] } {
  return {
    keys: keys.map((key) => ({
      kty: 'OKP',
      crv: 'Ed25519',
      x: String(key.publicJwk.x),
      kid: key.keyId,
      alg: 'EdDSA',
      use: 'sig',
      valid_from: key.validFrom,
      ...(key.validUntil ? { valid_until: key.validUntil } : {}),
    })),
  };
}

/**
 * Reads a published key set, e.g. fetched by a verifier. Refuses anything that is not one, and a
 * key whose `kid` is not its thumbprint (a set cannot vouch for a key under another key's name).
 */
export function fromJwks(json: unknown): PublishedKey[] {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { keys?: unknown }).keys)) {
    throw new Error('not a record key set: expected a JSON object {"keys": [...]}');
  }
  return (json as { keys: unknown[] }).keys.map((member, index) => {
    const where = `record key set: keys[${index}]`;
    if (typeof member !== 'object' || member === null) throw new Error(`${where} is not an object`);
    const jwk = member as Record<string, unknown>;
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519')
      throw new Error(`${where} is not an Ed25519 key (kty "OKP", crv "Ed25519")`);
    if (typeof jwk.x !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(jwk.x)) {
      throw new Error(`${where} has no valid "x" (the 32-byte public key, base64url)`);
    }
    if (typeof jwk.kid !== 'string') throw new Error(`${where} has no "kid"`);
    for (const name of ['valid_from', 'valid_until'] as const) {
      const value = jwk[name];
      if (
        (name === 'valid_from' || value !== undefined) &&
        (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      ) {
        throw new Error(`${where} has no valid "${name}" (an ISO 8601 date)`);
      }
    }
    const publicJwk: JWK = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
    if (jwkThumbprint(publicJwk) !== jwk.kid) {
      throw new Error(`${where}: "kid" ${jwk.kid} is not the key's RFC 7638 thumbprint`);
    }
    return {
      keyId: jwk.kid,
      publicJwk,
      validFrom: jwk.valid_from as string,
      ...(typeof jwk.valid_until === 'string' ? { validUntil: jwk.valid_until } : {}),
    };
  });
}
