/**
 * A freeze plan's training FLOPs per token by hand on TOY8 at sequence length 4 (plan-fixture.ts). One layer forward:
 * linears q 256 + k 128 + v 128 + o 256 + gate, up, down 3 × 512 = 2,304 MACs = 4,608 FLOPs; attention scores and
 * values 4 positions × 4 heads × (4 + 4) = 128 MACs = 256 FLOPs. The head 16 × 64 = 1,024 MACs = 2,048 FLOPs.
 * Forward: 8 × 4,864 + 2,048 = 40,960; full training 3 × 40,960 = 122,880 (training-flops.ts).
 */
import { describe, expect, test } from '@jest/globals';
import { forwardFlopsPerToken } from '../../../src/core/compute/flop-count.js';
import { freezeTrainingFlopsPerToken } from '../../../src/core/compute/freeze-flops.js';
import type { ActivationCheckpointing, FreezeModule } from '../../../src/core/plan.js';
import { freezeTrainability } from '../../../src/core/trainable-parameters.js';
import { TOY8 } from '../memory/plan-fixture.js';

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
