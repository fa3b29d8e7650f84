import { describe, expect, it } from '@jest/globals';
import {
  adapterForwardFlopsPerToken,
  forwardFlopsPerToken,
  type ForwardFlops,
} from '../../../src/core/compute/flop-count.js';
import { trainingFlopsPerToken } from '../../../src/core/compute/training-flops.js';
import { catalogArchitecture } from './plan-fixture.js';

// Llama 2 7B at 4096 (hand counts in flop-count.test.ts): linears W = 2·6,476,005,376 + LM head 2·131,072,000,
// attention core A = 2·32·33,554,432 FLOPs forward per token.
const W = 2 * 6_476_005_376 + 2 * 131_072_000;
const A = 2 * 32 * 33_554_432;
const HEAD = 2 * 131_072_000;
// LoRA r = 8 on q_proj, v_proj: 2·32·131,072 FLOPs forward (flop-count.test.ts).
const ADAPTERS = 2 * 32 * 131_072;

describe('training FLOPs per token', () => {
  const arch = catalogArchitecture('meta-llama/Llama-2-7b-hf');
  const forward = forwardFlopsPerToken(arch, 4096);
  const adapters = adapterForwardFlopsPerToken(arch, { rank: 8, targetModules: ['q_proj', 'v_proj'] });

  it.each([
    // Full training: forward + 2× backward on everything (Narayanan et al. 2021 appendix).
    { method: 'full', checkpointing: 'none', model: 3 * (W + A), recompute: 0 },
    // Selective: the attention core forward again (Korthikanti et al. 2022 §4.2).
    { method: 'full', checkpointing: 'selective', model: 3 * (W + A), recompute: A },
    // Full: every layer's forward again, not the LM head (Narayanan et al. 2021: 4 passes of the layers).
    { method: 'full', checkpointing: 'full', model: 3 * (W + A), recompute: W - HEAD + A },
    // LoRA: frozen linears forward + input gradient (2×), attention core and adapters 3×.
    { method: 'lora', checkpointing: 'none', model: 2 * W + 3 * A + 3 * ADAPTERS, recompute: 0 },
    { method: 'qlora', checkpointing: 'full', model: 2 * W + 3 * A + 3 * ADAPTERS, recompute: W - HEAD + A + ADAPTERS },
  ] as const)('$method with $checkpointing checkpointing', ({ method, checkpointing, model, recompute }) => {
    const t = trainingFlopsPerToken(forward, method, method === 'full' ? 0 : adapters, checkpointing);
    expect(t.model).toBe(model);
    expect(t.recompute).toBe(recompute);
    expect(t.hardware).toBe(model + recompute);
  });
});

describe('training FLOPs per token with multi-token prediction, by hand', () => {
  // A made-up forward count: decoder linears 600 + experts 200, attention core 100, LM head 50, and MTP modules of
  // 150 (20 of them attention core, 30 the shared head): total 600 + 200 + 100 + 50 + 150 = 1,100. Weight FLOPs
  // 1,100 − 100 − 20 = 980, attention cores 120; a full recompute repeats all but the heads: 1,100 − 50 − 30 = 1,020.
  const forward: ForwardFlops = {
    denseLinears: 600,
    activeExperts: 200,
    routers: 0,
    attentionCore: 100,
    lmHead: 50,
    multiTokenPrediction: { total: 150, attentionCore: 20, lmHead: 30, routers: 0 },
    total: 1_100,
  };

  it.each([
    // Full training ignores adapter FLOPs it is handed: 3 × 980 + 3 × 120 = 3,300.
    { method: 'full', adapters: 40, model: 3_300, recompute: 1_020 },
    // LoRA: 2 × 980 + 3 × 120 + 3 × 40 = 2,440; the recompute repeats the adapters too: 1,020 + 40.
    { method: 'lora', adapters: 40, model: 2_440, recompute: 1_060 },
  ] as const)('$method, full checkpointing', ({ method, adapters, model, recompute }) => {
    expect(trainingFlopsPerToken(forward, method, adapters, 'full')).toEqual({
      model,
      recompute,
      hardware: model + recompute,
    });
  });
});
