import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ManagedProcess, type OutputMode } from './managed-process';
import { terminalOutput } from './terminal-output';

/** A node child that prints two lines to stdout and one to stderr (the last without its newline). */
const SCRIPT = `
process.stdout.write('{"level":"log","message":"hello"}\\nplain out\\n');
process.stderr.write('{"level":"error","message":"broken"}');
`;

describe('ManagedProcess output', () => {
  let dir: string;
  let shown: { stream: string; text: string }[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'managed-process-'));
    shown = [];
    jest.spyOn(terminalOutput, 'write').mockImplementation((stream, text) => void shown.push({ stream, text }));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(output: OutputMode, logFile?: string): Promise<ManagedProcess> {
    const child = ManagedProcess.start({
      name: 'demo',
      command: process.execPath,
      args: ['-e', SCRIPT],
      output,
      logFile,
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 5_000,
    });
    expect(await child.exited).toEqual({ code: 0, signal: null });
    // 'exit' may come before the last output has been read.
    for (const deadline = Date.now() + 5_000; child.recentOutput().split('\n').length < 3;) {
      if (Date.now() > deadline) throw new Error(`not all output read: ${child.recentOutput()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return child;
  }

  it('writes every line to its log file, whatever is shown', async () => {
    const logFile = path.join(dir, 'logs', 'demo.log');
    const child = await run('quiet', logFile);
    expect(child.logFile).toBe(logFile);
    expect(shown).toEqual([]);
    const logged = readFileSync(logFile, 'utf8').split('\n');
    expect(logged.sort()).toEqual(
      ['', '{"level":"error","message":"broken"}', '{"level":"log","message":"hello"}', 'plain out'].sort(),
    );
  });

  it('shows what a LineDisplay returns, on the stream the line came from', async () => {
    const seen: string[] = [];
    await run((line, stream) => {
      seen.push(`${stream}:${line}`);
      return line.includes('error') ? `!! ${line}` : undefined;
    });
    expect(seen.sort()).toEqual(
      [
        'stdout:{"level":"log","message":"hello"}',
        'stdout:plain out',
        'stderr:{"level":"error","message":"broken"}',
      ].sort(),
    );
    expect(shown).toEqual([{ stream: 'stderr', text: '!! {"level":"error","message":"broken"}\n' }]);
  });

  it('prefixes lines with its name in "prefixed" mode', async () => {
    await run('prefixed');
    expect(shown.filter((entry) => entry.stream === 'stdout').map((entry) => entry.text)).toEqual([
      '[demo] {"level":"log","message":"hello"}\n',
      '[demo] plain out\n',
    ]);
  });
});

describe('ManagedProcess killed from outside', () => {
  it('takes what it left in its process group with it, so that nothing holds its ports against a restart', async () => {
    // The child starts a grandchild (in its group, as PostgreSQL's backends are) and prints its pid.
    const script = `
      const { spawn } = require('node:child_process');
      const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      console.log(grandchild.pid);
      setInterval(() => {}, 1000);
    `;
    const child = ManagedProcess.start({
      name: 'leader',
      command: process.execPath,
      args: ['-e', script],
      output: 'quiet',
      stopSignal: 'SIGTERM',
      stopTimeoutMs: 5_000,
    });
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    let grandchild = 0;
    for (const deadline = Date.now() + 5_000; !grandchild;) {
      if (Date.now() > deadline) throw new Error('the child did not print its grandchild');
      grandchild = Number(child.recentOutput().trim()) || 0;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(alive(grandchild)).toBe(true);

    process.kill(child.pid!, 'SIGKILL'); // kill -9 of the leader alone
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
    for (const deadline = Date.now() + 5_000; alive(grandchild);) {
      if (Date.now() > deadline) throw new Error(`grandchild ${grandchild} outlived its killed parent`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
});
