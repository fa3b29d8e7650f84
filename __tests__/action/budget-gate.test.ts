import { describe, expect, it } from '@jest/globals';
import * as path from 'node:path';
import { check, gib, planFixture, reportOf } from '../../__fixtures__/report-plans.js';
import {
  blockingViolations,
  collectViolations,
  gateMessage,
  MAX_ANNOTATIONS,
  violationAnnotations,
} from '../../src/action/budget-gate.js';
import { compareReports } from '../../src/report/compare.js';

describe('budget gate', () => {
  it('has one line per failed check and none for passing plans', () => {
    const report = reportOf([
      planFixture({ checkCapacity: true, name: 'fits', memoryBudgetBytes: gib(79) }),
      planFixture({
        checkCapacity: true,
        name: 'big',
        file: 'plans/a.yml',
        line: 12,
        memoryBudgetBytes: gib(10),
        checks: [check('cost', 500, 780)],
      }),
    ]);
    const violations = collectViolations(report);
    // The fixture's default device total is 63.4 GiB (terms 53.4 + overheads 10.0); the H100's 81,559 MiB are
    // 79.65 GiB, so 10 GiB is 12.6% of it (shown 13%) and 1 GiB 1.26% (shown 1.3%).
    expect(violations.map((v) => v.line)).toEqual([
      'big (plans/a.yml:12): memory per GPU 63.4 GiB, over the limit of 10.0 GiB (13%)',
      'big (plans/a.yml:12): cost $780, over the limit of $500',
    ]);
    expect(gateMessage(violations, 2)).toBe(
      [
        '1 of 2 training plans exceeds its budget:',
        '  big (plans/a.yml:12): memory per GPU 63.4 GiB, over the limit of 10.0 GiB (13%)',
        '  big (plans/a.yml:12): cost $780, over the limit of $500',
      ].join('\n'),
    );
  });

  it('counts a plan that does not fit its GPU without a memory budget', () => {
    // 100 GiB of activations exceed the H100's 79.6 GiB usable.
    const plan = planFixture({ checkCapacity: true, name: 'oom', termsGib: [2, 2, 8, 100, 2, 1] });
    expect(collectViolations(reportOf([plan])).map((v) => v.check.metric)).toEqual(['memory']);
  });

  it('says only that a plan over its GPU does not fit, not also that it misses the tighter memory budget', () => {
    // Terms 2 + 2 + 8 + 100 + 2 + 1 = 115 GiB plus the fixture's 10 GiB of overheads = 125 GiB: over the H100's
    // 79.6 GiB usable, and so over the 75 GiB budget as well.
    const plan = planFixture({
      checkCapacity: true,
      name: 'oom',
      termsGib: [2, 2, 8, 100, 2, 1],
      memoryBudgetBytes: gib(75),
      checks: [check('cost', 500, 780)],
    });
    expect(collectViolations(reportOf([plan])).map((v) => v.line)).toEqual([
      'oom (train-plan.yml:4): memory per GPU 125.0 GiB, over the 79.6 GiB usable on the GPU',
      'oom (train-plan.yml:4): cost $780, over the limit of $500',
    ]);
  });

  it('annotates at most ten violations, at the plan line, with paths from the workspace root', () => {
    const plans = Array.from({ length: 12 }, (_, index) =>
      planFixture({
        checkCapacity: true,
        name: `p${index}`,
        file: 'plans/sweep.yml',
        line: 3 + index,
        memoryBudgetBytes: gib(1),
      }),
    );
    const annotations = violationAnnotations(
      collectViolations(reportOf(plans)),
      path.resolve('/w/ml'),
      path.resolve('/w'),
    );
    expect(annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(annotations[0]).toEqual({
      message: 'memory per GPU 63.4 GiB, over the limit of 1.0 GiB (1.3%)',
      title: 'Plan "p0" exceeds its budget',
      file: 'ml/plans/sweep.yml',
      startLine: 3,
    });
  });

  describe('against the base', () => {
    // Plan "old" is over its 10 GiB memory budget on the base and the head (63.4 GiB both); plan "new" meets its
    // cost limit of $1,000 on the base ($780) and breaks a limit of $500 on the head.
    const old = planFixture({ checkCapacity: true, name: 'old', memoryBudgetBytes: gib(10) });
    const base = reportOf([old, planFixture({ name: 'new', line: 9, checks: [check('cost', 1000, 780)] })]);
    const head = reportOf([old, planFixture({ name: 'new', line: 9, checks: [check('cost', 500, 780)] })]);
    const violations = collectViolations(head, compareReports(head, base));

    it('marks each violation new or as on the base', () => {
      expect(violations.map((v) => [v.plan.name, v.status, v.line])).toEqual([
        [
          'old',
          'as-before',
          'old (train-plan.yml:4): memory per GPU 63.4 GiB, over the limit of 10.0 GiB (13%) (as on the base)',
        ],
        ['new', 'new', 'new (train-plan.yml:9): cost $780, over the limit of $500 (new)'],
      ]);
    });

    it.each([
      ['violation', ['old', 'new']],
      ['new-violation', ['new']],
      ['never', []],
    ] as const)('fail-on: %s blocks %j', (failOn, names) => {
      expect(blockingViolations(violations, failOn).map((v) => v.plan.name)).toEqual(names);
    });

    it('without a comparison, new-violation blocks every violation', () => {
      expect(blockingViolations(collectViolations(head), 'new-violation')).toHaveLength(2);
    });
  });
});
