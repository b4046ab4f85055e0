import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { generateSigningKeyPem, loadSigningKey } from './signing-key';

describe('loadSigningKey', () => {
  const pem = generateSigningKeyPem();

  it('reads a PKCS#8 PEM and names the key by its RFC 7638 thumbprint', async () => {
    const key = loadSigningKey(pem);
    expect(key.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(key.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
    expect(key.keyId).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
  });

  it('reads the same key as a JWK, with the same id', () => {
    const fromPem = loadSigningKey(pem);
    const jwk = JSON.stringify(fromPem.privateKey.export({ format: 'jwk' }));
    expect(loadSigningKey(jwk).keyId).toBe(fromPem.keyId);
  });

  it.each([
    [
      'an RSA key',
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    ],
    ['a public JWK', JSON.stringify({ ...loadSigningKey(pem).publicJwk })],
    [
      'an EC JWK',
      JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' })),
    ],
    ['broken JSON', '{"kty":'],
    ['a broken PEM', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'],
    ['nothing', ''],
  ])('refuses %s and says what it expects', (_, text) => {
    expect(() => loadSigningKey(text)).toThrow(/expected an Ed25519 private key/);
  });
});
