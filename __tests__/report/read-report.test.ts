/** readReport: a JSON report read back as a comparison's base. */
import { describe, expect, it } from '@jest/globals';
import { planFixture, reportOf } from '../../__fixtures__/report-plans.js';
import { readReport } from '../../src/report/read-report.js';

/** A report as JSON would give it back: plain data. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('readReport', () => {
  it('reads a report the CLI wrote, dropping what a comparison added to it', () => {
    const report = { ...reportOf([{ ...planFixture({ name: 'a' }), base: null }]), removedPlans: ['gone'] };
    const { report: read, problems } = readReport(plain(report));
    expect(problems).toEqual([]);
    expect(read).toEqual(plain(reportOf([planFixture({ name: 'a' })])));
  });

  it('accepts a plan whose compute was not estimated', () => {
    expect(readReport(plain(reportOf([planFixture({ name: 'a', compute: null })]))).problems).toEqual([]);
  });

  it.each([
    ['not an object', [], [[[], 'not an object']]],
    ['no plans', { schemaVersion: 1 }, [[['plans'], 'missing']]],
    [
      'a plan without budget checks, and a repeated name',
      {
        schemaVersion: 1,
        plans: [
          plain(planFixture({ name: 'a' })),
          { ...(plain(planFixture({ name: 'a' })) as object), budget: { pass: true } },
        ],
      },
      [
        [['plans', 1, 'budget', 'violations'], 'missing'],
        [['plans', 1, 'budget', 'checks'], 'missing'],
        [['plans', 1, 'name'], 'plan name "a" is already used by plans[0]'],
      ],
    ],
  ])('names every problem by its key path: %s', (_name, value, expected) => {
    const { report, problems } = readReport(value);
    expect(report).toBeNull();
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual(expected);
  });
});
