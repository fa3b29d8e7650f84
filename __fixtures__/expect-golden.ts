/**
 * Golden-file comparison for rendered text. `expectGolden(file, actual)` compares byte for byte with the file; on a
 * mismatch it fails with a unified diff (an escaped-string diff of markdown is unreadable). With UPDATE_GOLDEN=1 it
 * rewrites the file instead. Review golden diffs as carefully as code.
 */
import { expect } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Lines of context around each change. */
const CONTEXT_LINES = 3;

type Edit = { kind: ' ' | '-' | '+'; text: string };

/** Line edits turning `before` into `after`, from a longest-common-subsequence table. */
function lineEdits(before: readonly string[], after: readonly string[]): Edit[] {
  const rows = before.length;
  const cols = after.length;
  const lcs: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i -= 1) {
    for (let j = cols - 1; j >= 0; j -= 1) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < cols) {
    if (i < rows && j < cols && before[i] === after[j]) {
      edits.push({ kind: ' ', text: before[i]! });
      i += 1;
      j += 1;
    } else if (j < cols && (i >= rows || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      edits.push({ kind: '+', text: after[j]! });
      j += 1;
    } else {
      edits.push({ kind: '-', text: before[i]! });
      i += 1;
    }
  }
  return edits;
}

/** A unified diff (without hunk line numbers) of two texts; empty when they are equal. */
export function unifiedDiff(expectedText: string, actualText: string, label: string): string {
  const edits = lineEdits(expectedText.split('\n'), actualText.split('\n'));
  const changed = edits.map((edit, index) => (edit.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const shown = new Set<number>();
  for (const index of changed) {
    for (let k = index - CONTEXT_LINES; k <= index + CONTEXT_LINES; k += 1)
      if (k >= 0 && k < edits.length) shown.add(k);
  }
  const out = [`--- ${label} (golden)`, `+++ ${label} (actual)`];
  let previous = -2;
  for (const index of [...shown].sort((a, b) => a - b)) {
    if (index !== previous + 1) out.push('@@');
    out.push(`${edits[index]!.kind}${edits[index]!.text}`);
    previous = index;
  }
  return out.join('\n');
}

/** Compares `actual` with the golden file at `goldenPath`; rewrites it when UPDATE_GOLDEN=1. */
export function expectGolden(goldenPath: string, actual: string): void {
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(path.dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, actual);
    return;
  }
  if (!existsSync(goldenPath)) {
    throw new Error(`golden file ${goldenPath} does not exist; run with UPDATE_GOLDEN=1 to create it, then review it`);
  }
  const expected = readFileSync(goldenPath, 'utf8');
  const diff = unifiedDiff(expected, actual, path.basename(goldenPath));
  if (diff !== '') {
    throw new Error(`${goldenPath} differs (rerun with UPDATE_GOLDEN=1 to accept):\n${diff}`);
  }
  expect(actual).toBe(expected);
}
