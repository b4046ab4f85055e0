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
}

const KEY = Symbol.for('aoc-plan-approval.test-infrastructure');

type GlobalWithInfrastructure = typeof globalThis & { [KEY]?: TestInfrastructure };

export function keepTestInfrastructure(infrastructure: TestInfrastructure): void {
  (globalThis as GlobalWithInfrastructure)[KEY] = infrastructure;
}

export function takeTestInfrastructure(): TestInfrastructure | undefined {
  const holder = globalThis as GlobalWithInfrastructure;
  const infrastructure = holder[KEY];
  holder[KEY] = undefined;
  return infrastructure;
}
