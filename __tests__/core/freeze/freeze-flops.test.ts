/**
 * A freeze plan's training FLOPs per token by hand on TOY8 at sequence length 4 (plan-fixture.ts). One layer forward:
 * linears q 256 + k 128 + v 128 + o 256 + gate, up, down 3 × 512 = 2,304 MACs = 4,608 FLOPs; attention scores and
 * values 4 positions × 4 heads × (4 + 4) = 128 MACs = 256 FLOPs. The head 16 × 64 = 1,024 MACs = 2,048 FLOPs.
 * Forward: 8 × 4,864 + 2,048 = 40,960; full training 3 × 40,960 = 122,880 (training-flops.ts).
 */
import { describe, expect, test } from '@jest/globals';
import { forwardFlopsPerToken } from '../../../src/core/compute/flop-count.js';
import { freezeComputeAssumption, freezeTrainingFlopsPerToken } from '../../../src/core/compute/freeze-flops.js';
import type { ActivationCheckpointing, FreezeModule } from '../../../src/core/plan.js';
import { freezeTrainability } from '../../../src/core/trainable-parameters.js';
import { catalogArchitecture } from '../compute/plan-fixture.js';
import { TOY8, TOY_MOE } from '../memory/plan-fixture.js';

const forward = forwardFlopsPerToken(TOY8, 4);
const flops = (layers: number[], modules: FreezeModule[], checkpointing: ActivationCheckpointing = 'none') =>
  freezeTrainingFlopsPerToken(
    TOY8,
    forward,
    4,
    1,
    freezeTrainability(TOY8, { trainableLayers: layers, trainableModules: modules, baseDtype: 'bf16' }),
    checkpointing,
  );

describe('backward stops at the gradient floor', () => {
  test('the forward pass is the same for every plan', () => {
    expect(forward.total).toBe(40960);
  });

  test('last 2 layers + lm_head: two layers differentiated in full, the head both ways, nothing below', () => {
    // 2 × (2 × 4,608 + 2 × 256) = 19,456; head weight and input gradients 2 × 2,048 = 4,096.
    expect(flops([6, 7], ['lm_head']).model).toBe(40960 + 19456 + 4096); // 64,512
  });

  test('a trained embedding: the 6 frozen layers compute input gradients only', () => {
    // 6 × (4,608 + 2 × 256) = 30,720; 2 trained layers 19,456; a frozen head's input gradient 2,048.
    expect(flops([6, 7], ['embed_tokens']).model).toBe(40960 + 30720 + 19456 + 2048); // 93,184
  });

  test('only the head trains: its weight gradient alone', () => {
    expect(flops([], ['lm_head']).model).toBe(40960 + 2048);
  });

  test('full recomputation repeats the forward of the layers backward reaches only', () => {
    const run = flops([6, 7], ['lm_head'], 'full');
    expect(run.recompute).toBe(2 * 4864); // 9,728
    expect(run.hardware).toBe(64512 + 9728);
    expect(flops([6, 7], ['lm_head'], 'selective').recompute).toBe(2 * 256);
  });

  test('everything trained equals full fine-tuning', () => {
    expect(flops([0, 1, 2, 3, 4, 5, 6, 7], ['embed_tokens', 'norm', 'lm_head']).model).toBe(3 * 40960);
  });
});

describe('routed experts and multi-token prediction', () => {
  // TOY_MOE at sequence length 4, per layer: linears q 256 + k 128 + v 128 + o 256 + router 64 = 832 MACs, the 2
  // experts a token visits 2 × 1,536 = 3,072, attention core 128: 4,032 MACs = 8,064 FLOPs. Forward 4 × 8,064 + head
  // 2,048 = 34,304. Last layer + lm_head: backward 2 × ((832 + 3,072) × 2 + 128 × 2) = 16,128, head both ways 4,096.
  const moeForward = forwardFlopsPerToken(TOY_MOE, 4);
  const moe = (checkpointing: ActivationCheckpointing) =>
    freezeTrainingFlopsPerToken(
      TOY_MOE,
      moeForward,
      4,
      1,
      freezeTrainability(TOY_MOE, { trainableLayers: [3], trainableModules: ['lm_head'], baseDtype: 'bf16' }),
      checkpointing,
    );

  test.each([
    ['none', 0],
    ['selective', 2 * 128], // the attention core of layer 3
    ['full', 8_064], // layer 3's forward, experts included
  ] as const)('TOY_MOE, last layer + lm_head, %s checkpointing: recompute %d', (checkpointing, recompute) => {
    expect(moeForward.total).toBe(34_304);
    const run = moe(checkpointing);
    expect(run.model).toBe(34_304 + 16_128 + 4_096); // 54,528
    expect(run.recompute).toBe(recompute);
  });

  test('DeepSeek-V3: MTP modules train with the last layer, backward twice their forward, counted in the model FLOPs', () => {
    const arch = catalogArchitecture('deepseek-ai/DeepSeek-V3');
    const dsForward = forwardFlopsPerToken(arch, 4096);
    const freeze = freezeTrainability(arch, { trainableLayers: [60], trainableModules: [], baseDtype: 'bf16' });
    const run = freezeTrainingFlopsPerToken(arch, dsForward, 4096, 1, freeze, 'none');
    expect(run.backward.multiTokenPrediction).toBe(2 * dsForward.multiTokenPrediction.total);
    expect(run.model).toBe(
      dsForward.total + run.backward.layers + run.backward.head + run.backward.multiTokenPrediction,
    );
  });
});

describe('the compute assumption line', () => {
  // Full fine-tuning of TOY8 at 4: 3 × 40,960 = 122,880 FLOPs = 0.00 GFLOPs at two decimals.
  const line = (layers: number[], modules: FreezeModule[], model: number) =>
    freezeComputeAssumption(
      forward,
      model,
      freezeTrainability(TOY8, { trainableLayers: layers, trainableModules: modules, baseDtype: 'bf16' }),
    );

  test.each([
    {
      // Only the head: 40,960 + 2,048 = 43,008 = 35% of 122,880.
      layers: [],
      modules: ['lm_head'],
      model: 43_008,
      text: "Freeze: backward stops at the LM head and final norm: no decoder layer is differentiated; 0.00 GFLOPs per token, 35% of full fine-tuning's 0.00.",
    },
    {
      // Layers 5–7 + head: 40,960 + 3 × (2 × 4,608 + 2 × 256) + 4,096 = 74,240 = 60.4%.
      layers: [5, 6, 7],
      modules: ['lm_head'],
      model: 74_240,
      text: "Freeze: backward stops at layer 5: the 5 frozen layers below it run forward only (no input or weight gradients); 0.00 GFLOPs per token, 60% of full fine-tuning's 0.00.",
    },
    {
      // Embedding + layers 6, 7: 93,184 (above) = 75.8%.
      layers: [6, 7],
      modules: ['embed_tokens'],
      model: 93_184,
      text: "Freeze: backward runs through all 8 layers (the embedding trains), with weight gradients for the trained ones only; 0.00 GFLOPs per token, 76% of full fine-tuning's 0.00.",
    },
    {
      // Layers 0 and 7: 6 frozen layers' input gradients 30,720 + 2 trained 19,456 + the head's input gradient 2,048.
      layers: [0, 7],
      modules: [],
      model: 93_184,
      text: "Freeze: backward runs through all 8 layers (the first layer trains), with weight gradients for the trained ones only; 0.00 GFLOPs per token, 76% of full fine-tuning's 0.00.",
    },
  ] as const)('$text', ({ layers, modules, model, text }) => {
    expect(flops([...layers], [...modules]).model).toBe(model);
    expect(line([...layers], [...modules], model)).toBe(text);
  });

  test('GFLOPs at two decimals: 3.5 GFLOPs of 10.5 is 33%', () => {
    // A forward of 3.5 GFLOPs: full fine-tuning 3 × 3.5 = 10.5.
    const freeze = freezeTrainability(TOY8, { trainableLayers: [], trainableModules: ['lm_head'], baseDtype: 'bf16' });
    expect(freezeComputeAssumption({ ...forward, total: 3.5e9 }, 3.5e9, freeze)).toBe(
      "Freeze: backward stops at the LM head and final norm: no decoder layer is differentiated; 3.50 GFLOPs per token, 33% of full fine-tuning's 10.50.",
    );
  });
});
