// Jest runs the TypeScript sources as ES modules through ts-jest (transpile only: `npm run build` type-checks).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // Stryker's sandboxes (npm run mutate) hold copies of the suites.
  testPathIgnorePatterns: ['/node_modules/', '/\\.stryker-tmp/'],
  modulePathIgnorePatterns: ['<rootDir>/\\.stryker-tmp/'],
  collectCoverageFrom: ['src/**/*.ts'],
  // Says after the summary when the browser tests were skipped (no Chromium).
  reporters: ['default', '<rootDir>/__fixtures__/browser-skip-reporter.mjs'],
};
