/**
 * What one pipeline stage holds per micro-batch, by hand (stage-activations.ts), on the toy Llama (TOY: h 8, 2 layers,
 * 2 query heads of 4, 1 KV head, gated MLP 16, vocabulary 32): micro-batch 2 × sequence 4 = 8 tokens, generic
 * framework, bf16 mixed (2-byte activations and hidden states), flash attention, full fine-tuning, one GPU.
 *
 * One layer saves 312 B a token, 2,496 B (activations.test.ts). The first stage keeps the token ids, 8 × 8 = 64; the
 * last the final RMSNorm's fp32 copy and bf16 normalised tensor 8 × (4 + 2) = 48 and the head's input 8 × 2 = 16 a
 * token, 8 × 64 = 512; its standard loss 256 logits × 10 B forward and × 12 B backward (logits.test.ts).
 */
import { describe, expect, test } from '@jest/globals';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import {
  sdpaFallsBackToMath,
  stageActivations,
  type StageActivations,
} from '../../../src/core/memory/stage-activations.js';
import { pipelineStages } from '../../../src/core/memory/stage-layout.js';
import { planStorageConvention } from '../../../src/core/memory/storage-conventions.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { makePlan, TOY, TOY_CONFIG, type PlanOverrides } from './plan-fixture.js';

const LAYER = 2496;
const TOKEN_IDS = 64;
const FINAL_NORM_AND_HEAD_INPUT = 512;
const LOGITS = { forward: 2560, backward: 3072 };

function plan(overrides: PlanOverrides = {}): ResolvedPlan {
  return makePlan({
    architecture: TOY,
    ...overrides,
    training: { microBatchSize: 2, sequenceLength: 4, ...overrides.training },
  });
}

function stage(resolved: ResolvedPlan, index = 0): StageActivations {
  const stages = pipelineStages(resolved.architecture, resolved.parallelism, 'uniform');
  return stageActivations(resolved, stages[index]!, planStorageConvention(resolved));
}

describe('one stage holding the whole toy model', () => {
  test('no recomputation: both layers, the token ids, the final norm and head input; the loss on top', () => {
    expect(stage(plan())).toEqual({
      microBatch: 2 * LAYER + TOKEN_IDS + FINAL_NORM_AND_HEAD_INPUT, // 5,568
      offloadedCap: Number.POSITIVE_INFINITY,
      recompute: 0,
      firstLayerSaved: LAYER,
      // Flash attention has no working tensors; the layer's own saved tensors do not exist yet while it runs.
      forwardWorking: -LAYER,
      backwardWorking: 0,
      logits: LOGITS,
    });
  });

  test('full recomputation keeps each layer input, 8 × 8 × 2 = 128, and rebuilds one layer during backward', () => {
    expect(stage(plan({ training: { activationCheckpointing: 'full' } }))).toEqual({
      microBatch: 2 * 128 + TOKEN_IDS + FINAL_NORM_AND_HEAD_INPUT, // 832
      offloadedCap: Number.POSITIVE_INFINITY,
      recompute: LAYER,
      firstLayerSaved: 128,
      forwardWorking: 0,
      backwardWorking: 0,
      logits: LOGITS,
    });
  });

  test('activation offloading leaves about two layers on the GPU', () => {
    expect(stage(plan({ training: { activationOffloading: true } })).offloadedCap).toBe(2 * LAYER);
    const checkpointed = { activationOffloading: true, activationCheckpointing: 'full' as const };
    expect(stage(plan({ training: checkpointed })).offloadedCap).toBe(2 * 128);
  });

  test('eager attention: KV heads repeated, scores saved, and its softmax working tensors', () => {
    // The layer with eager attention and repeated KV heads: + k, v repeated to 2 heads (8 × 2 = 16), the fp32 softmax
    // and its bf16 copy 2 × 4 × 6 = 48 and the output copy 16: 392 B a token, 3,136. Working tensors: 64 scores ×
    // 10 B in forward and backward (activations-and-peak.test.ts).
    const eager = stage(plan({ training: { attention: 'eager' } }));
    expect(eager.microBatch).toBe(2 * 3136 + TOKEN_IDS + FINAL_NORM_AND_HEAD_INPUT);
    expect(eager.forwardWorking).toBe(640 - 3136);
    expect(eager.backwardWorking).toBe(640);
  });

  test('context parallelism over 2 ranks halves the tokens of every term', () => {
    const cp2 = stage(plan({ parallelism: { context: 2 }, hardware: { gpus: 2 } }));
    expect(cp2.microBatch).toBe((2 * LAYER + TOKEN_IDS + FINAL_NORM_AND_HEAD_INPUT) / 2);
    expect(cp2.logits).toEqual({ forward: LOGITS.forward / 2, backward: LOGITS.backward / 2 });
  });

  test("the HF Trainer's sdpa: grouped heads as they are under bf16 autocast, repeated by the math kernel in fp32", () => {
    // bf16 mixed (torch AMP): fp32 hidden states, each linear its own bf16 cast, flash with the grouped heads: 3,136 a
    // layer (activations-and-peak.test.ts); final norm 8 × (4 + 4) and head input 8 × 2, × 8 tokens = 640.
    const amp = stage(plan({ framework: 'hf-trainer', training: { attention: 'sdpa' } }));
    expect(amp.microBatch).toBe(2 * 3136 + TOKEN_IDS + 640);
    // fp32: the math kernel with the KV heads repeated and its fp32 softmax, 4,928 a layer (activations-and-peak);
    // final norm 8 × (4 + 4) and head input 8 × 4, × 8 = 768; working tensors 64 scores × 8 B and × 12 B.
    const fp32 = stage(plan({ framework: 'hf-trainer', training: { attention: 'sdpa', precision: 'fp32' } }));
    expect(fp32.microBatch).toBe(2 * 4928 + TOKEN_IDS + 768);
    expect(fp32.forwardWorking).toBe(512 - 4928);
    expect(fp32.backwardWorking).toBe(768);
  });

  test('PEFT adapters save in fp32 without autocast and in the autocast dtype with it', () => {
    // HF Trainer LoRA on q_proj and v_proj, rank 2, dropout 0.1, bf16 base. Pure bf16: PEFT keeps the adapters in
    // fp32, so each saves its dropped fp32 input 8 × 4, the mask 8 and lora_A's output 2 × 4: 2,496 a layer
    // (activations-and-peak.test.ts). bf16 mixed: autocast computes them in bf16: 8 × 2 + 8 + 2 × 2 = 28 each, so the
    // layer saves 8 × (norm copies 64 + flash 56 + frozen MLP 96 + 2 × 28) = 2,176. Both: the final norm's fp32 copy
    // 8 × 4 a token and no head input, 8 × 32.
    const peft = (precision: 'bf16' | 'bf16-mixed') =>
      stage(
        plan({
          framework: 'hf-trainer',
          training: {
            precision,
            method: 'lora',
            lora: { rank: 2, alpha: 4, dropout: 0.1, targetModules: ['q_proj', 'v_proj'], baseDtype: 'bf16' },
          },
        }),
      ).microBatch;
    expect(peft('bf16')).toBe(2 * 2496 + TOKEN_IDS + 8 * 32);
    expect(peft('bf16-mixed')).toBe(2 * 2176 + TOKEN_IDS + 8 * 32);
  });

  test("torchtitan's op-level selective recomputation: 896 a layer saved, one whole layer rebuilt", () => {
    // activations.test.ts: the layer input 16 and every other matmul's output with the attention output, 112 B a
    // token, 896.
    const titan = stage(plan({ framework: 'torchtitan', training: { activationCheckpointing: 'selective' } }));
    expect(titan.microBatch).toBe(2 * 896 + TOKEN_IDS + FINAL_NORM_AND_HEAD_INPUT);
    expect(titan.recompute).toBe(LAYER);
  });

  test('a LoRA adapter on the LM head keeps its input and adds its own logits and their sum in forward', () => {
    // torchtune LoRA on q_proj: torchtune repeats the KV heads (k, v 2 × 8 × 2 = 32 in place of 16), so a layer
    // saves 8 × (norm copies 64 + q's input 16 + flash 72 + frozen MLP 96 + rank output 4) = 2,016. The final norm's frozen scale keeps only the fp32 copy, 8 × 4 = 32 a token; the head input
    // 16 only when an adapter on lm_head trains. Head adapter: its output and the sum, 2 × 8 × 32 × 2 = 1,024.
    const lora = (targetModules: string[]) =>
      stage(
        plan({
          framework: 'torchtune',
          training: {
            method: 'lora',
            lora: { rank: 2, alpha: 4, dropout: 0, targetModules, baseDtype: 'bf16' },
          },
        }),
      );
    const withoutHead = lora(['q_proj']);
    expect(withoutHead.microBatch).toBe(2 * 2016 + TOKEN_IDS + 8 * 32);
    expect(withoutHead.logits).toEqual(LOGITS);
    const withHead = lora(['q_proj', 'lm_head']);
    expect(withHead.microBatch).toBe(2 * 2016 + TOKEN_IDS + 8 * (32 + 16));
    expect(withHead.logits).toEqual({ forward: LOGITS.forward + 1024, backward: LOGITS.backward });
  });
});

describe('pipeline stages', () => {
  test('two stages of one layer: the token ids on the first, the head and the loss on the last', () => {
    const twoStages = plan({ parallelism: { pipeline: 2 }, hardware: { gpus: 2 } });
    const [first, last] = [stage(twoStages, 0), stage(twoStages, 1)];
    expect(first.microBatch).toBe(LAYER + TOKEN_IDS);
    expect(first.logits).toEqual({ forward: 0, backward: 0 });
    expect(last.microBatch).toBe(LAYER + FINAL_NORM_AND_HEAD_INPUT);
    expect(last.logits).toEqual(LOGITS);
  });
});

describe('sliding-window attention under sdpa', () => {
  const mistral = (window: number) =>
    architectureFromHfConfig({ ...TOY_CONFIG, model_type: 'mistral', sliding_window: window });

  test('once the sequence reaches the window, each layer keeps a bf16 mask of b × s × s = 2 × 4 × 4', () => {
    // sdpa in the generic framework repeats the KV heads: + 8 × 2 B a token, 2,624 a layer; mask 8 × 4 × 2 = 64.
    const masked = stage(plan({ architecture: mistral(4), training: { attention: 'sdpa' } }));
    expect(masked.microBatch).toBe(2 * (2624 + 64) + TOKEN_IDS + FINAL_NORM_AND_HEAD_INPUT);
    const unmasked = stage(plan({ architecture: mistral(8), training: { attention: 'sdpa' } }));
    expect(unmasked.microBatch).toBe(2 * 2624 + TOKEN_IDS + FINAL_NORM_AND_HEAD_INPUT);
    // With full recomputation the masks are rebuilt with the layer: one mask during backward, none kept.
    const checkpointed = stage(
      plan({ architecture: mistral(4), training: { attention: 'sdpa', activationCheckpointing: 'full' } }),
    );
    expect(checkpointed.microBatch).toBe(2 * 128 + TOKEN_IDS + FINAL_NORM_AND_HEAD_INPUT);
    expect(checkpointed.recompute).toBe(2624 + 64);
  });
});

describe('multi-token prediction (DeepSeek-V3)', () => {
  const deepseek = (modules: number, layers = 1) =>
    architectureFromHfConfig({
      model_type: 'deepseek_v3',
      hidden_size: 8,
      num_attention_heads: 2,
      intermediate_size: 16,
      vocab_size: 32,
      num_hidden_layers: layers,
      q_lora_rank: 4,
      kv_lora_rank: 6,
      qk_nope_head_dim: 2,
      qk_rope_head_dim: 2,
      v_head_dim: 4,
      num_nextn_predict_layers: modules,
    });

  test('each module saves one more decoder layer and computes its own logits', () => {
    // The toy's only decoder layer is dense, as is its MTP module's (DeepSeek-V3 report §2.2: one transformer block per
    // module): each module adds one such layer's saved tensors (firstLayerSaved) and one more set of forward logits;
    // the backward logits are handled one head at a time.
    const none = stage(plan({ architecture: deepseek(0) }));
    for (const modules of [1, 2]) {
      const mtp = stage(plan({ architecture: deepseek(modules) }));
      expect(mtp.microBatch - none.microBatch).toBe(modules * none.firstLayerSaved);
      expect(mtp.logits).toEqual({ forward: (1 + modules) * LOGITS.forward, backward: LOGITS.backward });
    }
  });

  test('over 2 pipeline stages the modules sit on the last stage only (after the final layer)', () => {
    // Two dense layers, one a stage: the first stage saves the same with or without the module; the last saves one
    // more layer (its own layer's bytes, firstLayerSaved).
    const twoStages = (modules: number) =>
      plan({ architecture: deepseek(modules, 2), parallelism: { pipeline: 2 }, hardware: { gpus: 2 } });
    const [none, mtp] = [twoStages(0), twoStages(1)];
    expect(stage(mtp, 0)).toEqual(stage(none, 0));
    expect(stage(mtp, 1).microBatch - stage(none, 1).microBatch).toBe(stage(none, 1).firstLayerSaved);
  });
});

describe('QLoRA: which 4-bit base linear keeps its input', () => {
  // Pure bf16, adapters on q_proj and v_proj, rank 2, dropout 0.1. Both frameworks: the norms' fp32 copies 2 × 8 × 4 =
  // 64 a token (frozen scales), the frozen MLP's gate, act(gate) and up 3 × 16 × 2 = 96; the token ids 64 and the
  // final norm's fp32 copy 8 × 32 = 256 (no head input: the head is frozen).
  const qlora = (framework: 'generic' | 'torchtune') =>
    stage(
      plan({
        framework,
        training: {
          precision: 'bf16',
          method: 'qlora',
          lora: { rank: 2, alpha: 4, dropout: 0.1, targetModules: ['q_proj', 'v_proj'], baseDtype: 'nf4' },
        },
      }),
    ).microBatch;

  test("bitsandbytes' MatMul4Bit (outside torchtune) keeps every base linear's input", () => {
    // activations.test.ts: flash 56, the shared inputs 32 and down_proj's 32, and PEFT's fp32 adapters each their
    // fp32 input copy 8 × 4, the mask 8 and lora_A's output 2 × 4 = 48: 8 × (64 + 56 + 32 + 96 + 32 + 2 × 48) = 3,008.
    expect(qlora('generic')).toBe(2 * 3008 + TOKEN_IDS + 8 * 32);
  });

  test("torchtune's NF4 linear (torchao) keeps none of them", () => {
    // torchtune repeats the KV heads: flash 72. bf16 adapters, each its dropped copy 8 × 2, the mask 8 and lora_A's
    // output 2 × 2 = 28: 8 × (64 + 72 + 96 + 2 × 28) = 2,304 a layer.
    expect(qlora('torchtune')).toBe(2 * 2304 + TOKEN_IDS + 8 * 32);
  });
});

describe('recomputation: what backward rebuilds', () => {
  test.each([
    // torchtitan without checkpointing rebuilds nothing; its op-level selective form rebuilds a whole layer; other
    // frameworks' selective form (Korthikanti et al. 2022: attention scores only) rebuilds no layer.
    ['torchtitan', 'none', 0],
    ['torchtitan', 'selective', LAYER],
    ['generic', 'selective', 0],
  ] as const)('%s, checkpointing %s: %d', (framework, activationCheckpointing, recompute) => {
    expect(stage(plan({ framework, training: { activationCheckpointing } })).recompute).toBe(recompute);
  });
});

describe('a last stage without layers (pipeline 2, lastStageLayers 0)', () => {
  // Eager attention, so that a layer would have working tensors (640 forward and backward): a stage with no layer has
  // none; it keeps only the final norm and the head's input, 512, and computes the loss.
  const headOnly = (activationCheckpointing: 'none' | 'full') =>
    stage(
      plan({
        training: { attention: 'eager', activationCheckpointing },
        parallelism: { pipeline: 2, lastStageLayers: 0 },
        hardware: { gpus: 2 },
      }),
      1,
    );
  test.each(['none', 'full'] as const)('checkpointing %s: no layer saved, rebuilt or worked on', (checkpointing) => {
    expect(headOnly(checkpointing)).toEqual({
      microBatch: FINAL_NORM_AND_HEAD_INPUT,
      offloadedCap: Number.POSITIVE_INFINITY,
      recompute: 0,
      firstLayerSaved: 0,
      forwardWorking: 0,
      backwardWorking: 0,
      logits: LOGITS,
    });
  });
});

describe('a LoRA adapter on the LM head under tensor parallelism', () => {
  test("2 ranks each hold half the vocabulary of the adapter's output and sum: 1,024 / 2", () => {
    const logits = (targetModules: string[]) =>
      stage(
        plan({
          framework: 'torchtune',
          training: { method: 'lora', lora: { rank: 2, alpha: 4, dropout: 0, targetModules, baseDtype: 'bf16' } },
          parallelism: { tensor: 2 },
          hardware: { gpus: 2 },
        }),
      ).logits;
    expect(logits(['q_proj', 'lm_head']).forward - logits(['q_proj']).forward).toBe(1024 / 2);
  });
});

describe('sdpaFallsBackToMath: the HF Trainer’s fp32 sdpa with grouped heads and no mask', () => {
  const mistral = (window: number) =>
    architectureFromHfConfig({ ...TOY_CONFIG, model_type: 'mistral', sliding_window: window });
  const mha = architectureFromHfConfig({ ...TOY_CONFIG, num_key_value_heads: 2 });
  test.each([
    // [case, overrides, math kernel]; sequence 4, the toy's 2 query heads share 1 KV head.
    ['hf-trainer, sdpa, fp32, grouped heads', {}, true],
    ['16-bit: flash takes the grouped heads', { training: { precision: 'bf16-mixed' } }, false],
    ['eager attention', { training: { attention: 'eager' } }, false],
    ['flash attention', { training: { attention: 'flash' } }, false],
    ['another framework repeats the heads', { framework: 'generic' }, false],
    ['no grouped heads', { architecture: mha }, false],
    ['a sliding window the sequence reaches (4 = 4): masked', { architecture: mistral(4) }, false],
    ['a sliding window beyond the sequence (8 > 4): no mask', { architecture: mistral(8) }, true],
  ] as [string, PlanOverrides, boolean][])('%s: %s', (_name, overrides, math) => {
    const base: PlanOverrides = { framework: 'hf-trainer', training: { attention: 'sdpa', precision: 'fp32' } };
    const resolved = plan({ ...base, ...overrides, training: { ...base.training, ...overrides.training } });
    expect(sdpaFallsBackToMath(resolved)).toBe(math);
  });
});
