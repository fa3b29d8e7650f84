/** diffLines: which head lines a change touched, each case worked out by hand from the two texts. */
import { describe, expect, it } from '@jest/globals';
import { diffLines } from '../../src/action/line-changes.js';

const text = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('diffLines', () => {
  it.each([
    ['identical texts', text('a', 'b', 'c'), text('a', 'b', 'c'), []],
    ['one line replaced', text('a', 'b', 'c'), text('a', 'B', 'c'), [{ kind: 'changed', headLine: 2, baseLine: 2 }]],
    ['a line added', text('a', 'c'), text('a', 'b', 'c'), [{ kind: 'added', headLine: 2, baseLine: null }]],
    // The removed line stood before head line 2 ("c").
    ['a line removed', text('a', 'b', 'c'), text('a', 'c'), [{ kind: 'removed', headLine: 2, baseLine: 2 }]],
    // Removed at the end: shown at the last head line.
    ['the last line removed', text('a', 'b'), text('a'), [{ kind: 'removed', headLine: 1, baseLine: 2 }]],
    [
      'two lines replaced by three',
      text('a', 'b', 'c', 'd'),
      text('a', 'x', 'y', 'z', 'd'),
      [
        { kind: 'changed', headLine: 2, baseLine: 2 },
        { kind: 'changed', headLine: 3, baseLine: 3 },
        { kind: 'added', headLine: 4, baseLine: null },
      ],
    ],
    [
      'changes far apart',
      text('a', 'b', 'c', 'd', 'e'),
      text('A', 'b', 'c', 'd', 'E'),
      [
        { kind: 'changed', headLine: 1, baseLine: 1 },
        { kind: 'changed', headLine: 5, baseLine: 5 },
      ],
    ],
    // A line moved down past two others: one removal and one addition, not three changes.
    [
      'a moved line',
      text('m', 'a', 'b'),
      text('a', 'b', 'm'),
      [
        { kind: 'removed', headLine: 1, baseLine: 1 },
        { kind: 'added', headLine: 3, baseLine: null },
      ],
    ],
    ['CRLF line ends are the same lines', 'a\r\nb\r\n', 'a\nb\n', []],
  ])('%s', (_name, base, head, expected) => {
    expect(diffLines(base, head)).toEqual(expected);
  });

  it('counts a middle too large to align as changed whole, and still finds the lines around it', () => {
    // 2,001 × 2,001 differing lines exceed the 4,000,000 cells an alignment may use.
    const base = text('same', ...Array.from({ length: 2001 }, (_, i) => `b${i}`), 'tail');
    const head = text('same', ...Array.from({ length: 2001 }, (_, i) => `h${i}`), 'tail');
    const changes = diffLines(base, head);
    expect(changes).toHaveLength(2001);
    expect(changes[0]).toEqual({ kind: 'changed', headLine: 2, baseLine: 2 });
    expect(changes.at(-1)).toEqual({ kind: 'changed', headLine: 2002, baseLine: 2002 });
  });
});
