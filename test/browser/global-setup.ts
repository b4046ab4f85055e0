/**
 * Playwright's global setup: builds what `npm start` builds (dist/ and the web app, each when its
 * sources changed), compiles and starts the real stack (stack.ts, in a process of its own), and
 * hands its addresses to the tests (AOC_WEB_URL: the app and the API, one origin; AOC_IDP_URL).
 * The function it returns stops the stack.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');
const STACK_TIMEOUT_MS = 300_000;

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}`);
}

function waitForReady(child: ChildProcess): Promise<{ web: string; issuer: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the browser stack did not start in time')), STACK_TIMEOUT_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"web"')) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { web: string; issuer: string });
      } else {
        process.stdout.write(`${line}\n`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser stack exited with ${code} before it was ready`));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  run([join(ROOT, 'infra', 'build-if-stale.mjs')]);
  const bin = (tool: string, file: string) => join(ROOT, 'node_modules', tool, file);
  run([bin('typescript', 'bin/tsc'), '-p', 'test/browser/tsconfig.stack.json', '--outDir', 'dist', '--rootDir', '.']);
  run([bin('tsc-alias', 'dist/bin/index.js'), '-p', 'test/browser/tsconfig.stack.json', '--outDir', 'dist']);
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'test', 'browser', 'stack.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  const { web, issuer } = await waitForReady(child);
  process.env.AOC_WEB_URL = web;
  process.env.AOC_IDP_URL = issuer;
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}
