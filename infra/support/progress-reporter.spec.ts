import { ProgressReporter } from './progress-reporter';
import { TerminalOutput } from './terminal-output';

function capture(): { output: TerminalOutput; lines: () => string[] } {
  let text = '';
  const stream = { write: (chunk: string) => (text += chunk), columns: 200 };
  return {
    output: new TerminalOutput(stream, stream),
    // What a terminal would show: a cleared line is replaced by what follows.
    lines: () =>
      text
        .split('\n')
        .map((line) => line.split('\r\u001b[2K').at(-1) ?? '')
        .filter((line) => line !== ''),
  };
}

const TIME = /^\d\d:\d\d:\d\d /;

describe('ProgressReporter.step', () => {
  it('prints one line per step when condensed', async () => {
    const { output, lines } = capture();
    const reporter = new ProgressReporter('start', { condensed: true, output });
    await reporter.step(
      'Starting PostgreSQL',
      () => Promise.resolve('127.0.0.1:54329'),
      (address) => address,
    );
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(TIME);
    expect(lines()[0]).toMatch(/\[start\] ✔ Starting PostgreSQL: 127\.0\.0\.1:54329 \(0\.\ds\)$/);
  });

  it('prints the announcement and the outcome on lines of their own when not condensed', async () => {
    const { output, lines } = capture();
    const reporter = new ProgressReporter('start', { output });
    await reporter.step('Running migrations', () => Promise.resolve());
    expect(lines()).toEqual([
      expect.stringMatching(/\[start\] {3}Running migrations…$/),
      expect.stringMatching(/\[start\] ✔ Running migrations \(0\.\ds\)$/),
    ]);
  });

  it('keeps the announcement when something was printed during the step', async () => {
    const { output, lines } = capture();
    const reporter = new ProgressReporter('start', { condensed: true, output });
    await reporter.step('Starting PostgreSQL', async () => reporter.warn('creating the "postgres" OS user'));
    expect(lines().map((line) => line.replace(TIME, ''))).toEqual([
      '[start]   Starting PostgreSQL…',
      '[start] ! creating the "postgres" OS user',
      expect.stringMatching(/^\[start\] ✔ Starting PostgreSQL \(0\.\ds\)$/),
    ]);
  });

  it('replaces the announcement by the failure, and rethrows', async () => {
    const { output, lines } = capture();
    const reporter = new ProgressReporter('start', { condensed: true, output });
    await expect(reporter.step('Starting PostgreSQL', () => Promise.reject(new Error('port taken')))).rejects.toThrow(
      'port taken',
    );
    expect(lines()).toEqual([expect.stringMatching(/\[start\] ✘ Starting PostgreSQL failed after 0\.\ds$/)]);
  });
});
