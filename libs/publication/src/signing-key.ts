import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/**
 * The service's record-signing key (DOMAIN §10). Ed25519, because a signature is short enough to
 * print on the record and anyone can check it with openssl alone.
 */
export interface SigningKey {
  /** The RFC 7638 thumbprint of the public key: the same key always gets the same id. */
  keyId: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

const EXPECTED =
  'an Ed25519 private key, as PEM (PKCS#8, "-----BEGIN PRIVATE KEY-----") or as a JWK ({"kty":"OKP","crv":"Ed25519","x":…,"d":…})';

/** Reads the signing key from configuration text; refuses any other kind of key with what it expects. */
export function loadSigningKey(text: string): SigningKey {
  const privateKey = parsePrivateKey(text.trim());
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `the record-signing key is a ${privateKey.asymmetricKeyType ?? 'non-asymmetric'} key: expected ${EXPECTED}`,
    );
  }
  const publicJwk = publicJwkOf(privateKey);
  return { keyId: jwkThumbprint(publicJwk), privateKey, publicJwk };
}

/** A new Ed25519 private key as PKCS#8 PEM (for development, tests and key rotation). */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The public half of a key as a JWK, with only the members RFC 8037 defines. */
export function publicJwkOf(key: KeyObject): JWK {
  const { kty, crv, x } = createPublicKey(key).export({ format: 'jwk' });
  return { kty: String(kty), crv, x };
}

/**
 * RFC 7638 thumbprint of an OKP public key (its required members, in lexicographic order), the
 * same as jose's `calculateJwkThumbprint`, computed synchronously so that loading a key is too.
 */
export function jwkThumbprint(jwk: JWK): string {
  const members = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(members).digest('base64url');
}

function parsePrivateKey(text: string): KeyObject {
  if (text.startsWith('-----BEGIN PRIVATE KEY-----')) {
    try {
      return createPrivateKey({ key: text, format: 'pem' });
    } catch (error) {
      throw new Error(
        `the record-signing key is not a readable PKCS#8 PEM key (${(error as Error).message}): expected ${EXPECTED}`,
      );
    }
  }
  if (text.startsWith('{')) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(text);
    } catch {
      throw new Error(`the record-signing key is not valid JSON: expected ${EXPECTED}`);
    }
    if (!isEd25519PrivateJwk(jwk)) {
      throw new Error(`the record-signing key is a JWK but not an Ed25519 private one: expected ${EXPECTED}`);
    }
    try {
      return createPrivateKey({ key: jwk, format: 'jwk' });
    } catch (error) {
      throw new Error(`the record-signing key's JWK is unreadable (${(error as Error).message}): expected ${EXPECTED}`);
    }
  }
  throw new Error(`the record-signing key is neither PEM nor JSON: expected ${EXPECTED}`);
}

function isEd25519PrivateJwk(value: unknown): value is { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string } {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string' && typeof jwk.d === 'string';
}
