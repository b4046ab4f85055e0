import { fromJwks, publishedKey, toJwks } from './record-keys';
import { generateSigningKeyPem, loadSigningKey } from './signing-key';

describe('the published key set', () => {
  const old = loadSigningKey(generateSigningKeyPem());
  const current = loadSigningKey(generateSigningKeyPem());
  const keys = [
    publishedKey(old, '2024-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z'),
    publishedKey(current, '2025-06-01T00:00:00.000Z'),
  ];

  it('publishes each key as a JWK with its validity, and reads it back', () => {
    const jwks = toJwks(keys);
    expect(jwks.keys[0]).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: old.publicJwk.x,
      kid: old.keyId,
      alg: 'EdDSA',
      use: 'sig',
      valid_from: '2024-01-01T00:00:00.000Z',
      valid_until: '2025-06-01T00:00:00.000Z',
    });
    expect(jwks.keys[1]).not.toHaveProperty('valid_until');
    expect(fromJwks(JSON.parse(JSON.stringify(jwks)))).toEqual(keys);
  });

  it.each([
    ['null', null, /expected a JSON object/],
    ['an array', [], /expected a JSON object/],
    ['a key of another type', { keys: [{ ...toJwks(keys).keys[0], kty: 'RSA' }] }, /not an Ed25519 key/],
    ['a key without x', { keys: [{ ...toJwks(keys).keys[0], x: undefined }] }, /"x"/],
    ['a key without kid', { keys: [{ ...toJwks(keys).keys[0], kid: 1 }] }, /"kid"/],
    ['a bad date', { keys: [{ ...toJwks(keys).keys[0], valid_from: 'yesterday' }] }, /valid_from/],
    ['a kid that is another key’s', { keys: [{ ...toJwks(keys).keys[0], kid: current.keyId }] }, /thumbprint/],
  ])('refuses %s, saying why', (_, json, message) => {
    expect(() => fromJwks(json)).toThrow(message);
  });
});
