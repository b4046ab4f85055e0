import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { envValue } from '../support/environment';
import { formatElapsed } from '@aoc/support/format';
import { ProgressReporter } from '../support/progress-reporter';

const execFileAsync = promisify(execFile);

/** The Temporal CLI release this project runs its dev server with. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

const HEARTBEAT_MS = 30_000;

/** Where the CLI was found; 'download' means none was, and @temporalio/testing should fetch one. */
export type TemporalCliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'GOPATH' | 'go install' | 'download';

export interface TemporalCli {
  /** Absolute path of the executable; undefined when the source is 'download'. */
  path?: string;
  source: TemporalCliSource;
}

export interface ResolveTemporalCliOptions {
  reporter?: ProgressReporter;
  env?: NodeJS.ProcessEnv;
}

/**
 * Finds the `temporal` CLI, in this order: $TEMPORAL_CLI_PATH; `temporal` on
 * PATH; the Go bin folder ($GOBIN, else $(go env GOPATH)/bin). Failing those,
 * builds it with `go install` when Go is there (several minutes; progress is
 * printed), and otherwise answers 'download'.
 */
export async function resolveTemporalCli(options: ResolveTemporalCliOptions = {}): Promise<TemporalCli> {
  const env = options.env ?? process.env;
  const reporter = options.reporter ?? new ProgressReporter('temporal-cli');

  const configured = envValue('TEMPORAL_CLI_PATH', env);
  if (configured) {
    if (!isExecutable(configured)) {
      throw new Error(`TEMPORAL_CLI_PATH="${configured}" is not an executable file`);
    }
    return { path: path.resolve(configured), source: 'TEMPORAL_CLI_PATH' };
  }

  const onPath = findOnPath('temporal', env);
  if (onPath) return { path: onPath, source: 'PATH' };

  const go = findGo(env);
  if (!go) return { source: 'download' };

  const goBin = await goBinDir(go, env);
  const installed = path.join(goBin, 'temporal');
  if (isExecutable(installed)) return { path: installed, source: 'GOPATH' };

  reporter.info(`no temporal CLI found; building ${TEMPORAL_CLI_MODULE} with go install (takes several minutes)`);
  await goInstall(go, [TEMPORAL_CLI_MODULE], { env, reporter, what: 'temporal CLI' });
  if (!isExecutable(installed)) {
    throw new Error(`go install finished but ${installed} is not there; check GOBIN/GOPATH`);
  }
  return { path: installed, source: 'go install' };
}

/** The first line of `temporal --version`, e.g. "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)". */
export async function temporalCliVersion(cliPath: string): Promise<string> {
  const { stdout } = await execFileAsync(cliPath, ['--version']);
  return stdout.trim().split('\n')[0] ?? '';
}

async function goBinDir(go: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await execFileAsync(go, ['env', 'GOBIN', 'GOPATH'], { env });
  const [goBin = '', goPath = ''] = stdout.split('\n').map((line) => line.trim());
  if (goBin !== '') return goBin;
  // GOPATH may list several folders; `go install` writes to the first one's bin.
  return path.join(goPath.split(path.delimiter)[0], 'bin');
}

/** The Go toolchain: `go` on PATH, else Go's default install folder; undefined without Go. */
export function findGo(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findOnPath('go', env) ?? existingExecutable('/usr/local/go/bin/go');
}

export interface GoInstallOptions {
  env?: NodeJS.ProcessEnv;
  reporter: ProgressReporter;
  /** What is built, for the progress lines: "temporal CLI". */
  what: string;
  /** Where the binaries go; unset, Go's own choice ($GOBIN, else $GOPATH/bin). */
  gobin?: string;
}

/** Runs `go install` on `packages`, streaming its output and printing a heartbeat every 30 s. */
export async function goInstall(go: string, packages: string[], options: GoInstallOptions): Promise<void> {
  const { reporter, what } = options;
  const env = { ...(options.env ?? process.env), ...(options.gobin ? { GOBIN: options.gobin } : {}) };
  const startedAt = Date.now();
  const heartbeat = setInterval(() => {
    reporter.info(`still building ${what} (${formatElapsed(Date.now() - startedAt)})…`);
  }, HEARTBEAT_MS);
  try {
    const child = spawn(go, ['install', ...packages], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) throw new Error(`go install ${packages.join(' ')} failed with exit code ${code ?? 'unknown'}`);
  } finally {
    clearInterval(heartbeat);
  }
  reporter.success(`built ${what} in ${formatElapsed(Date.now() - startedAt)}`);
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = existingExecutable(path.join(dir, name));
    if (candidate) return candidate;
  }
  return undefined;
}

function existingExecutable(file: string): string | undefined {
  return isExecutable(file) ? file : undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
