import { createPrettifier, LEVEL, parseLogLine } from './log-lines';

describe('parseLogLine', () => {
  it('reads a Nest ConsoleLogger line, "log" as info and its timestamp as time', () => {
    const line = '{"level":"log","pid":9,"timestamp":1795943409493,"message":"Starting","context":"NestFactory"}';
    expect(parseLogLine(line)).toEqual({
      level: LEVEL.info,
      pid: 9,
      time: 1795943409493,
      message: 'Starting',
      context: 'NestFactory',
    });
  });

  it("reads the CLIs' lines, which carry an ISO time", () => {
    const line =
      '{"time":"2026-11-29T09:10:08.031Z","level":"info","context":"persistence","message":"migrations applied"}';
    expect(parseLogLine(line)).toMatchObject({ level: LEVEL.info, time: '2026-11-29T09:10:08.031Z' });
  });

  it.each([
    ['fatal', LEVEL.fatal],
    ['error', LEVEL.error],
    ['warn', LEVEL.warn],
    ['WARN', LEVEL.warn],
    ['warning', LEVEL.warn],
    ['info', LEVEL.info],
    ['debug', LEVEL.debug],
    ['verbose', LEVEL.trace],
    ['trace', LEVEL.trace],
  ])('maps the level %p to %p', (level, number) => {
    expect(parseLogLine(JSON.stringify({ level, message: 'm' }))?.level).toBe(number);
  });

  it('keeps a numeric (pino) level', () => {
    expect(parseLogLine('{"level":50,"msg":"x"}')?.level).toBe(50);
  });

  it.each([
    ['2026-11-29 09:10:05.836 UTC [20519] LOG:  starting PostgreSQL 18.4'],
    ['{"message":"no level"}'],
    ['{"level":"loud","message":"unknown level"}'],
    ['{"level":'],
    ['[1,2]'],
    [''],
  ])('answers undefined for %p', (line) => {
    expect(parseLogLine(line)).toBeUndefined();
  });
});

describe('createPrettifier', () => {
  it('makes one line with the time, level, part, context, message and other fields', () => {
    const pretty = createPrettifier(false);
    const record = parseLogLine(
      JSON.stringify({ level: 'error', pid: 3, timestamp: 0, context: 'Svc', message: 'failed', taskQueue: 'q' }),
    );
    if (!record) throw new Error('not parsed');
    expect(pretty('worker', record)).toMatch(/^\[\d\d:\d\d:\d\d\] ERROR \(worker\): Svc: failed \{"taskQueue":"q"\}$/);
  });

  it('colours the level only when asked to', () => {
    const record = { level: LEVEL.warn, time: 0, message: 'm' };
    expect(createPrettifier(true)('api', record)).toContain('\u001b[');
    expect(createPrettifier(false)('api', record)).not.toContain('\u001b[');
  });
});
