/** Unit tests sit beside the code; integration and e2e tests live in test/ and use the real servers. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] };
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');
/** The path aliases of tsconfig.json (`@aoc/domain/...`), for every project. */
const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });

/**
 * A project on the real servers. Every such project names the same global setup and teardown:
 * the first setup provisions Temporal and the database for the whole run, the last teardown
 * replays every history the run produced and then removes them (test/setup/).
 */
const onRealServers = (displayName, testMatch) => ({
  displayName,
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  testMatch,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  slowTestThreshold: 30,
});

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/{apps,libs,workflows,infra}/**/*.spec.ts'],
    },
    // The workflows on an in-process worker, the recorded histories, the database itself.
    onRealServers('integration', ['<rootDir>/test/**/*.int-spec.ts']),
    // Through HTTP, against the built API and worker processes.
    onRealServers('e2e', ['<rootDir>/test/e2e/**/*.e2e-spec.ts']),
    onRealServers('authz', ['<rootDir>/test/authz/**/*.e2e-spec.ts']),
    onRealServers('fuzz', ['<rootDir>/test/fuzz/**/*.e2e-spec.ts']),
    onRealServers('faults', ['<rootDir>/test/faults/**/*.e2e-spec.ts']),
  ],
};
