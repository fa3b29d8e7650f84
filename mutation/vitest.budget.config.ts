// Mutation testing of src/core/budget.ts (scripts/mutate.ts): the in-process suites, the gate's callers among them.
// Vitest keeps its workers and module cache between mutants, which jest does not, so a run fits in one sitting. `npm
// test` stays on jest; the suites import their globals from @jest/globals, which vitest provides under the same names.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@jest/globals': 'vitest' } },
  test: {
    include: [
      '__tests__/core/**/*.test.ts',
      '__tests__/validation/**/*.test.ts',
      '__tests__/cli/**/*.test.ts',
      '__tests__/report/**/*.test.ts',
      '__tests__/plan/**/*.test.ts',
      '__tests__/catalog/**/*.test.ts',
      '__tests__/calibration/**/*.test.ts',
    ],
    // The search's suites run the estimator tens of thousands of times (brute-force cross-checks): as covering tests
    // they would run for every mutant of core/memory. They test the search, not the terms mutated here.
    exclude: ['__tests__/core/search/**', '__tests__/cli/plan-command.test.ts', '**/node_modules/**'],
    environment: 'node',
  },
});
