import {
  consoleMode,
  isCalm,
  jsonLogOutput,
  readableLogLines,
  serverLogOutput,
  temporalLogOutput,
  type ConsoleMode,
} from './console-mode';
import type { LineDisplay } from './managed-process';

const tty = { isTTY: true, hasColors: () => false };
const pipe = { isTTY: false };

describe('consoleMode', () => {
  it('is calm in a terminal by default', () => {
    const mode = consoleMode([], {}, tty);
    expect(mode).toEqual({ terminal: true, verbose: false, colors: false, unknownArgs: [] });
    expect(isCalm(mode)).toBe(true);
  });

  it.each([[['--verbose']], [['-v']]])('is verbose in a terminal with %p', (args) => {
    const mode = consoleMode(args, {}, tty);
    expect(mode.verbose).toBe(true);
    expect(isCalm(mode)).toBe(false);
  });

  it.each(['debug', ' DEBUG '])('is verbose in a terminal with LOG_LEVEL=%p', (level) => {
    expect(consoleMode([], { LOG_LEVEL: level }, tty).verbose).toBe(true);
  });

  it.each(['info', 'warn', ''])('stays calm with LOG_LEVEL=%p', (level) => {
    expect(consoleMode([], { LOG_LEVEL: level }, tty).verbose).toBe(false);
  });

  it('shows everything, uncoloured, outside a terminal', () => {
    const mode = consoleMode([], {}, { ...pipe, hasColors: () => true });
    expect(mode).toMatchObject({ terminal: false, verbose: true, colors: false });
    expect(isCalm(mode)).toBe(false);
  });

  it('uses colours only where the terminal has them', () => {
    expect(consoleMode([], {}, { isTTY: true, hasColors: () => true }).colors).toBe(true);
    expect(consoleMode([], {}, { isTTY: true }).colors).toBe(false);
  });

  it('reports the arguments it does not know', () => {
    expect(consoleMode(['--verbose', '--quiet', 'x'], {}, tty).unknownArgs).toEqual(['--quiet', 'x']);
  });
});

const CALM: ConsoleMode = { terminal: true, verbose: false, colors: false, unknownArgs: [] };
const VERBOSE: ConsoleMode = { ...CALM, verbose: true };
const PIPE: ConsoleMode = { ...CALM, terminal: false, verbose: true };

const json = (level: string, message: string): string =>
  JSON.stringify({ level, pid: 7, timestamp: Date.UTC(2026, 0, 1), message, context: 'Ctx' });

describe('jsonLogOutput', () => {
  const display = (mode: ConsoleMode): LineDisplay => {
    const output = jsonLogOutput(mode, 'api', (part, record) => `${part}|${record.level}|${String(record.message)}`);
    if (typeof output !== 'function') throw new Error(`expected a LineDisplay, got ${output}`);
    return output;
  };

  it('keeps every line as it is outside a terminal', () => {
    expect(jsonLogOutput(PIPE, 'api')).toBe('as-is');
  });

  it('shows only warnings and errors, prettified, when calm', () => {
    const show = display(CALM);
    expect(show(json('log', 'Mapped {/api/health, GET} route'), 'stdout')).toBeUndefined();
    expect(show(json('debug', 'details'), 'stdout')).toBeUndefined();
    expect(show(json('warn', 'slow'), 'stdout')).toBe('api|40|slow');
    expect(show(json('error', 'broken'), 'stderr')).toBe('api|50|broken');
    expect(show(json('fatal', 'dead'), 'stderr')).toBe('api|60|dead');
  });

  it('leaves out lines that are not JSON log records when calm (they are in the log file)', () => {
    const show = display(CALM);
    expect(show('    at Object.<anonymous> (main.js:1:1)', 'stderr')).toBeUndefined();
    expect(show('asset workflow-bundle.js 1.78 MiB', 'stdout')).toBeUndefined();
  });

  it('shows every line when verbose: records prettified, the others prefixed', () => {
    const show = display(VERBOSE);
    expect(show(json('log', 'API listening'), 'stdout')).toBe('api|30|API listening');
    expect(show('plain text', 'stderr')).toBe('[api] plain text');
  });

  it('pretty-prints with pino-pretty by default', () => {
    const output = jsonLogOutput(CALM, 'worker');
    if (typeof output !== 'function') throw new Error('expected a LineDisplay');
    const shown = output(json('warn', 'no pollers'), 'stdout');
    expect(shown).toMatch(/^\[\d\d:\d\d:\d\d\] WARN \(worker\): Ctx: no pollers$/);
  });
});

describe('readableLogLines', () => {
  it('pretty-prints the JSON records and keeps the other lines as they are', () => {
    const lines = [json('log', 'database pool closed'), '    at main (main.js:1:1)'];
    expect(readableLogLines(CALM, 'api', lines, (part, record) => `${part}|${String(record.message)}`)).toEqual([
      'api|database pool closed',
      '    at main (main.js:1:1)',
    ]);
  });
});

describe('serverLogOutput', () => {
  it('keeps the servers quiet when calm, prefixed otherwise', () => {
    expect(serverLogOutput(CALM)).toBe('quiet');
    expect(serverLogOutput(VERBOSE)).toBe('prefixed');
    expect(serverLogOutput(PIPE)).toBe('prefixed');
  });
});

describe('temporalLogOutput', () => {
  const nexus =
    '{"level":"error","ts":"2026-12-07T20:01:02.000Z","msg":"long poll to refresh Nexus endpoints returned error","service":"frontend","error":"connection refused","stacktrace":"go.temporal.io/server/common/log.(*zapLogger).Error\\n\\t/x.go:1"}';
  const other = '{"level":"error","ts":"2026-12-07T20:01:02.000Z","msg":"history client encountered error"}';

  it('shows nothing when calm: the services log to their files', () => {
    expect(temporalLogOutput(consoleMode([], {}, tty))('temporal-history')).toBe('quiet');
  });

  it.each([
    ['outside a terminal', consoleMode([], {}, pipe)],
    ['verbose', consoleMode(['--verbose'], {}, tty)],
  ])('%s, prefixes every line but the harmless Nexus long poll', (_name, mode) => {
    const display = temporalLogOutput(mode)('temporal-frontend') as LineDisplay;
    expect(display(nexus, 'stderr')).toBeUndefined();
    expect(display(other, 'stderr')).toBe(`[temporal-frontend] ${other}`);
  });
});
