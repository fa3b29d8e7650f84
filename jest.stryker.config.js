// Jest for mutation testing (stryker.config.json): the suites that run the estimator in-process. The action's suites
// run the bundle or the GitHub glue, which a mutant of src/core does not reach, so they are left out for speed.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: [
    '**/__tests__/core/**/*.test.ts',
    '**/__tests__/validation/**/*.test.ts',
    '**/__tests__/cli/**/*.test.ts',
    '**/__tests__/report/**/*.test.ts',
    '**/__tests__/plan/**/*.test.ts',
    '**/__tests__/catalog/**/*.test.ts',
    '**/__tests__/calibration/**/*.test.ts',
  ],
};
