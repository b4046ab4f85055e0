import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { envValue } from '../support/environment';
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from '../support/progress-reporter';
import { findGo, goInstall } from '../temporal/temporal-cli';

const execFileAsync = promisify(execFile);

/** The Temporal server release of the cluster: the one the dev server of the pinned CLI (v1.5.1) embeds. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
/** The Web UI release that CLI embeds. */
export const TEMPORAL_UI_VERSION = 'v2.42.1';

const SERVER_MODULE = 'go.temporal.io/server';
const UI_PACKAGE = 'github.com/temporalio/ui-server/v2/cmd/server';
/** The schemas, inside the server module, for PostgreSQL 12 and later. */
const SCHEMA_SUBDIR = path.join('schema', 'postgresql', 'v12');

export interface ClusterBinaries {
  /** The Temporal server: `server start --service <name>`. */
  server: string;
  /** Temporal's SQL tool (`go.temporal.io/server/cmd/tools/sql`): creates and migrates its databases. */
  sqlTool: string;
  /** Holds temporal/versioned and visibility/versioned, the schemas of this server release. */
  schemaDir: string;
  /** The Web UI server; undefined when it could not be had (then `uiProblem` says why). */
  uiServer?: string;
  uiProblem?: string;
}

export interface ProvisionOptions {
  reporter?: ProgressReporter;
  env?: NodeJS.ProcessEnv;
  /** Also the Web UI (default true); a failure to build it is reported, not thrown. */
  withUi?: boolean;
}

/**
 * Where the built binaries are kept between runs and clones: $AOC_CLUSTER_CACHE, else
 * $XDG_CACHE_HOME/aoc-plan-approval, else ~/.cache/aoc-plan-approval. One folder per release.
 */
export function clusterCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = envValue('AOC_CLUSTER_CACHE', env);
  if (explicit) return path.resolve(explicit);
  return path.join(envValue('XDG_CACHE_HOME', env) ?? path.join(homedir(), '.cache'), 'aoc-plan-approval');
}

/**
 * The Temporal server, its SQL tool and schemas, and the Web UI server, from the cache; what is
 * missing is built with `go install` (several minutes the first time, with progress lines) into
 * a scratch folder that is renamed into place only once complete, so that an interrupted build
 * leaves nothing half-made behind.
 */
export async function provisionClusterBinaries(options: ProvisionOptions = {}): Promise<ClusterBinaries> {
  const env = options.env ?? process.env;
  const reporter = options.reporter ?? new ProgressReporter('cluster');
  const cache = clusterCacheDir(env);
  const serverDir = path.join(cache, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const server = path.join(serverDir, 'temporal-server');
  const sqlTool = path.join(serverDir, 'temporal-sql-tool');
  const schemaDir = path.join(serverDir, SCHEMA_SUBDIR);

  if (!existsSync(server) || !existsSync(sqlTool) || !existsSync(path.join(schemaDir, 'temporal', 'versioned'))) {
    const go = requireGo(env);
    reporter.info(
      `the Temporal server ${TEMPORAL_SERVER_VERSION} is not in ${serverDir}; building it with go install ` +
        '(several minutes the first time)',
    );
    await buildInto(serverDir, async (scratch) => {
      await goInstall(
        go,
        [
          `${SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
          `${SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
        ],
        { env, reporter, what: `the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL tool`, gobin: scratch },
      );
      await rename(path.join(scratch, 'server'), path.join(scratch, 'temporal-server'));
      await rename(path.join(scratch, 'sql'), path.join(scratch, 'temporal-sql-tool'));
      const moduleDir = path.join(await goEnv(go, 'GOMODCACHE', env), `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`);
      await copyTree(path.join(moduleDir, SCHEMA_SUBDIR), path.join(scratch, SCHEMA_SUBDIR));
    });
  }

  const binaries: ClusterBinaries = { server, sqlTool, schemaDir };
  if (options.withUi === false) return binaries;

  const uiDir = path.join(cache, `temporal-ui-server-${TEMPORAL_UI_VERSION}`);
  const uiServer = path.join(uiDir, 'temporal-ui-server');
  if (existsSync(uiServer)) return { ...binaries, uiServer };
  try {
    const go = requireGo(env);
    reporter.info(`the Temporal Web UI ${TEMPORAL_UI_VERSION} is not in ${uiDir}; building it with go install`);
    await buildInto(uiDir, async (scratch) => {
      await goInstall(go, [`${UI_PACKAGE}@${TEMPORAL_UI_VERSION}`], {
        env,
        reporter,
        what: `the Temporal Web UI ${TEMPORAL_UI_VERSION}`,
        gobin: scratch,
      });
      await rename(path.join(scratch, 'server'), path.join(scratch, 'temporal-ui-server'));
    });
    return { ...binaries, uiServer };
  } catch (error) {
    const uiProblem = `the Web UI could not be built (${errorMessage(error)}); the cluster runs without it`;
    reporter.warn(uiProblem);
    return { ...binaries, uiProblem };
  }
}

function requireGo(env: NodeJS.ProcessEnv): string {
  const go = findGo(env);
  if (go) return go;
  throw new Error(
    `the cluster is built from source with Go, and there is no go on PATH: install Go 1.24 or later ` +
      `(or put already built binaries in ${clusterCacheDir(env)}, see docs/operations.md)`,
  );
}

/** Runs `build` on an empty scratch folder beside `target`, then puts the folder in its place. */
async function buildInto(target: string, build: (scratch: string) => Promise<void>): Promise<void> {
  const scratch = `${target}.partial-${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  try {
    await build(scratch);
    await writeFile(path.join(scratch, 'BUILT'), `${new Date().toISOString()}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(scratch, target);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function goEnv(go: string, name: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await execFileAsync(go, ['env', name], { env });
  return stdout.trim();
}

/** Copies a folder; the module cache's files are read-only, the copies are not (the cache can be removed). */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, target);
    else if (entry.isFile()) {
      await writeFile(target, await readFile(source));
      await chmod(target, 0o644);
    }
  }
}
