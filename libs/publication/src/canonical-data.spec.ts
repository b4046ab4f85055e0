import { canonicalBytes, canonicalJson, sha256, signDigest, verifyDigest } from './canonical-data';
import { sampleRecordData } from './record-fixture';
import { generateSigningKeyPem, loadSigningKey } from './signing-key';

describe('canonicalJson (RFC 8785)', () => {
  it('serializes the RFC’s own example (§3.2.2) as the RFC does', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units and leaves undefined out', () => {
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, '\u00f6': 5, skipped: undefined })).toBe(
      '{"\\r":2,"1":4,"ö":5,"€":1,"😀":3}',
    );
  });

  it('refuses what JSON cannot say', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson('\ud800')).toThrow();
  });

  it('does not depend on the order the data was built in', () => {
    const data = sampleRecordData();
    const reversed = Object.fromEntries(Object.entries(data).reverse()) as typeof data;
    expect(canonicalBytes(reversed).equals(canonicalBytes(data))).toBe(true);
  });
});

describe('signDigest / verifyDigest', () => {
  const key = loadSigningKey(generateSigningKeyPem());
  const digest = sha256(Buffer.from('adoption record'));

  it('verifies its own signature and nothing else', () => {
    const signature = signDigest(key, digest);
    expect(verifyDigest(key.publicJwk, digest, signature)).toBe(true);
    expect(verifyDigest(key.publicJwk, sha256(Buffer.from('another')), signature)).toBe(false);
    expect(verifyDigest(loadSigningKey(generateSigningKeyPem()).publicJwk, digest, signature)).toBe(false);
    expect(verifyDigest(key.publicJwk, digest, 'not a signature')).toBe(false);
    expect(verifyDigest({ kty: 'OKP', crv: 'Ed25519', x: 'short' }, digest, signature)).toBe(false);
  });

  it('signs digests only', () => {
    expect(() => signDigest(key, Buffer.from('not a digest'))).toThrow(/32-byte/);
  });
});
