/**
 * Markdown injection (issue 17): every string a pull request controls — plan names, file names, model ids, GPU names,
 * config values in assumptions and warnings, base plan names, problems with the plan files — is set to hostile text,
 * and every renderer of markdown (the report, its comparison with a base, the ways out, the problems of unreadable
 * plans) must show it as literal text: the tables keep their columns, nobody is mentioned, nothing links anywhere,
 * no HTML or comment marker gets through, no invisible character changes what is shown, and a 10,000-character string
 * is cut. Each hostile rendering is held against the same report with a plain string in the same places.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { formatMarker } from '../../src/action/comment-marker.js';
import type { PlanIssue } from '../../src/plan/plan-issue.js';
import { compareReports } from '../../src/report/compare.js';
import { MAX_SHOWN_CHARACTERS } from '../../src/report/markdown-escape.js';
import { renderInvalidPlansMarkdown } from '../../src/report/markdown-invalid.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import type { Report, ReportPlan } from '../../src/report/schema.js';
import { loadPlan, planText } from '../core/search/search-plans.js';
import { buildReport } from '../../src/report/build-report.js';

const MARKER = formatMarker({ key: 'default', headSha: 'abcdef1234567', updatedAt: '2026-11-27T18:00:00Z' });

/** What a pull request may write where the report shows a string. */
const HOSTILE: readonly (readonly [string, string])[] = [
  ['table pipes', 'a | b || c |'],
  ['backticks', '`x` ``y`` ```z```'],
  ['html', '<img src=x onerror=alert(1)><script>alert(1)</script></details></summary></sub>'],
  ['comment marker', `${MARKER} <!-- train-memory:default -->`],
  ['mentions', '@octocat @org/team ping@example.com'],
  ['references', '#123 org/repo#45 GH-67 \\#89'],
  ['links', '[click](https://evil.example/x) ![img](https://evil.example/i.png) https://evil.example www.evil.example'],
  ['markup', '**bold** _em_ ~~strike~~ $x^2$ > quote'],
  ['newlines', 'line one\nline two\r\n| injected | row |\n\n### heading'],
  ['right-to-left override', 'plan\u202Egnp.exe\u202C and \u2067isolate\u2069'],
  ['zero-width characters', 'a\u200Bb\u200Cc\u200Dd\uFEFFe@\u200Bx'],
  ['control characters', 'bell\u0007 escape\u001b[31m red'],
  ['10,000 characters', 'x'.repeat(10_000)],
];

const PLAIN = 'plain';

/** `report` with every string a pull request controls set to `text`. */
function withStrings(report: Report, text: string): Report {
  const plan = (entry: ReportPlan, index: number): ReportPlan => ({
    ...entry,
    name: `${text} ${index}`,
    file: `${text}.yml`,
    model: text,
    hardware: { ...entry.hardware, gpu: text, gpuName: text },
    assumptions: [...entry.assumptions, `from ${text}.yml: ${text} = ${text}`],
    warnings: [{ file: `${text}.yml`, line: 3, column: 5, message: text }],
    notices: [...entry.notices, text],
    ...(entry.base === undefined || entry.base === null ? {} : { base: plan(entry.base, index) }),
  });
  return { ...report, plans: report.plans.map(plan) };
}

/** Lines that are rows of a markdown table: their count of cell separators (pipes not escaped). */
function tableShape(markdown: string): number[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => (line.match(/(?<!\\)\|/g) ?? []).length);
}

/** What must never come from a user string into the markdown; each counted, to be held against the plain rendering. */
function exposures(markdown: string): Record<string, number> {
  const count = (pattern: RegExp): number => (markdown.match(pattern) ?? []).length;
  return {
    lines: markdown.split('\n').length,
    'html tags': count(/<\/?[a-z!][^>]*>/gi),
    'comment markers': count(/<!--/g),
    mentions: count(/@[A-Za-z0-9]/g),
    'issue references': count(/(?<![&\w])#\d|&#35;\d/g),
    'GH- references': count(/\bGH-\d/gi),
    urls: count(/[a-z]+:\/\//gi),
    'www.': count(/\bwww\./gi),
    'link syntax': count(/(?<!\\)\]\(/g),
    'invisible characters': count(/[\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g),
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    'control characters': count(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g),
    'zero-width joiners not after @, #, :, www, GH-': count(/(?<!@|#|&#35;|:|www|GH-)\u200d/gi),
  };
}

function expectSafe(hostile: string, plain: string): void {
  expect(exposures(hostile)).toEqual(exposures(plain));
  expect(tableShape(hostile)).toEqual(tableShape(plain));
  expect(hostile).not.toMatch(new RegExp(`x{${MAX_SHOWN_CHARACTERS + 1}}`));
}

async function reportOf(fields: string): Promise<Report> {
  const plan = await loadPlan(planText(fields));
  return buildReport([{ file: 'train-plan.yml', line: 3, column: 5, plan, warnings: [], sources: [] }]);
}

const OPTIONS = {
  version: '1.0.0',
  marker: MARKER,
  fullReportLocation: 'the job summary',
  updatedOnEveryPush: true,
  // Above any size the hostile strings reach, so that the comparison is of structure, not of what the size limits cut.
  limits: { maxCharacters: 50_000_000, maxBytes: 50_000_000 },
};

describe('markdown injection: hostile strings render as text', () => {
  let fits: Report;
  let doesNotFit: Report;
  let many: Report;

  beforeAll(async () => {
    fits = await reportOf(
      'model: meta-llama/Llama-3.1-8B\ntraining: { tokens: 1B }\nhardware: { gpu: h100-sxm-80gb, gpus: 8, price_per_gpu_hour: 2 }\nparallelism: { zero: 3 }\nbudget: { max_memory_per_gpu: 95%, max_cost: 1 }',
    );
    // Full training of an 8B model on one 24 GB GPU: ways out are recommended.
    doesNotFit = await reportOf(
      'model: meta-llama/Llama-3.1-8B\nframework: hf-trainer\ntraining: { sequence_length: 2048, steps: 100 }\nhardware: { gpu: rtx-4090, gpus: 1 }',
    );
    many = { ...fits, plans: [...fits.plans, ...doesNotFit.plans, ...fits.plans, ...fits.plans] };
  });

  it('renders ways out for the plan that does not fit', () => {
    expect(doesNotFit.plans[0]!.recommendations.length).toBeGreaterThan(0);
  });

  describe.each(HOSTILE)('%s', (_what, text) => {
    it('in the report of one plan, with its budget lines', () => {
      expectSafe(
        renderReportMarkdown(withStrings(fits, text), OPTIONS),
        renderReportMarkdown(withStrings(fits, PLAIN), OPTIONS),
      );
    });

    it('in the ways out of a plan that does not fit', () => {
      expectSafe(
        renderReportMarkdown(withStrings(doesNotFit, text), OPTIONS),
        renderReportMarkdown(withStrings(doesNotFit, PLAIN), OPTIONS),
      );
    });

    it('in the summary table of many plans', () => {
      expectSafe(
        renderReportMarkdown(withStrings(many, text), OPTIONS),
        renderReportMarkdown(withStrings(many, PLAIN), OPTIONS),
      );
    });

    it('in the comparison with a base: changed, new and removed plans, the base label, the note', () => {
      const render = (value: string): string => {
        const head = withStrings(many, value);
        const base = withStrings({ ...many, plans: [...many.plans.slice(1), many.plans[0]!] }, value);
        const renamed = {
          ...base,
          plans: base.plans.map((plan, i) => (i === 3 ? { ...plan, name: `${value} gone` } : plan)),
        };
        const comparison = compareReports(head, renamed, 0.01);
        return [
          renderReportMarkdown(head, { ...OPTIONS, comparison: { comparison, baseLabel: `${value} at 1a2b3c4` } }),
          renderReportMarkdown(withStrings(fits, value), { ...OPTIONS, baseNote: `No comparison with ${value}` }),
        ].join('\n');
      };
      expectSafe(render(text), render(PLAIN));
    });

    it('in the problems of unreadable plan files', () => {
      const issues = (value: string): PlanIssue[] => [
        {
          code: 'unknown_key',
          path: ['plans', 0, value],
          message: `unknown key "${value}"`,
          file: `${value}.yml`,
          line: 4,
          column: 7,
          sourceLine: `    ${value}: 1`,
          hint: `did you mean "${value}"?`,
          expected: `keys of plans[0]: ${value}`,
        },
      ];
      expectSafe(renderInvalidPlansMarkdown(issues(text), OPTIONS), renderInvalidPlansMarkdown(issues(PLAIN), OPTIONS));
    });
  });

  it('a long string is cut, and says how long it was', () => {
    const markdown = renderReportMarkdown(withStrings(fits, 'y'.repeat(10_000)), OPTIONS);
    expect(markdown).toMatch(/y… \\\(10000 characters\\\)/);
  });

  it('shows an invisible character by its code point', () => {
    const markdown = renderReportMarkdown(withStrings(fits, 'a\u202Eb'), OPTIONS);
    expect(markdown).toContain('a‹U+202E›b');
  });
});
