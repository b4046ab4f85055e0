import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { LogFile, partLogFile, previousLogFile, tailOfFile } from './log-files';

describe('partLogFile', () => {
  it.each([
    ['postgres', 'postgres.log'],
    ['API', 'api.log'],
    ['the Temporal dev server', 'the-temporal-dev-server.log'],
    ['  worker #2 ', 'worker-2.log'],
  ])('names the log of %p %p', (part, name) => {
    expect(partLogFile('/x/.data/logs', part)).toBe(path.join('/x/.data/logs', name));
  });

  it('refuses a name with nothing to make a file name of', () => {
    expect(() => partLogFile('/x', ' !! ')).toThrow('" !! "');
  });
});

describe('previousLogFile', () => {
  it('puts ".previous" before the extension', () => {
    expect(previousLogFile('/x/logs/api.log')).toBe('/x/logs/api.previous.log');
  });
});

describe('LogFile and tailOfFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'log-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the folder, writes lines, and keeps the previous run as .previous.log', () => {
    const file = path.join(dir, 'logs', 'api.log');
    mkdirSync(path.dirname(file));
    writeFileSync(file, 'run 1\n');
    const log = new LogFile(file);
    log.writeLine('run 2, line 1');
    log.writeLine('run 2, line 2');
    log.close();
    log.writeLine('after close: dropped');
    expect(readFileSync(file, 'utf8')).toBe('run 2, line 1\nrun 2, line 2\n');
    expect(readFileSync(path.join(dir, 'logs', 'api.previous.log'), 'utf8')).toBe('run 1\n');
  });

  it('goes on in the same file when a part is started again in the same run', () => {
    const file = path.join(dir, 'worker.log');
    const first = new LogFile(file);
    first.writeLine('before the crash');
    first.close();
    const second = new LogFile(file);
    second.writeLine('after the restart');
    second.close();
    expect(readFileSync(file, 'utf8')).toMatch(
      /^before the crash\n---- started again at \d{4}-\d\d-\d\dT[\d:.]+Z ----\nafter the restart\n$/,
    );
    expect(existsSync(previousLogFile(file))).toBe(false);
  });

  it('tails the last lines of a file', () => {
    const file = path.join(dir, 'x.log');
    writeFileSync(file, 'a\nb\nc\nd\n');
    expect(tailOfFile(file, 2)).toBe('c\nd');
    expect(tailOfFile(file, 10)).toBe('a\nb\nc\nd');
  });

  it('tails a file without a final newline, and a missing or empty one', () => {
    const file = path.join(dir, 'x.log');
    writeFileSync(file, 'a\nb');
    expect(tailOfFile(file, 1)).toBe('b');
    writeFileSync(file, '');
    expect(tailOfFile(file, 3)).toBe('');
    expect(tailOfFile(path.join(dir, 'missing.log'), 3)).toBe('');
  });

  it('reads only the end of a large file and drops the cut line', () => {
    const file = path.join(dir, 'big.log');
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(tailOfFile(file, 3)).toBe(lines.slice(-3).join('\n'));
    const all = tailOfFile(file, 100_000).split('\n');
    expect(all.length).toBeLessThan(lines.length);
    expect(lines).toContain(all[0]);
  });
});
