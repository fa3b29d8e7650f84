/** Goodput: GPU-hours and wall clock are the steady-state figures divided by it; mfu: still sets the steady state. */
import { describe, expect, test } from '@jest/globals';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import { estimateCompute } from '../../../src/core/compute/estimate-compute.js';
import { DEFAULT_GOODPUT } from '../../../src/core/compute/goodput.js';
import { testPlan } from './plan-fixture.js';

function compute(goodput: number | null) {
  const plan = testPlan('meta-llama/Llama-2-7b-hf', { hardware: { mfu: 0.4, goodput, gpus: 8 } });
  return estimateCompute(plan, countParameters(plan.architecture));
}

describe('goodput', () => {
  test('default 0.9, Llama 3 §3.3.4 (>90% effective training time), listed as an assumption', () => {
    expect(DEFAULT_GOODPUT).toBe(0.9);
    const { compute: c, assumptions } = compute(null);
    expect(c!.goodputSource).toBe('default');
    expect(c!.gpuHours).toBeCloseTo(c!.productiveGpuHours / 0.9, 6);
    expect(assumptions.some((line) => line.startsWith('Goodput 90.0%'))).toBe(true);
    // The assumption names its source: Llama 3 report §3.3.4.
    expect(assumptions.find((line) => line.startsWith('Goodput'))).toContain(
      '(Llama 3 (Dubey et al. 2024 §3.3.4): >90% effective training time at 16K GPUs, restarts, checkpoints and evaluation included)',
    );
  });

  test('a plan value replaces it; mfu still sets the steady-state hours, which goodput does not touch', () => {
    const { compute: c, assumptions } = compute(0.8);
    const steady = compute(null).compute!.productiveGpuHours;
    expect(c!.productiveGpuHours).toBeCloseTo(steady, 6);
    // model FLOPs / (989 TFLOP/s × 0.4) / 3600, then / 0.8 and over 8 GPUs for the wall clock.
    expect(c!.productiveGpuHours).toBeCloseTo(c!.flops / (989e12 * 0.4) / 3600, 6);
    expect(c!.gpuHours).toBeCloseTo(steady / 0.8, 6);
    expect(c!.wallClockHours).toBeCloseTo(steady / 0.8 / 8, 6);
    expect(c!.goodputSource).toBe('plan');
    expect(assumptions.some((line) => line.startsWith('Goodput'))).toBe(false);
  });
});
