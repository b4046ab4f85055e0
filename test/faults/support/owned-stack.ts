import { mkdtemp, rm } from 'node:fs/promises';
import { registerDemoRegistry } from '../../support/registry-fixtures';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ApiClient } from '@aoc/demo/api-client';
import { findFreePort } from '../../../infra/support/network-ports';
import { startTemporalDevServer, type TemporalDevServer } from '../../../infra/temporal/dev-server';
import { resolveTemporalCli, type TemporalCli } from '../../../infra/temporal/temporal-cli';
import { createDataSource } from '@aoc/persistence';
import { ApiHarness } from '../../support/api-harness';
import { OwnedPostgres } from './owned-postgres';

const HOST = '127.0.0.1';
const DATABASE = 'aoc_faults';

/**
 * A whole stack that one fault case owns, so that it may kill any part of it: a PostgreSQL
 * cluster and a Temporal dev server with a persistent SQLite file, both in a temp
 * folder on ports chosen free once (a restart comes back on the same port and the same
 * data), plus the built API and worker processes pointed at them.
 */
export class OwnedStack {
  readonly harness: ApiHarness;
  private readonly postgres: OwnedPostgres;
  private temporal?: TemporalDevServer;
  private checks?: DataSource;

  private constructor(
    private readonly dir: string,
    private readonly cli: TemporalCli,
    readonly temporalPort: number,
    postgresPort: number,
    env: Record<string, string>,
  ) {
    this.postgres = new OwnedPostgres(join(dir, 'postgres'), postgresPort, DATABASE);
    this.harness = new ApiHarness({ ...env, DATABASE_URL: this.databaseUrl, TEMPORAL_ADDRESS: this.temporalAddress });
  }

  get databaseUrl(): string {
    return this.postgres.url;
  }

  get temporalAddress(): string {
    return `${HOST}:${this.temporalPort}`;
  }

  get api(): ApiClient {
    return this.harness.api;
  }

  /** Starts PostgreSQL (migrated), Temporal, the worker and the API, and seeds the Group of Friends seats. */
  static async start(label: string, env: Record<string, string>): Promise<OwnedStack> {
    const dir = await mkdtemp(join(tmpdir(), `aoc-faults-${label}-`));
    const cli = await resolveTemporalCli();
    if (!cli.path) throw new Error('the fault tests need the temporal CLI (to restart a dev server on its file)');
    const postgresPort = await findFreePort(HOST);
    const temporalPort = await findFreePort(HOST);
    const stack = new OwnedStack(dir, cli, temporalPort, postgresPort, env);
    try {
      await stack.startPostgres();
      await stack.migrate();
      await stack.startTemporal();
      await stack.harness.start();
      // The seats come with the registry the migration step wrote (registerDemoRegistry).
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  startPostgres(): Promise<void> {
    return this.postgres.start();
  }

  /** A fast shutdown: PostgreSQL disconnects every client and exits. */
  stopPostgres(): Promise<void> {
    return this.postgres.stop();
  }

  async startTemporal(): Promise<void> {
    this.temporal = await startTemporalDevServer({
      cli: this.cli,
      ip: HOST,
      port: this.temporalPort,
      dbFile: join(this.dir, 'temporal.db'),
      output: 'quiet',
    });
  }

  /** SIGKILL, as a crash: the server writes nothing more, its SQLite file keeps what it had. */
  async killTemporal(): Promise<void> {
    const server = this.temporal;
    this.temporal = undefined;
    if (!server?.kill) throw new Error('this Temporal dev server cannot be killed');
    await server.kill();
  }

  /** A connection of the checks' own; opened after the faults, closed by stop(). */
  async database(): Promise<DataSource> {
    this.checks ??= await createDataSource(this.databaseUrl, { poolSize: 2 }).initialize();
    return this.checks;
  }

  async stop(): Promise<void> {
    const steps: (() => Promise<unknown>)[] = [
      async () => this.checks?.destroy(),
      () => this.harness.stop(),
      async () => this.temporal?.stop(),
      () => this.stopPostgres(),
      () => rm(this.dir, { recursive: true, force: true }),
    ];
    for (const step of steps) await step().catch(() => undefined);
  }

  private async migrate(): Promise<void> {
    const dataSource = await createDataSource(this.databaseUrl, { poolSize: 1 }).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await registerDemoRegistry(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }
}
