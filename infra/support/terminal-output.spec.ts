import { TerminalOutput, type OutputStream } from './terminal-output';

/** Both streams write into one transcript, as they do on a terminal. */
function fakeTerminal(columns?: number): { output: TerminalOutput; transcript: () => string } {
  let text = '';
  const stdout: OutputStream = { write: (chunk: string) => (text += chunk), columns };
  const stderr: OutputStream = { write: (chunk: string) => (text += `<err>${chunk}`) };
  return { output: new TerminalOutput(stdout, stderr), transcript: () => text };
}

describe('TerminalOutput', () => {
  it('replaces a pending line by its outcome', () => {
    const { output, transcript } = fakeTerminal(80);
    output.writePending('Starting…');
    output.replacePending('Starting…', 'stdout', 'Started\n');
    expect(transcript()).toBe('Starting…\r\u001b[2KStarted\n');
  });

  it('ends a pending line before anything else, and then writes the outcome below', () => {
    const { output, transcript } = fakeTerminal(80);
    output.writePending('Starting…');
    output.write('stderr', 'a warning\n');
    output.replacePending('Starting…', 'stdout', 'Started\n');
    expect(transcript()).toBe('Starting…\n<err>a warning\nStarted\n');
  });

  it('ends a pending line when another one is started', () => {
    const { output, transcript } = fakeTerminal(80);
    output.writePending('Outer…');
    output.writePending('Inner…');
    output.replacePending('Inner…', 'stdout', 'Inner done\n');
    output.replacePending('Outer…', 'stdout', 'Outer done\n');
    expect(transcript()).toBe('Outer…\nInner…\r\u001b[2KInner done\nOuter done\n');
  });

  it('writes a line too wide for the terminal whole, as it could not be cleared', () => {
    const { output, transcript } = fakeTerminal(10);
    output.writePending('0123456789…');
    output.replacePending('0123456789…', 'stdout', 'done\n');
    expect(transcript()).toBe('0123456789…\ndone\n');
  });

  it('assumes 80 columns when the terminal does not say', () => {
    const { output, transcript } = fakeTerminal(undefined);
    output.writePending('x'.repeat(79));
    output.replacePending('x'.repeat(79), 'stderr', 'failed\n');
    expect(transcript()).toBe(`${'x'.repeat(79)}\r\u001b[2K<err>failed\n`);
  });
});
