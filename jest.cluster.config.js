/**
 * The cluster tier (`npm run test:cluster`): the scale-out test on a real Temporal cluster
 * (test/cluster/). Apart from `npm test` because it builds the Temporal server with Go on a
 * machine that has none cached yet, and takes minutes; CI runs it as a step of its own.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'cluster',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
      moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
      // `npm run measure:cluster` runs the throughput measurement of docs/operations.md instead.
      testMatch: process.env.CLUSTER_MEASURE
        ? ['<rootDir>/test/cluster/**/*.measure.ts']
        : ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
      // The shared setup builds dist/ (the processes under test); the cluster itself is the spec's own.
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      slowTestThreshold: 600,
    },
  ],
};
