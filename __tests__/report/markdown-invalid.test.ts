import { describe, expect, it } from '@jest/globals';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden } from '../../__fixtures__/expect-golden.js';
import type { PlanIssue } from '../../src/plan/plan-issue.js';
import { renderInvalidPlansMarkdown } from '../../src/report/markdown-invalid.js';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata', 'markdown');

const ISSUES: PlanIssue[] = [
  {
    code: 'invalid_value',
    path: ['plans', 0, 'training', 'optimizer'],
    message: 'unknown optimizer "adamx"',
    file: 'train-plan.yml',
    line: 12,
    column: 18,
    hint: 'did you mean "adamw"?',
    expected: 'one of: adamw, adam, adamw-8bit, paged-adamw-8bit, adafactor, sgd, sgd-momentum, lion',
  },
  {
    code: 'unknown_key',
    path: ['plans', 1, 'hardware', 'gpu_count'],
    message: 'unknown key "gpu_count"',
    file: 'plans/<b>@octocat</b>.yml',
    line: 30,
    column: 7,
    hint: 'did you mean "gpus"?',
  },
  {
    code: 'yaml_syntax',
    path: [],
    message: 'bad indentation of a mapping entry',
    file: 'plans/broken.yml',
    line: 3,
    column: 5,
  },
];

const OPTIONS = {
  version: '0.1.0',
  marker: '<!-- train-memory-action key=default head=3f2c1ab updated=2026-11-27T18:00:00Z -->',
  fullReportLocation: 'the job summary of this run',
};

describe('renderInvalidPlansMarkdown', () => {
  it('lists every problem at file:line:column and shows no estimate', () => {
    const text = renderInvalidPlansMarkdown(ISSUES, OPTIONS);
    expect(text).not.toMatch(/GiB|GPU-hours|<b>|@octocat/);
    expectGolden(path.join(GOLDEN_DIR, 'invalid-plans.md'), text);
  });

  it('counts the problems beyond the first hundred', () => {
    const many = Array.from({ length: 130 }, (_, index) => ({ ...ISSUES[2]!, line: index + 1 }));
    const text = renderInvalidPlansMarkdown(many, OPTIONS);
    expect(text).toContain('130 problems in the plan files');
    expect(text).toContain('- … and 30 more');
    expect(text.match(/^- \*\*/gm)).toHaveLength(100);
  });
});
