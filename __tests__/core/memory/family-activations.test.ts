/**
 * What one layer of the new families saves for backward, by hand, on the toy shape (h 8, 2 heads of 4, MLP 16),
 * bf16, flash attention, 8 tokens, full fine-tuning: the structure that sets it (a parallel block's shared input, a
 * LayerNorm on an fp32 copy, weightless norms, Llama 4's L2 q/k norm) and Phi's LM head bias in the model states.
 */
import { describe, expect, test } from '@jest/globals';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import type { Architecture } from '../../../src/core/architecture/types.js';
import { layerActivationBytes, type ActivationContext } from '../../../src/core/memory/activations.js';
import { pipelineStages } from '../../../src/core/memory/stage-layout.js';
import { stageTensors, totalElements } from '../../../src/core/memory/stage-tensors.js';
import { BASE_PARALLELISM } from '../../../__fixtures__/resolved-plan.js';
import { TOY_LLAMA_CONFIG } from '../../../__fixtures__/toy-llama.js';
import { BF16_ONE_GPU_ACTIVATIONS } from './plan-fixture.js';

function contextFor(architecture: Architecture): ActivationContext {
  return {
    tokens: 8,
    hiddenSize: 8,
    sequenceLength: 4,
    ...BF16_ONE_GPU_ACTIVATIONS,
    attention: architecture.attention,
    method: 'full',
    parallelAttentionMlp: architecture.parallelAttentionMlp,
  };
}

const firstLayer = (architecture: Architecture, overrides: Partial<ActivationContext> = {}) =>
  layerActivationBytes(architecture.layerGroups[0]!, { ...contextFor(architecture), ...overrides });

const SHAPE = { hidden_size: 8, num_attention_heads: 2, intermediate_size: 16, vocab_size: 32, num_hidden_layers: 1 };

describe('activations of one layer, per family', () => {
  const phi = architectureFromHfConfig({ model_type: 'phi', ...SHAPE });

  test('Phi-2: one LayerNorm feeds attention and MLP, so its output is saved once', () => {
    // Per token: the fused LayerNorm keeps its input 8·2 + mean and rstd 8 = 24; the shared normalised input 8·2 = 16;
    // flash keeps q, k, v (2 heads × 4 each) 24·2 = 48, the output 16 and log-sum-exp 8 = 72; the plain MLP keeps
    // fc1's output (gelu's input) 16·2 and gelu's output (fc2's input) 16·2 = 64. 176 B × 8 tokens = 1,408.
    expect(firstLayer(phi)).toBe(1408);
    // Read as a sequential block, the same tensors would be saved once for attention and once for the MLP: + 16 B.
    expect(firstLayer(phi, { parallelAttentionMlp: false })).toBe(1536);
  });

  test('Cohere: its LayerNorm works on an fp32 copy, like an eager RMSNorm, and scales in fp32', () => {
    // Per token: x − mean in fp32, saved by pow and mul, 8·4, and the normalised fp32 tensor the weight multiplies,
    // 8·4 = 64; the shared input 16; flash with 1 KV head: (8 + 4 + 4)·2 + 16 + 8 = 56; the gated MLP keeps gate,
    // act(gate), up and their product 4 × 16 × 2 = 128. 264 B × 8 = 2,112.
    const cohere = architectureFromHfConfig({ model_type: 'cohere', ...SHAPE, num_key_value_heads: 1 });
    expect(firstLayer(cohere)).toBe(2112);
  });

  test('OLMo: weightless LayerNorms on an fp32 copy keep that copy and nothing else', () => {
    // Two norms × 8·4 = 64; q/k/v and gate/up inputs 16 + 16; flash 56; MLP 128. 280 B × 8 = 2,240 (the toy Llama,
    // whose RMSNorms also keep a normalised bf16 tensor each, saves 2,496: activations-and-peak.test.ts).
    const olmo = architectureFromHfConfig({ ...TOY_LLAMA_CONFIG, model_type: 'olmo' });
    expect(firstLayer(olmo)).toBe(2240);
  });

  test('Llama 4: the L2 norm of q and k keeps their fp32 copies on rotary layers', () => {
    // Two RMSNorms × (8·4 + 8·2) = 96; q's L2 norm 8·4 = 32 and k's 4·4 = 16 (no weight, nothing else); inputs
    // 16 + 16; flash 56; the dense MLP of 16: 128. 360 B × 8 = 2,880.
    const llama4 = architectureFromHfConfig({
      model_type: 'llama4_text',
      ...SHAPE,
      num_key_value_heads: 1,
      head_dim: 4,
      intermediate_size: 8,
      intermediate_size_mlp: 16,
      num_hidden_layers: 2,
      num_local_experts: 4,
      num_experts_per_tok: 1,
      interleave_moe_layer_step: 2,
    });
    expect(firstLayer(llama4)).toBe(2880);
  });

  test("Phi's lm_head bias is a parameter tensor of the last stage", () => {
    // One stage holds every parameter: the toy Phi's 1,144, of which 32 are the head's bias.
    const [stage] = pipelineStages(phi, BASE_PARALLELISM, 'uniform');
    const tensors = stageTensors(phi, stage!, { method: 'full', lora: null, parallelism: BASE_PARALLELISM });
    expect(totalElements(tensors)).toBe(countParameters(phi).total);
    expect(totalElements(tensors)).toBe(1144);
  });
});
