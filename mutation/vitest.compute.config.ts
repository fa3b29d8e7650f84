// Mutation testing of src/core/compute (scripts/mutate.ts): the compute unit tests and the freeze and host suites
// that call compute terms (backward FLOPs of a frozen model, the NVMe offload term). See vitest.memory.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@jest/globals': 'vitest' } },
  test: {
    include: [
      '__tests__/core/compute/**/*.test.ts',
      '__tests__/core/freeze/**/*.test.ts',
      '__tests__/core/host/**/*.test.ts',
    ],
    environment: 'node',
  },
});
