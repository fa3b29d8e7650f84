/**
 * The terminal's memory bar: 60 columns for the usable memory (81,559 MiB = 79.65 GiB, so 0.7533 columns per GiB).
 * The fixture's running totals 2.1, 5.8, 17.0, 45.6, 51.3 and 63.4 GiB end at columns round(1.58) = 2, round(4.37)
 * = 4, round(12.81) = 13, round(34.35) = 34, round(38.64) = 39 and round(47.76) = 48: P 2, G 2, O 9, A 21, L 5,
 * + 9, then 12 free columns up to the mark.
 */
import { describe, expect, it } from '@jest/globals';
import { planFixture } from '../../__fixtures__/report-plans.js';
import { memoryBarLines } from '../../src/report/text-bar.js';

const plan = planFixture({ name: 'a' });
const ESCAPE = '\u001b';

describe('memoryBarLines', () => {
  it('draws each term as its letter, the free room as dots and the usable memory as a mark', () => {
    const [bar, legend] = memoryBarLines(plan, false);
    expect(bar).toBe(`    PPGGOOOOOOOOO${'A'.repeat(21)}LLLLL${'+'.repeat(9)}${'·'.repeat(12)}│`);
    expect(legend).toBe(
      '    P parameters  G gradients  O optimizer  A activations  L logits  + overheads  │ usable 79.6 GiB',
    );
    expect(`${bar}\n${legend}`).not.toContain(ESCAPE);
    expect(legend!.length).toBeLessThanOrEqual(100);
  });

  it('runs past the mark when the plan does not fit, and ends in » past 90 columns', () => {
    // Activations 88.6 instead of 28.6 GiB: device 123.4 GiB, 92.96 columns; the sixth total ends at round(92.96) = 93.
    const over = planFixture({ name: 'b', termsGib: [2.1, 3.7, 11.2, 88.6, 5.7, 2.1] });
    const [bar] = memoryBarLines(over, false);
    // Columns 1–60, the mark, columns 61–90, then »: 4 + 60 + 1 + 30 + 1 characters.
    expect(bar).toHaveLength(96);
    expect(bar!.charAt(4 + 60)).toBe('│');
    expect(bar!.endsWith('+»')).toBe(true);
    expect(bar).not.toContain('·');
  });

  it('paints each run of a term in its colour and dims the free room', () => {
    const [bar, legend] = memoryBarLines(plan, true);
    // Parameters in colour 75, two blocks in one run; the free room dim.
    expect(bar).toContain(`${ESCAPE}[38;5;75m██${ESCAPE}[0m`);
    expect(bar).toContain(`${ESCAPE}[2m${'·'.repeat(12)}${ESCAPE}[0m│`);
    expect(bar!.split(`${ESCAPE}[38;5;`)).toHaveLength(7);
    expect(legend).toContain(`${ESCAPE}[38;5;208m█${ESCAPE}[0m activations`);
  });
});
