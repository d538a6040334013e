// Two projects: unit tests run without a server; integration tests (*.int.test.ts)
// run against the real local clusters that globalSetup brings up (or finds running).
import type { Config } from 'jest';

const shared: Config = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  // Tests import the packages' sources, so `npm test` needs no build of the code under test.
  // A package's `internal` subpath (what sibling packages share) maps to its src/internal.ts.
  moduleNameMapper: {
    '^@cassia/([^/]+)/internal$': '<rootDir>/packages/$1/src/internal',
    '^@cassia/(.*)$': '<rootDir>/packages/$1/src',
  },
};

const config: Config = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/packages/*/test/**/*.test.ts', '<rootDir>/bench/test/**/*.test.ts', '<rootDir>/reliability/test/**/*.test.ts', '<rootDir>/scripts/test/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/packages/*/test/**/*.int.test.ts', '<rootDir>/examples/test/**/*.int.test.ts', '<rootDir>/bench/test/**/*.int.test.ts', '<rootDir>/reliability/test/**/*.int.test.ts'],
      globalSetup: '<rootDir>/packages/testkit/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/packages/testkit/src/jest/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 120_000,
  maxWorkers: 2,
};

export default config;
