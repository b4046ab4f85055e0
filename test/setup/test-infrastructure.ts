/**
 * What jest's global setup started for a test run, handed to the global
 * teardown through globalThis (the one channel jest offers between the two).
 */
export interface TestInfrastructure {
  /** URL of a database on the server where the test database was created. */
  serverUrl: string;
  databaseName: string;
  /** Stops the dev server started for this run; undefined when TEMPORAL_ADDRESS was given. */
  stopTemporal?: () => Promise<void>;
  /** Stops the embedded PostgreSQL started for this run; undefined when a server was given or found. */
  stopPostgres?: () => Promise<void>;
  /** Temporal's address and when the run began: the teardown replays every history started since. */
  temporalAddress: string;
  startedAt: Date;
  /** How many jest projects share it: each project's setup joins, each teardown leaves. */
  projects: number;
}

const KEY = Symbol.for('aoc-plan-approval.test-infrastructure');

type GlobalWithInfrastructure = typeof globalThis & { [KEY]?: TestInfrastructure };

export function keepTestInfrastructure(infrastructure: TestInfrastructure): void {
  (globalThis as GlobalWithInfrastructure)[KEY] = infrastructure;
}

/** A further project's setup: shares what the first one started. False when nothing is kept yet. */
export function joinTestInfrastructure(): boolean {
  const infrastructure = (globalThis as GlobalWithInfrastructure)[KEY];
  if (!infrastructure) return false;
  infrastructure.projects++;
  return true;
}

/** A project's teardown: the infrastructure once the last project leaves it, else undefined. */
export function takeTestInfrastructure(): TestInfrastructure | undefined {
  const holder = globalThis as GlobalWithInfrastructure;
  const infrastructure = holder[KEY];
  if (!infrastructure || --infrastructure.projects > 0) return undefined;
  holder[KEY] = undefined;
  return infrastructure;
}
