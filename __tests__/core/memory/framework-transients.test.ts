/**
 * Short-lived tensors the frameworks create around the saved activations, by hand on the toy model: autocast's weight
 * casts, the chunked loss, Adafactor's variance estimate, the summed gradient of a tied embedding. Each mechanism was
 * found by tracing the calibration cases (calibration/trace.py) and is stated here with the code that creates it.
 */
import { describe, expect, test } from '@jest/globals';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { logitsBytes } from '../../../src/core/memory/logits.js';
import type { ShardingEngine, TrainingSettings } from '../../../src/core/plan.js';
import { makePlan, TOY, TOY_CONFIG } from './plan-fixture.js';

// TOY (plan-fixture): h 8, 2 layers, q 8×8, k 4×8, v 4×8, o 8×8, gate/up 16×8, down 8×16, vocabulary 32, untied.
// Decoder linear elements per layer: 64 + 32 + 32 + 64 + 128 + 128 + 128 = 576; the head 32 × 8 = 256.

describe('torch AMP over a LoRA base loaded in fp32 (hf-trainer, bf16-mixed)', () => {
  // rank-2 adapters on q_proj: A 2×8 + B 8×2 = 32 elements per layer, fp32 leaves that train (cast once, cached).
  const lora = (training: Partial<TrainingSettings>) =>
    estimateMemory(
      makePlan({
        architecture: TOY,
        framework: 'hf-trainer',
        training: {
          method: 'lora',
          lora: { rank: 2, alpha: 4, dropout: 0, targetModules: ['q_proj'], baseDtype: 'fp32' },
          microBatchSize: 1,
          sequenceLength: 4,
          ...training,
        },
      }),
    ).phases;

  test('every linear weight is cast to bf16 and the cast saved for backward; the head once per application', () => {
    // Decoder linears and adapters 2 × (576 + 32) = 1,216 elements × 2 B = 2,432; the frozen head is cast anew each
    // time it is applied: once with the standard loss (512 B), once per chunk with the chunked loss (8 × 512 B).
    expect(lora({}).forward.temporaries).toBe(2432 + 512);
    expect(lora({ crossEntropy: 'chunked' }).forward.temporaries).toBe(2432 + 8 * 512);
  });

  test('with full recomputation a frozen weight is cast per use and not kept: one layer is, and the head', () => {
    // One layer's 608 elements × 2 B = 1,216, and the head's 512.
    expect(lora({ activationCheckpointing: 'full' }).forward.temporaries).toBe(1216 + 512);
  });

  test('the base weights count 4 bytes each', () => {
    // Frozen: embedding 256 + head 256 + 2 × 576 linears + norms 2 × 2 × 8 + final 8 = 1,704 elements × 4 B, and the
    // adapters 64 × 4 B.
    expect(lora({}).optimizer.parameters).toBe(1704 * 4 + 64 * 4);
  });
});

describe('chunked cross-entropy without compile (torchtune CEWithChunkedOutputLoss; the recipe deletes the logits)', () => {
  test('8,192 tokens × 128,256 vocabulary in bf16', () => {
    // Logits 8,192 × 128,256 = 1,050,673,152; a chunk is an eighth, 131,334,144.
    // Forward: every chunk's bf16 logits and fp32 log-softmax (2 + 4 B) and the fp32 upcast of one chunk (4 B):
    // 6,304,038,912 + 525,336,576. Backward: the saved log-softmax (4 B) and one chunk's nll and log-softmax
    // gradients (4 + 4 B): 4,202,692,608 + 1,050,673,152.
    const bytes = logitsBytes({
      tokens: 8192,
      vocabSize: 128256,
      hiddenSize: 4096,
      elementBytes: 2,
      tensor: 1,
      crossEntropy: 'chunked',
      compile: false,
      softcapping: false,
    });
    expect(bytes).toEqual({ forward: 6_829_375_488, backward: 5_253_365_760 });
  });

  test("Gemma 2's logit soft-capping keeps the tanh output, one more 16-bit logits tensor, through the loss", () => {
    // 4,096 tokens × 256,000 = 1,048,576,000 logits. Standard loss: bf16 logits, fp32 upcast, fp32 log-softmax
    // (2 + 4 + 4 B) and the bf16 tanh output (2 B) in forward; nll and log-softmax gradients and the saved
    // log-softmax (3 × 4 B) and the tanh output (2 B) in backward.
    const context = {
      tokens: 4096,
      vocabSize: 256000,
      hiddenSize: 2304,
      elementBytes: 2,
      tensor: 1,
      crossEntropy: 'standard' as const,
      compile: false,
    };
    expect(logitsBytes({ ...context, softcapping: true })).toEqual({
      forward: 1_048_576_000 * 12,
      backward: 1_048_576_000 * 14,
    });
    expect(logitsBytes({ ...context, softcapping: false }).forward).toBe(1_048_576_000 * 10);
  });
});

describe('optimizer and gradient transients', () => {
  test("torch.optim.Adafactor materialises one full-size variance estimate: the largest trainable tensor's", () => {
    // Pure bf16: the largest tensors are the embedding and the head, 256 elements × 2 B. Adafactor is not foreach.
    const phases = estimateMemory(
      makePlan({
        architecture: TOY,
        framework: 'hf-trainer',
        training: { precision: 'bf16', optimizer: 'adafactor', microBatchSize: 1, sequenceLength: 4 },
      }),
    ).phases;
    expect(phases.optimizer.temporaries).toBe(512);
  });

  test('a tied embedding ends backward with its two partial gradients beside their sum', () => {
    // Pure bf16, SGD (no state), one token: backward ends with every gradient (as many bytes as the parameters) plus
    // two 32 × 8 embedding-sized bf16 gradients, 2 × 256 × 2 = 1,024 B (autograd sums them out of place).
    const tied = architectureFromHfConfig({ ...TOY_CONFIG, tie_word_embeddings: true });
    const phases = estimateMemory(
      makePlan({
        architecture: tied,
        framework: 'hf-trainer',
        training: { precision: 'bf16', optimizer: 'sgd', microBatchSize: 1, sequenceLength: 1 },
      }),
    ).phases;
    expect(phases.backward.gradients).toBe(phases.backward.parameters);
    expect(phases.backward.temporaries).toBe(1024);
  });

  test('under torch autocast the head multiplies a cast of the tied weight: one partial gradient, added in place', () => {
    // fp32 weights, bf16-mixed, SGD, one token: the cast's backward makes a fresh fp32 gradient that autograd adds
    // the lookup's into in place, so one 32 × 8 fp32 gradient remains beside the others: 256 × 4 = 1,024 B, where an
    // out-of-place sum would hold two (2,048 B), as fp32 does: its head gradient is a transposed view (see above).
    // The weight casts are released by the end of backward: nothing else is temporary then.
    const tied = architectureFromHfConfig({ ...TOY_CONFIG, tie_word_embeddings: true });
    const plan = (precision: 'bf16-mixed' | 'fp32') =>
      makePlan({
        architecture: tied,
        framework: 'hf-trainer',
        training: { precision, optimizer: 'sgd', microBatchSize: 1, sequenceLength: 1 },
      });
    const mixed = estimateMemory(plan('bf16-mixed')).phases.backward;
    const fp32 = estimateMemory(plan('fp32')).phases.backward;
    expect(mixed.gradients).toBe(mixed.parameters);
    expect(fp32.temporaries).toBe(2048);
    expect(mixed.temporaries).toBe(1024);
  });
});

describe('sharded LoRA', () => {
  test("the HF Trainer's FSDP (FSDP1) builds a layer's unsharded gradient whole, frozen weights included", () => {
    // TOY, bf16, ZeRO-3 on 2 GPUs, adapters on q_proj (32 elements a layer). One layer holds 576 linear + 16 norm
    // weights + 32 adapter elements = 624; two layers' unsharded bf16 gradients wait for their reduce-scatter:
    // 2 × 624 × 2 B = 2,496 with FSDP1's flat parameter, 2 × 32 × 2 B = 128 with per-parameter gradients (FSDP2).
    const backward = (framework: 'hf-trainer' | 'fsdp', sharding?: ShardingEngine) =>
      estimateMemory(
        makePlan({
          architecture: TOY,
          framework,
          training: {
            method: 'lora',
            precision: 'bf16',
            lora: { rank: 2, alpha: 4, dropout: 0, targetModules: ['q_proj'], baseDtype: 'bf16' },
            microBatchSize: 1,
            sequenceLength: 4,
          },
          parallelism: { zero: 3, ...(sharding === undefined ? {} : { sharding }) },
          hardware: { gpus: 2 },
        }),
      ).phases.backward.temporaries;
    // Both also hold two gathered layers in 16 bits: 2 × 624 × 2 B = 2,496.
    expect(backward('hf-trainer')).toBe(2496 + 2496);
    expect(backward('fsdp')).toBe(2496 + 128);
    // The flat gradient is FSDP1's, whichever training code runs on it: the engine decides.
    expect(backward('fsdp', 'fsdp')).toBe(2496 + 2496);
    expect(backward('hf-trainer', 'fsdp2')).toBe(2496 + 128);
    expect(backward('hf-trainer', 'deepspeed')).toBe(2496 + 128);
  });
});

describe('the backward peak', () => {
  test('can come at the first layer, differentiated last: later gradients, its recomputation and working tensors', () => {
    // TOY untied, pure bf16, SGD, eager attention (KV heads repeated by transformers), full recomputation, 8 tokens.
    // Parameters: embedding 256 + head 256 + 2 layers × (576 linear + 16 norm) + final norm 8 = 1,704; bf16
    // gradients 3,408 B, of which one layer's share is not yet there: the model takes a layer's share as the stage's
    // gradients over its layers, 3,408 / 2 = 1,704 (embedding and head included; stage-memory.ts): 1,704 B.
    // Activations: its checkpointed input 8 × 8 × 2 = 128; its recomputation per token: norms 2 × (32 + 16) = 96,
    // q/k/v and gate/up inputs 32, q and repeated k, v 3 × 8 × 2 = 48, output 16 and per-head fp32 statistics 8
    // (activations.ts counts them for every kernel; eager attention keeps none, an over-count of 8 B a token), scores
    // 2 heads × 4 × (4 + 2) = 48 and the output copy 16, MLP 128: 392 × 8 = 3,136; the softmax backward's
    // working tensors 64 scores × (12 − 2) = 640. 128 + 3,136 + 640 = 3,904.
    const backward = estimateMemory(
      makePlan({
        architecture: TOY,
        framework: 'hf-trainer',
        training: {
          precision: 'bf16',
          optimizer: 'sgd',
          attention: 'eager',
          activationCheckpointing: 'full',
          microBatchSize: 2,
          sequenceLength: 4,
        },
      }),
    ).phases.backward;
    expect(backward.gradients).toBe(1704);
    expect(backward.activations).toBe(3904);
  });
});

describe('sliding-window layers under sdpa', () => {
  test('keep their b × s × s mask in the query dtype once the sequence reaches the window', () => {
    // TOY as Mistral (both layers slide), window 4, pure bf16, micro-batch 2 × 4 tokens: each layer keeps a
    // 2 × 4 × 4 bf16 mask, 64 B; none below the window, none with flash attention (the kernel takes the window).
    const activations = (overrides: Partial<TrainingSettings>, window = 4) =>
      estimateMemory(
        makePlan({
          architecture: architectureFromHfConfig({ ...TOY_CONFIG, model_type: 'mistral', sliding_window: window }),
          framework: 'hf-trainer',
          training: { precision: 'bf16', microBatchSize: 2, sequenceLength: 4, attention: 'sdpa', ...overrides },
        }),
      ).phases.forward.activations;
    const unmasked = activations({}, 8);
    expect(activations({}) - unmasked).toBe(2 * 64);
    expect(activations({ attention: 'flash' }) - activations({ attention: 'flash' }, 8)).toBe(0);
  });
});
