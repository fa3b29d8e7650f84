// Mutation testing of src/core/memory (scripts/mutate.ts): the suites that exercise the memory terms — their unit
// tests, the freeze, host and architecture suites that call them, and the validation suites that hold every measured
// case to its bound. Narrower than the whole suite so that a surviving mutant, which runs every covering test, costs
// seconds, not minutes; a narrower set can only let more mutants survive, never fewer.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@jest/globals': 'vitest' } },
  test: {
    include: [
      '__tests__/core/memory/**/*.test.ts',
      '__tests__/core/freeze/**/*.test.ts',
      '__tests__/core/host/**/*.test.ts',
      '__tests__/core/architecture/**/*.test.ts',
      '__tests__/validation/**/*.test.ts',
    ],
    environment: 'node',
  },
});
