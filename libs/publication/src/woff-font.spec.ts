import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sfntFromWoff } from './woff-font';

const WOFF = join(dirname(require.resolve('@ibm/plex-sans/package.json')), 'fonts/complete/woff/IBMPlexSans-Bold.woff');

describe('a WOFF font unwrapped to the sfnt it holds', () => {
  const woff = readFileSync(WOFF);
  const sfnt = sfntFromWoff(woff);

  it('keeps the flavor and every table, each at a 4-byte boundary, inflated to its original length', () => {
    const numTables = woff.readUInt16BE(12);
    expect(sfnt.readUInt32BE(0)).toBe(woff.readUInt32BE(4));
    expect(sfnt.readUInt16BE(4)).toBe(numTables);
    for (let i = 0; i < numTables; i++) {
      const tag = woff.readUInt32BE(44 + i * 20);
      const origLength = woff.readUInt32BE(44 + i * 20 + 12);
      expect(sfnt.readUInt32BE(12 + 16 * i)).toBe(tag);
      expect(sfnt.readUInt32BE(12 + 16 * i + 8) % 4).toBe(0);
      expect(sfnt.readUInt32BE(12 + 16 * i + 12)).toBe(origLength);
    }
    // The total size the WOFF header declares for the font it wraps.
    expect(sfnt.length).toBe(woff.readUInt32BE(16));
  });

  it('holds a readable head table (its magic number) and refuses what is not WOFF', () => {
    const numTables = sfnt.readUInt16BE(4);
    const head = Array.from({ length: numTables }, (_, i) => 12 + 16 * i).find(
      (record) => sfnt.toString('latin1', record, record + 4) === 'head',
    )!;
    expect(sfnt.readUInt32BE(sfnt.readUInt32BE(head + 8) + 12)).toBe(0x5f0f3cf5);
    expect(() => sfntFromWoff(Buffer.from('not a font'))).toThrow(/not a WOFF/);
  });
});
