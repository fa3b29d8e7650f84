/**
 * Goodput: the share of a run's wall clock that trains. The rest goes to failures and restarts, checkpoint writes,
 * evaluation and job scheduling; GPU-hours and wall clock are the steady-state figures divided by it.
 */
import type { ResolvedPlan } from '../plan.js';

/**
 * Default goodput: Llama 3 (Dubey et al. 2024, §3.3.4): "higher than 90% effective training time" over a 54-day
 * snapshot of 16K-GPU pre-training, with 419 unexpected interruptions and the time spent on checkpoints and
 * evaluation included. With it, this tool's Llama 3.1 405B estimate at the published MFU lands within 1.1% of the
 * published GPU-hours (docs/validation.md, "Training compute").
 */
export const DEFAULT_GOODPUT = 0.9;
export const DEFAULT_GOODPUT_SOURCE =
  'Llama 3 (Dubey et al. 2024 §3.3.4): >90% effective training time at 16K GPUs, restarts, checkpoints and evaluation included';

export interface Goodput {
  readonly value: number;
  readonly source: 'plan' | 'default';
}

export function planGoodput(plan: ResolvedPlan): Goodput {
  const given = plan.hardware.goodput ?? null;
  return given === null ? { value: DEFAULT_GOODPUT, source: 'default' } : { value: given, source: 'plan' };
}
