/**
 * The size cap drops the pictures first, from the last plan, then the details. Sections here are plain strings: head
 * "H", per plan open "O1"/"O2", pictures of 300 characters, details of 200 (each longer than the note that says it
 * was left out), footer "F"; blocks are joined by a blank line and the text ends with a newline. Each expected text
 * is written out by hand; the cap is set to its length, so one character less must drop more.
 */
import { describe, expect, it } from '@jest/globals';
import { fitMarkdownSections, type MarkdownSections } from '../../src/report/markdown-size.js';

const sections: MarkdownSections = {
  head: 'H',
  plans: [
    { open: 'O1', charts: 'c'.repeat(300), details: 'd'.repeat(200) },
    { open: 'O2', charts: 'C'.repeat(300), details: 'D'.repeat(200) },
  ],
  footer: 'F',
};
const location = 'the job summary';
const fit = (maxCharacters: number): string =>
  fitMarkdownSections(sections, { fullReportLocation: location, limits: { maxCharacters } });
const note = (what: string): string =>
  `> [!NOTE]\n> To stay within GitHub's size limit, ${what} were left out. The full report is in ${location}.`;
const [c1, d1, c2, d2] = ['c'.repeat(300), 'd'.repeat(200), 'C'.repeat(300), 'D'.repeat(200)];

describe('fitMarkdownSections with pictures', () => {
  it.each([
    ['everything, pictures before details', `H\n\nO1\n\n${c1}\n\n${d1}\n\nO2\n\n${c2}\n\n${d2}\n\nF\n`],
    [
      'without the last plan’s pictures',
      `H\n\nO1\n\n${c1}\n\n${d1}\n\nO2\n\n${d2}\n\n${note('the pictures of 1 plan')}\n\nF\n`,
    ],
    [
      'without any pictures, every details kept',
      `H\n\nO1\n\n${d1}\n\nO2\n\n${d2}\n\n${note('the pictures of 2 plans')}\n\nF\n`,
    ],
    [
      'without the last plan’s details either',
      `H\n\nO1\n\n${d1}\n\nO2\n\n${note('the pictures of 2 plans and the details of 1 plan')}\n\nF\n`,
    ],
  ])('%s', (_, expected) => {
    expect(fit(expected.length)).toBe(expected);
    expect(fit(expected.length - 1)).not.toBe(expected);
  });
});
