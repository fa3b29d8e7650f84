/**
 * Issue 20: host memory per node against what its sources measured (validation/host/): every case within its bound,
 * every plan loading, and the bounds as the manifest states them (out-of-sample cases: just above their error when
 * added, never widened silently).
 */
import { expect, test } from '@jest/globals';
import { hostCases, hostValidationRows } from '../../scripts/host-validation.js';

test('every case has a plan, a source, a statistic and a bound', () => {
  const cases = hostCases();
  // Five published cases (FastChat 114 per process and per node, ms-swift 9980, DeepSpeed 7693, LLaMA-Factory 8726)
  // and the seven loaders of calibration/host_load_rss.py: an emptied manifest cannot pass the test below.
  expect(cases).toHaveLength(12);
  for (const entry of cases) {
    expect([entry.id, entry.source.length > 0, entry.unitNote.length > 0]).toEqual([entry.id, true, true]);
    expect(entry.bound).toBeGreaterThanOrEqual(0);
  }
});

test('every case within its bound; LLaMA-Factory 8726 over its 160 GB', async () => {
  const rows = await hostValidationRows();
  expect(rows.filter((row) => !row.pass).map((row) => `${row.id}: ${row.error}`)).toEqual([]);
  const killed = rows.find((row) => row.id === 'llamafactory-8726-llama8b-zero3-offload-8xh200')!;
  expect(killed.estimated).toBeGreaterThan(160e9);
});
