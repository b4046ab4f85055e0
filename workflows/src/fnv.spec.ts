import { fnv1a64 } from './fnv';

describe('fnv1a64', () => {
  it('gives the published FNV-1a 64-bit values', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('is 16 hex digits whatever the length, and tells near keys apart', () => {
    const long = `complete:${'x'.repeat(500)}`;
    expect(fnv1a64(long)).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64('complete:t:key-1')).not.toBe(fnv1a64('complete:t:key-2'));
  });
});
