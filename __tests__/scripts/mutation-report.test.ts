// The mutation report's arithmetic (scripts/mutation-report.ts): which mutants count, how runs over separate files
// merge, and which survivors still need a reason. A made-up Stryker report of two files, counted by hand.
import { describe, expect, it } from '@jest/globals';
import {
  acceptPlaced,
  mergeReports,
  reasonsFor,
  score,
  summarise,
  withoutStale,
  type StrykerReport,
} from '../../scripts/mutation-report.js';

const at = (line: number, startColumn: number, endColumn: number) => ({
  start: { line, column: startColumn },
  end: { line, column: endColumn },
});

// a.ts: `const x = a + b;` mutated three times (killed, survived, timed out) plus one static mutant left out.
const reportA: StrykerReport = {
  files: {
    'src/core/memory/a.ts': {
      source: 'const x = a + b;\nexport const T = [1];\n',
      mutants: [
        { mutatorName: 'ArithmeticOperator', replacement: 'a - b', status: 'Killed', location: at(1, 11, 16) },
        { mutatorName: 'ArithmeticOperator', replacement: 'a * b', status: 'Survived', location: at(1, 11, 16) },
        { mutatorName: 'ArithmeticOperator', replacement: 'a / b', status: 'Timeout', location: at(1, 11, 16) },
        { mutatorName: 'ArrayDeclaration', replacement: '[]', status: 'Ignored', location: at(2, 18, 21) },
        // A static mutant no test covers, whose result an incremental run reused from before ignoreStatic: not run.
        {
          mutatorName: 'ArrayDeclaration',
          replacement: '[]',
          status: 'Survived',
          static: true,
          coveredBy: [],
          location: at(2, 18, 21),
        },
        // Static and covered by a test as well ("hybrid"): Stryker runs it with that test, so it counts.
        {
          mutatorName: 'ArrayDeclaration',
          replacement: '[]',
          status: 'Killed',
          static: true,
          coveredBy: ['t1'],
          location: at(2, 18, 21),
        },
      ],
    },
  },
};
// b.ts: one mutant no test reaches.
const reportB: StrykerReport = {
  files: {
    'src/core/compute/b.ts': {
      source: 'if (on) go();\n',
      mutants: [
        { mutatorName: 'ConditionalExpression', replacement: 'true', status: 'NoCoverage', location: at(1, 5, 7) },
      ],
    },
  },
};

describe('mutation report', () => {
  const summary = summarise(mergeReports([reportA, reportB]));

  it('counts each status per file; static mutants are counted apart and not scored', () => {
    expect(summary.files['src/core/memory/a.ts']).toMatchObject({
      killed: 2,
      survived: 1,
      timeout: 1,
      noCoverage: 0,
      ignored: 2,
    });
    // a.ts: detected = 2 killed (one of them the hybrid) + 1 timeout = 3 of 4 run (the two ignored ones are not run).
    expect(score([summary.files['src/core/memory/a.ts']!])).toEqual({ detected: 3, total: 4, share: 3 / 4 });
    // b.ts: 0 of 1.
    expect(score([summary.files['src/core/compute/b.ts']!])).toEqual({ detected: 0, total: 1, share: 0 });
  });

  it('lists survivors and uncovered mutants with the text they replace', () => {
    expect(summary.survivors).toEqual([
      {
        file: 'src/core/compute/b.ts',
        line: 1,
        column: 5,
        mutator: 'ConditionalExpression',
        original: 'on',
        replacement: 'true',
        status: 'NoCoverage',
      },
      {
        file: 'src/core/memory/a.ts',
        line: 1,
        column: 11,
        mutator: 'ArithmeticOperator',
        original: 'a + b',
        replacement: 'a * b',
        status: 'Survived',
      },
    ]);
  });

  it('finds a reason by what the mutant changes, not by its line', () => {
    const accepted = [
      {
        file: 'src/core/memory/a.ts',
        mutator: 'ArithmeticOperator',
        original: 'a + b',
        replacement: 'a * b',
        reason: 'equivalent: b is 2',
      },
    ];
    expect(reasonsFor(summary.survivors, accepted)).toEqual([null, 'equivalent: b is 2']);
  });

  it('refuses a file reported by two runs', () => {
    expect(() => mergeReports([reportA, reportA])).toThrow('src/core/memory/a.ts is in more than one report');
  });

  it('turns a reason written by place into one keyed by what the mutant changes', () => {
    const placed = [
      {
        file: 'src/core/memory/a.ts',
        line: 1,
        column: 11,
        mutator: 'ArithmeticOperator',
        replacement: 'a * b',
        reason: 'equivalent: b is 2',
      },
      {
        file: 'src/core/memory/a.ts',
        line: 1,
        column: 12,
        mutator: 'ArithmeticOperator',
        replacement: 'a * b',
        reason: 'wrong column',
      },
    ];
    const result = acceptPlaced(summary, [], placed);
    expect(result.accepted).toEqual([
      {
        file: 'src/core/memory/a.ts',
        mutator: 'ArithmeticOperator',
        original: 'a + b',
        replacement: 'a * b',
        reason: 'equivalent: b is 2',
      },
    ]);
    expect(result.unmatched).toEqual([placed[1]]);
  });

  it('drops reasons whose mutant no longer survives, keeps those for files the report does not cover', () => {
    const accepted = [
      {
        file: 'src/core/memory/a.ts',
        mutator: 'ArithmeticOperator',
        original: 'a + b',
        replacement: 'a - b',
        reason: 'killed since',
      },
      {
        file: 'src/core/budget.ts',
        mutator: 'ArithmeticOperator',
        original: 'x',
        replacement: 'y',
        reason: 'other run',
      },
    ];
    expect(withoutStale(summary, accepted)).toEqual([accepted[1]]);
  });

  it('gives two mutants at the same place with the same change one reason each', () => {
    // `a < b || c` → `false`: once for the whole condition, once for `a < b`; both start at column 5.
    const twin: StrykerReport = {
      files: {
        'src/core/memory/c.ts': {
          source: 'if (a < b || c) x();\n',
          mutants: [
            { mutatorName: 'ConditionalExpression', replacement: 'false', status: 'Survived', location: at(1, 5, 15) },
            { mutatorName: 'ConditionalExpression', replacement: 'false', status: 'Survived', location: at(1, 5, 10) },
          ],
        },
      },
    };
    const place = {
      file: 'src/core/memory/c.ts',
      line: 1,
      column: 5,
      mutator: 'ConditionalExpression',
      replacement: 'false',
    };
    const result = acceptPlaced(
      summarise(twin),
      [],
      [
        { ...place, reason: 'equivalent: one' },
        { ...place, reason: 'equivalent: two' },
      ],
    );
    expect(result.unmatched).toEqual([]);
    expect(result.accepted.map((a) => [a.original, a.reason])).toEqual([
      ['a < b || c', 'equivalent: one'],
      ['a < b', 'equivalent: two'],
    ]);
  });
});
