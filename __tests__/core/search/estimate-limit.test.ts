/**
 * The search's estimate limit (issue 17: the work per plan is bounded). A plan whose model fits nowhere would have the
 * search try every layout of every GPU count; the limit stops it, says so, and what it did find still fits.
 */
import { describe, expect, it } from '@jest/globals';
import { estimatePlan } from '../../../src/core/estimate.js';
import { memoryLimitBytes, newCounters } from '../../../src/core/search/configuration-search.js';
import { applyChanges } from '../../../src/core/search/plan-changes.js';
import { RECOMMENDATION_ESTIMATE_LIMIT, recommendPlans } from '../../../src/core/search/recommend.js';
import { buildReport, SEARCH_LIMIT_LINE } from '../../../src/report/build-report.js';
import { loadPlan, planText } from './search-plans.js';

// Llama 3.1 8B full training on one 24 GB GPU does not fit; the search finds ways out on more GPUs.
const FAILING = planText(
  'model: meta-llama/Llama-3.1-8B\nframework: hf-trainer\ntraining: { sequence_length: 2048, micro_batch_size: 2, gradient_accumulation_steps: 8, steps: 100 }\nhardware: { gpu: rtx-4090, gpus: 1 }',
);

describe('the estimate limit of a search', () => {
  it('counts every estimate and never passes the limit', async () => {
    const plan = await loadPlan(FAILING);
    const counters = newCounters(50);
    recommendPlans(plan, estimatePlan(plan), counters);
    expect(counters.memoryEstimates + counters.computeEstimates).toBe(50);
    expect(counters.limitReached).toBe(true);
  });

  it('keeps only configurations that fit when it stops early', async () => {
    const plan = await loadPlan(FAILING);
    for (const limit of [1, 10, 100, 300]) {
      for (const recommendation of recommendPlans(plan, estimatePlan(plan), newCounters(limit))) {
        const changed = applyChanges(plan, recommendation.changes);
        expect(estimatePlan(changed).memory.perGpu.device).toBeLessThanOrEqual(memoryLimitBytes(plan));
        expect(Number.isFinite(recommendation.gpuHours)).toBe(true);
      }
    }
  });

  it('is not reached by a plan that fits somewhere, and the report says nothing of it', async () => {
    const plan = await loadPlan(FAILING);
    const counters = newCounters(RECOMMENDATION_ESTIMATE_LIMIT);
    expect(recommendPlans(plan, estimatePlan(plan), counters).length).toBeGreaterThan(0);
    expect(counters.limitReached).toBe(false);
  });

  it('puts a line under the assumptions when the limit cut the search short', async () => {
    const plan = await loadPlan(FAILING);
    const loaded = { file: 'train-plan.yml', line: 3, column: 5, plan, warnings: [], sources: ['train-plan.yml'] };
    const cut = buildReport([loaded], undefined, (p, e, counters) => {
      counters.limitReached = true;
      return recommendPlans(p, e, newCounters(10));
    });
    expect(cut.plans[0]!.assumptions).toContain(SEARCH_LIMIT_LINE);
    expect(SEARCH_LIMIT_LINE).toContain('10,000 estimates');
    const whole = buildReport([loaded]);
    expect(whole.plans[0]!.assumptions).not.toContain(SEARCH_LIMIT_LINE);
  });
});
