/**
 * Issue 6: every calibration case is a plan the estimator runs, and every case measured on a GPU
 * (calibration/results/) is held to 15% of its peak allocated, and each of its phases too, with a median within 5%.
 * The CPU traces of the same cases (calibration/traces/, calibration/trace.py) are held apart, closer: they count the
 * tensors of the real code path, not what a GPU adds.
 */
import { expect, test } from '@jest/globals';
import {
  calibrationRecords,
  CALIBRATION_CASE_BOUND,
  CALIBRATION_RESULTS,
  CALIBRATION_MEDIAN_BOUND,
  CALIBRATION_TRACES,
  FAMILY_PLANS,
  FAMILY_RESULTS,
  FAMILY_TRACES,
  HOLDOUT_PLANS,
  HOLDOUT_RESULTS,
  holdoutBounds,
  EXPERTS_DEFAULT_PLANS,
  EXPERTS_DEFAULT_RESULTS,
  calibrationEstimates,
  calibrationRows,
  type CalibrationRow,
  medianAbsoluteError,
  TRACE_CASE_BOUND,
  TRACE_MEDIAN_BOUND,
  uncomparedCases,
} from '../../scripts/calibration-validation.js';

// Each test estimates what it checks (no estimate at module level), so mutation testing charges a mutant of the
// estimator to the tests it changes (docs/mutation.md).
const estimatesOf = () => calibrationEstimates();
const rowsOf = () => calibrationRows();
const tracedOf = () => calibrationRows(CALIBRATION_TRACES, undefined, 'traced');
const familyPlansOf = () => calibrationEstimates(FAMILY_PLANS);
const familyMeasuredOf = () => calibrationRows(FAMILY_RESULTS, FAMILY_PLANS);
const holdoutPlansOf = () => calibrationEstimates(HOLDOUT_PLANS);
const holdoutOf = () => calibrationRows(HOLDOUT_RESULTS, HOLDOUT_PLANS);

/** The rows whose peak misses by more than `bound`, named with their error. */
const outside = (list: readonly CalibrationRow[], bound: number): string[] =>
  list.filter((row) => Math.abs(row.error) > bound).map((row) => `${row.id}: ${row.error}`);

test('holds the bounds issue 6 sets (15% a case, 5% median) and the closer ones for traces (5%, 2%)', async () => {
  expect([CALIBRATION_CASE_BOUND, CALIBRATION_MEDIAN_BOUND, TRACE_CASE_BOUND, TRACE_MEDIAN_BOUND]).toEqual([
    0.15, 0.05, 0.05, 0.02,
  ]);
});

test('every case file has its plan files: 26 families, 24 held out, 5 MoE cases rerun with the default kernel', async () => {
  const familyPlans = await familyPlansOf();
  const holdoutPlans = await holdoutPlansOf();
  // calibration/families.yaml, holdout.yaml and the five ids of results/experts-default (calibration/README.md), so
  // an emptied directory cannot pass the comparisons below with nothing in them.
  expect(familyPlans.size).toBe(26);
  expect(holdoutPlans.size).toBe(24);
  expect((await calibrationEstimates(EXPERTS_DEFAULT_PLANS)).size).toBe(5);
});

test('every calibration case loads and is estimated', async () => {
  const estimates = await estimatesOf();
  expect(estimates.size).toBeGreaterThanOrEqual(40);
  for (const estimate of estimates.values()) expect(estimate.memory.perGpu.peak).toBeGreaterThan(0);
});

/** The phases of the rows whose estimate misses by more than `bound`. */
const phasesOutside = (list: readonly CalibrationRow[], bound: number): string[] =>
  list.flatMap((row) =>
    row.phases.filter((p) => Math.abs(p.error) > bound).map((p) => `${row.id} ${p.phase}: ${p.error}`),
  );

test('every calibration case and every family case has a GPU measurement', async () => {
  const [estimates, rows, familyPlans, familyMeasured] = await Promise.all([
    estimatesOf(),
    rowsOf(),
    familyPlansOf(),
    familyMeasuredOf(),
  ]);
  expect(uncomparedCases(CALIBRATION_RESULTS)).toEqual([]);
  expect(rows.map((row) => row.id).sort()).toEqual([...estimates.keys()].sort());
  expect(familyMeasured.map((row) => row.id).sort()).toEqual([...familyPlans.keys()].sort());
});

test('every measured case within 15% of its measured peak', async () => {
  const rows = await rowsOf();
  const familyMeasured = await familyMeasuredOf();
  expect(outside(rows, CALIBRATION_CASE_BOUND)).toEqual([]);
  expect(outside(familyMeasured, CALIBRATION_CASE_BOUND)).toEqual([]);
});

test('every measured phase within 15% of its measured peak', async () => {
  const rows = await rowsOf();
  const familyMeasured = await familyMeasuredOf();
  expect(phasesOutside(rows, CALIBRATION_CASE_BOUND)).toEqual([]);
  expect(phasesOutside(familyMeasured, CALIBRATION_CASE_BOUND)).toEqual([]);
});

test('median error over the measured cases within 5%', async () => {
  const rows = await rowsOf();
  const familyMeasured = await familyMeasuredOf();
  expect(medianAbsoluteError(rows)).toBeLessThanOrEqual(CALIBRATION_MEDIAN_BOUND);
  expect(medianAbsoluteError(familyMeasured)).toBeLessThanOrEqual(CALIBRATION_MEDIAN_BOUND);
});

test('a CPU dry run of the harness (no allocator statistics) is read but not compared', async () => {
  // testdata: the environment header, two case records and the summary of `run.py --device cpu --tiny`.
  const directory = '__tests__/validation/testdata/calibration-cpu';
  expect(calibrationRecords(directory).size).toBe(2);
  expect(await calibrationRows(directory)).toEqual([]);
});

test('every case is traced to the end', async () => {
  const estimates = await estimatesOf();
  const traced = await tracedOf();
  // The per-expert loop's routing (nonzero) is answered as uniform by trace.py; any failure is a regression.
  expect(uncomparedCases(CALIBRATION_TRACES)).toEqual([]);
  expect(traced.length).toBe(estimates.size);
});

test('every traced case within 5% of its traced peak', async () => {
  const traced = await tracedOf();
  expect(outside(traced, TRACE_CASE_BOUND)).toEqual([]);
});

test('median error over the traced cases within 2%', async () => {
  const traced = await tracedOf();
  expect(medianAbsoluteError(traced)).toBeLessThanOrEqual(TRACE_MEDIAN_BOUND);
});

test('every traced phase within 10% of its traced peak', async () => {
  const traced = await tracedOf();
  // The phases are where a model that matches the peak for the wrong reason shows: each phase's estimate is held too.
  expect(phasesOutside(traced, 0.1)).toEqual([]);
});

test('every traced case of the other model families within 5% of its traced peak', async () => {
  const familyPlans = await familyPlansOf();
  const familyRows = await calibrationRows(FAMILY_TRACES, FAMILY_PLANS, 'traced');
  expect(familyRows.length).toBe(familyPlans.size);
  expect(outside(familyRows, TRACE_CASE_BOUND)).toEqual([]);
});

test('the held-out cases, written before their GPU run: every one measured and within 15%, median within 5%', async () => {
  const [holdout, holdoutPlans] = await Promise.all([holdoutOf(), holdoutPlansOf()]);
  expect(uncomparedCases(HOLDOUT_RESULTS)).toEqual([]);
  expect(holdout.map((row) => row.id).sort()).toEqual([...holdoutPlans.keys()].sort());
  expect(outside(holdout, CALIBRATION_CASE_BOUND)).toEqual([]);
  expect(phasesOutside(holdout, CALIBRATION_CASE_BOUND)).toEqual([]);
  expect(medianAbsoluteError(holdout)).toBeLessThanOrEqual(CALIBRATION_MEDIAN_BOUND);
});

test("the MoE cases run again with transformers' default kernel: every one measured and within 15%", async () => {
  const plans = await calibrationEstimates(EXPERTS_DEFAULT_PLANS);
  const rows = await calibrationRows(EXPERTS_DEFAULT_RESULTS, EXPERTS_DEFAULT_PLANS);
  expect(uncomparedCases(EXPERTS_DEFAULT_RESULTS)).toEqual([]);
  expect(rows.map((row) => row.id).sort()).toEqual([...plans.keys()].sort());
  expect(outside(rows, CALIBRATION_CASE_BOUND)).toEqual([]);
  expect(phasesOutside(rows, CALIBRATION_CASE_BOUND)).toEqual([]);
  expect(medianAbsoluteError(rows)).toBeLessThanOrEqual(CALIBRATION_MEDIAN_BOUND);
});

test('each held-out case the model was not changed after stays within its own bound, just above its error then', async () => {
  const [holdout, holdoutPlans] = await Promise.all([holdoutOf(), holdoutPlansOf()]);
  // validation/holdout/bounds.json: max(2%, its error rounded up + 1 point) when set (issue 11); the two cases a rule
  // was derived from name the rule instead and keep the 15% above.
  const bounds = holdoutBounds();
  expect(Object.keys(bounds).sort()).toEqual([...holdoutPlans.keys()].sort());
  const outOfSample = holdout.filter((row) => bounds[row.id]!.inSample === undefined);
  expect(outOfSample.length).toBe(22);
  const misses = outOfSample
    .filter((row) => Math.abs(row.error) > bounds[row.id]!.bound!)
    .map((row) => `${row.id}: ${row.error} beyond ${bounds[row.id]!.bound}`);
  expect(misses).toEqual([]);
});
