// ESM needs node's --experimental-vm-modules: .npmrc sets it (node-options) for `npm test` and `npx jest`.
/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  resolver: 'ts-jest-resolver',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }]
  },
  // one temporary folder per run, removed at the end (tests and the bundles they start write under it)
  globalSetup: '<rootDir>/__tests__/helpers/temp-setup.mjs',
  globalTeardown: '<rootDir>/__tests__/helpers/temp-teardown.mjs',
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  // most of a test's time is spent waiting on a child process or a loopback server: one worker per core
  maxWorkers: '100%',
  testTimeout: 30000,
  verbose: false
}
