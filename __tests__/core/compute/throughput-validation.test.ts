/**
 * Issue 16's acceptance: on published multi-GPU throughput with full configurations, the efficiency model's MFU is
 * within 10% in the median and 25% at the 90th percentile on the rows no term was derived from; the one derived
 * constant reproduces its derivation.
 */
import { describe, expect, it } from '@jest/globals';
import { FRAMEWORK_EFFICIENCY } from '../../../src/core/compute/efficiency-model.js';
import {
  derivedFrameworkEfficiency,
  errorStats,
  REASONS,
  THROUGHPUT_MEDIAN_TARGET,
  THROUGHPUT_P90_TARGET,
  THROUGHPUT_SETS,
  throughputValidation,
} from '../../../scripts/validate-throughput.js';

const validation = throughputValidation();

describe('throughput validation (validation/compute/throughput/)', () => {
  it('targets: median 10%, 90th percentile 25%', () => {
    expect([THROUGHPUT_MEDIAN_TARGET, THROUGHPUT_P90_TARGET]).toEqual([0.1, 0.25]);
  });

  it('holds the validation rows to them', () => {
    expect(validation.validation.count).toBe(166);
    expect(validation.validation.median).toBeLessThanOrEqual(THROUGHPUT_MEDIAN_TARGET);
    expect(validation.validation.p90).toBeLessThanOrEqual(THROUGHPUT_P90_TARGET);
  });

  it.each([
    // [set, role, median, 90th percentile]: each set at its error when the model was set, rounded up + 1 point.
    ['llm-foundry', 'derivation', 0.05, 0.15],
    ['llm-foundry', 'validation', 0.09, 0.2],
    ['torchtitan', 'validation', 0.15, 0.49],
  ])('%s %s rows: median ≤ %d, 90th percentile ≤ %d', (set, role, median, p90) => {
    const stats = validation.bySet.find((s) => s.set === set && s.role === role)!.stats;
    expect(stats.median).toBeLessThanOrEqual(median);
    expect(stats.p90).toBeLessThanOrEqual(p90);
  });

  it('FRAMEWORK_EFFICIENCY is the median of the derivation rows’ own values (MosaicML A100 40GB, 78 rows)', () => {
    const derived = derivedFrameworkEfficiency();
    expect(derived.rows).toBe(78);
    expect(Math.abs(derived.value - FRAMEWORK_EFFICIENCY)).toBeLessThan(0.0005);
  });

  it('every case has a measured MFU, an estimate and only known reasons; no row is both derivation and validation', () => {
    const ids = new Set<string>();
    for (const c of validation.cases) {
      expect(ids.has(`${c.set}/${c.id}`)).toBe(false);
      ids.add(`${c.set}/${c.id}`);
      expect(c.measuredMfu).toBeGreaterThan(0);
      expect(c.estimatedMfu).toBeGreaterThan(0);
      for (const reason of c.reasons) expect(Object.keys(REASONS)).toContain(reason);
    }
    expect(ids.size).toBe(THROUGHPUT_SETS.reduce((n, s) => n + s.rows.length, 0));
  });

  it('measured MFU agrees with the bf16 MFU llm-foundry publishes (same FLOP convention, within 2 points)', () => {
    // Its FP8 rows state MFU against the FP8 peak; this tool states fp8-mixed against the FP8/BF16 mix.
    const foundry = THROUGHPUT_SETS.find((s) => s.set === 'llm-foundry')!;
    for (const row of foundry.rows.filter((r) => r.precision !== 'fp8-mixed')) {
      const c = validation.cases.find((x) => x.set === 'llm-foundry' && x.id === row.id)!;
      expect(Math.abs(c.measuredMfu - row.published!.mfu)).toBeLessThan(0.02);
    }
  });

  it('error statistics: nearest-rank percentiles of |error|', () => {
    // 10 errors: median = 5th smallest |e| = 0.05, 90th percentile = 9th = 0.09.
    const stats = errorStats([0.01, -0.02, 0.03, -0.04, 0.05, 0.06, -0.07, 0.08, 0.09, -0.1]);
    expect(stats).toEqual({ count: 10, median: 0.05, p90: 0.09, worst: 0.1 });
  });
});
