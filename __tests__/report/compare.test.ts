/**
 * compareReports: pairing by name, what counts as a move (the threshold), how violations stand against the base, and
 * what the JSON report gains. Plans are the hand-written fixtures of report-plans.ts: with the default terms a plan
 * holds 2.1 + 3.7 + 11.2 + 28.6 + 5.7 + 2.1 = 53.4 GiB at the peak, 58.6 GiB reserved (+5.2 slack) and 63.4 GiB on
 * the device (+0.5 context, +0.3 workspaces, +4.0 buffers).
 */
import { describe, expect, it } from '@jest/globals';
import {
  check,
  computeFixture,
  gib,
  H100_USABLE_BYTES,
  planFixture,
  reportOf,
} from '../../__fixtures__/report-plans.js';
import { compareReports, metricChange, valueChange, withBase } from '../../src/report/compare.js';

/** Terms with activations `activations` GiB and the rest as the fixture's default. */
const withActivations = (activations: number): [number, number, number, number, number, number] => [
  2.1,
  3.7,
  11.2,
  activations,
  5.7,
  2.1,
];

describe('valueChange', () => {
  it.each([
    // [base, head, threshold, delta, relative, moved]
    [100, 101, 0.01, 1, 0.01, false], // exactly 1%: not more than the threshold
    [100, 101.5, 0.01, 1.5, 0.015, true],
    [100, 99.5, 0.01, -0.5, -0.005, false],
    [100, 98, 0.01, -2, -0.02, true],
    [100, 100.1, 0, 0.1, 0.001, true], // a 0% threshold counts every move
    [0, 0, 0.01, 0, null, false],
    [0, 5, 0.01, 5, null, true], // from nothing: no percentage, always a move
  ])('%p → %p at %p', (base, head, threshold, delta, relative, moved) => {
    const change = valueChange(base, head, threshold);
    expect(change.delta).toBeCloseTo(delta, 10);
    if (relative === null) expect(change.relative).toBeNull();
    else expect(change.relative).toBeCloseTo(relative, 10);
    expect(change.moved).toBe(moved);
  });

  it('counts a value that appears or disappears as a move, without a delta', () => {
    expect(valueChange(null, 312, 0.01)).toEqual({ base: null, head: 312, delta: null, relative: null, moved: true });
    expect(valueChange(null, null, 0.01).moved).toBe(false);
  });
});

describe('compareReports', () => {
  it('pairs plans by name: new, unchanged, removed, in head order then base order', () => {
    const base = reportOf([planFixture({ name: 'kept' }), planFixture({ name: 'gone' })]);
    const head = reportOf([planFixture({ name: 'added' }), planFixture({ name: 'kept' })]);
    const comparison = compareReports(head, base);
    expect(comparison.plans.map((entry) => [entry.plan.name, entry.status])).toEqual([
      ['added', 'new'],
      ['kept', 'unchanged'],
    ]);
    expect(comparison.removed.map((plan) => plan.name)).toEqual(['gone']);
    expect(comparison.changed).toBe(true);
  });

  it('reports nothing changed for identical reports', () => {
    const report = reportOf([planFixture({ name: 'a' }), planFixture({ name: 'b' })]);
    const comparison = compareReports(report, report);
    expect(comparison.changed).toBe(false);
    expect(comparison.plans.every((entry) => entry.status === 'unchanged')).toBe(true);
  });

  it('names the memory terms that moved, largest first, and their changes add up to the device change', () => {
    // Activations 28.6 → 46.8 GiB (+18.2), logits 5.7 → 9.7 GiB (+4.0): the device goes 63.4 → 85.6 GiB (+22.2).
    const base = reportOf([planFixture({ name: 'p' })]);
    const head = reportOf([planFixture({ name: 'p', termsGib: [2.1, 3.7, 11.2, 46.8, 9.7, 2.1] })]);
    const [entry] = compareReports(head, base).plans;
    expect(entry!.status).toBe('changed');
    expect(entry!.movedTerms.map((term) => term.term)).toEqual(['activations', 'logits']);
    expect(entry!.movedTerms[0]!.delta).toBe(gib(46.8) - gib(28.6));
    const memory = metricChange(entry!, 'memory')!;
    expect(memory.delta).toBe(entry!.movedTerms.reduce((sum, term) => sum + (term.delta ?? 0), 0));
  });

  it('keeps a move within the threshold unchanged', () => {
    // Activations 28.6 → 29.0 GiB: the device moves 0.4 / 63.4 = 0.63%, under 1%; over 0.5%.
    const base = reportOf([planFixture({ name: 'p' })]);
    const head = reportOf([planFixture({ name: 'p', termsGib: withActivations(29.0) })]);
    expect(compareReports(head, base, 0.01).plans[0]!.status).toBe('unchanged');
    expect(compareReports(head, base, 0.005).plans[0]!.status).toBe('changed');
  });

  it('counts GPU-hours and cost moves, and compute estimated on one side only', () => {
    const base = reportOf([planFixture({ name: 'p', compute: computeFixture(312, 39, 780) })]);
    // 312 → 350 GPU-hours: +12.2%.
    const slower = reportOf([planFixture({ name: 'p', compute: computeFixture(350, 44, 875) })]);
    expect(metricChange(compareReports(slower, base).plans[0]!, 'gpu-hours')!.moved).toBe(true);
    const unestimated = reportOf([planFixture({ name: 'p', compute: null })]);
    const entry = compareReports(unestimated, base).plans[0]!;
    expect(entry.status).toBe('changed');
    expect(metricChange(entry, 'gpu-hours')).toMatchObject({ base: 312, head: null, delta: null, moved: true });
  });

  describe('violations against the base', () => {
    const budget = Math.round(0.95 * H100_USABLE_BYTES); // 95% of 79.6 GiB = 75.7 GiB
    const plan = (activations: number, memoryBudgetBytes?: number) =>
      planFixture({
        name: 'p',
        checkCapacity: true,
        termsGib: withActivations(activations),
        ...(memoryBudgetBytes === undefined ? {} : { memoryBudgetBytes }),
      });

    it('a violation the base did not have is new', () => {
      // 63.4 GiB fits under 75.7 GiB; with activations 48.6 GiB the device is 83.4 GiB, over the 79.6 GiB usable.
      const [entry] = compareReports(reportOf([plan(48.6, budget)]), reportOf([plan(28.6, budget)])).plans;
      expect(entry!.violations.map((v) => [v.check.limit, v.status])).toEqual([[H100_USABLE_BYTES, 'new']]);
      expect(entry!.resolved).toEqual([]);
    });

    it('the same violation, no larger, is as before; a larger one is worse', () => {
      // Activations 42.0 GiB: device 76.8 GiB, over the 75.7 GiB budget and under 79.6 GiB usable.
      const over = reportOf([plan(42.0, budget)]);
      expect(compareReports(over, over).plans[0]!.violations.map((v) => v.status)).toEqual(['as-before']);
      // Activations 43.0 GiB: device 77.8 GiB, 1.3% more than 76.8 GiB.
      const worse = compareReports(reportOf([plan(43.0, budget)]), over).plans[0]!;
      expect(worse.violations.map((v) => v.status)).toEqual(['worse']);
      expect(worse.violations[0]!.baseActual).toBe(over.plans[0]!.memory.perGpu.device);
    });

    it('over the memory budget before and over the whole GPU now is new: the plan no longer runs', () => {
      const [entry] = compareReports(reportOf([plan(48.6, budget)]), reportOf([plan(42.0, budget)])).plans;
      expect(entry!.violations.map((v) => v.status)).toEqual(['new']);
    });

    it('over the whole GPU before and over the memory budget now is as before, and the GPU now holds it', () => {
      const [entry] = compareReports(reportOf([plan(42.0, budget)]), reportOf([plan(48.6, budget)])).plans;
      expect(entry!.violations.map((v) => v.status)).toEqual(['as-before']);
      expect(entry!.resolved.map((c) => c.limit)).toEqual([H100_USABLE_BYTES]);
    });

    it('a violation the head no longer has is resolved', () => {
      const [entry] = compareReports(reportOf([plan(28.6, budget)]), reportOf([plan(42.0, budget)])).plans;
      expect(entry!.violations).toEqual([]);
      expect(entry!.resolved.map((c) => c.metric)).toEqual(['memory']);
      expect(entry!.status).toBe('changed');
    });

    it('a new budget line that fails is new, though no number moved', () => {
      const base = reportOf([planFixture({ name: 'p', checks: [check('gpu-hours', 500, 312)] })]);
      const head = reportOf([planFixture({ name: 'p', checks: [check('gpu-hours', 300, 312)] })]);
      const [entry] = compareReports(head, base).plans;
      expect(entry!.status).toBe('changed');
      expect(entry!.violations.map((v) => [v.check.metric, v.status])).toEqual([['gpu-hours', 'new']]);
    });

    it('every violation of a new plan is new', () => {
      const [entry] = compareReports(reportOf([plan(48.6)]), reportOf([])).plans;
      expect(entry!.violations.map((v) => v.status)).toEqual(['new']);
    });
  });
});

describe('withBase', () => {
  it('adds the base plan (without its own base) or null, and the removed names', () => {
    const basePlan = { ...planFixture({ name: 'kept' }), base: null };
    const base = reportOf([basePlan, planFixture({ name: 'gone' })]);
    const head = reportOf([planFixture({ name: 'kept', gpus: 16 }), planFixture({ name: 'added' })]);
    const json = withBase(head, compareReports(head, base));
    expect(json.plans[0]!.base).toEqual(planFixture({ name: 'kept' }));
    expect(json.plans[0]!.base).not.toHaveProperty('base');
    expect(json.plans[1]!.base).toBeNull();
    expect(json.removedPlans).toEqual(['gone']);
  });
});
