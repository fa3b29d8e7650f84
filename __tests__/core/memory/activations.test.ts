/**
 * One layer's saved activations by hand, term by term (activations.ts), on toy layers small enough to add up: what each
 * option adds or removes. Unless a row says otherwise: 8 tokens (micro-batch 2 × sequence 4), bf16 (2-byte saved
 * elements and hidden states), flash attention, full fine-tuning, generic framework, one GPU.
 *
 * The toy Llama layer (TOY, h 8, 2 query heads of 4, 1 KV head, gated MLP 16) saves per token, as in
 * activations-and-peak.test.ts: seq 128 (two eager RMSNorms 2 × 8 × (4 + 2) = 96, the shared input of q/k/v 16 and of
 * gate/up 16) and tp 184 (flash q 8 + k 4 + v 4 elements × 2 = 32, output 8 × 2 + log-sum-exp 2 × 4 = 24, MLP gate,
 * act(gate), up, product 4 × 16 × 2 = 128): 312 B, × 8 tokens = 2,496.
 */
import { describe, expect, test } from '@jest/globals';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import type { Architecture } from '../../../src/core/architecture/types.js';
import {
  checkpointedLayerBytes,
  layerActivationBytes,
  layerBackwardWorkingBytes,
  layerForwardWorkingBytes,
  type ActivationContext,
} from '../../../src/core/memory/activations.js';
import type { LoraSettings } from '../../../src/core/plan.js';
import { BF16_ONE_GPU_ACTIVATIONS, TOY, TOY_MOE } from './plan-fixture.js';

const SHAPE = { hidden_size: 8, num_attention_heads: 2, intermediate_size: 16, vocab_size: 32, num_hidden_layers: 1 };

/** Phi-3 shape: one fused qkv_proj whose output v is a view of (fusedOutputKeptByValue), one fused gate_up_proj. */
const PHI3_GQA = architectureFromHfConfig({ model_type: 'phi3', ...SHAPE, num_key_value_heads: 1 });
const PHI3_MHA = architectureFromHfConfig({ model_type: 'phi3', ...SHAPE, num_key_value_heads: 2 });
/** Phi-2: parallel block, one LayerNorm, plain (gelu) MLP of 16. */
const PHI2 = architectureFromHfConfig({ model_type: 'phi', ...SHAPE });
/** Phi with q/k LayerNorms: one input_layernorm plus q_norm and k_norm. */
const PHI_QK = architectureFromHfConfig({ model_type: 'phi', ...SHAPE, qk_layernorm: true });
/** GPT-NeoX: parallel attention and MLP, each behind its own LayerNorm; fused query_key_value; plain gelu MLP. */
const GPT_NEOX = architectureFromHfConfig({ model_type: 'gpt_neox', ...SHAPE });
/** Qwen3: per-head RMSNorms of q (2 heads × 4 = 8 elements a token) and k (1 head × 4 = 4). */
const QWEN3 = architectureFromHfConfig({ model_type: 'qwen3', ...SHAPE, num_key_value_heads: 1, head_dim: 4 });
/** DeepSeek-V3 latent attention: q latent (q_lora_rank) 4, kv latent (kv_lora_rank) 6, heads of 2 + 2 and values 4. */
const DEEPSEEK = architectureFromHfConfig({
  model_type: 'deepseek_v3',
  ...SHAPE,
  q_lora_rank: 4,
  kv_lora_rank: 6,
  qk_nope_head_dim: 2,
  qk_rope_head_dim: 2,
  v_head_dim: 4,
});

/** Qwen2-MoE: 4 experts of 4 (top 2) beside a shared expert of 12 and its shared_expert_gate, both on the norm output. */
const QWEN2_MOE = architectureFromHfConfig({
  model_type: 'qwen2_moe',
  ...SHAPE,
  num_key_value_heads: 1,
  num_experts: 4,
  num_experts_per_tok: 2,
  moe_intermediate_size: 4,
  shared_expert_intermediate_size: 12,
});

const BASE: ActivationContext = {
  tokens: 8,
  hiddenSize: 8,
  sequenceLength: 4,
  ...BF16_ONE_GPU_ACTIVATIONS,
  attention: TOY.attention,
  method: 'full',
};

const lora = (targetModules: string[], dropout = 0): LoraSettings => ({
  rank: 2,
  alpha: 4,
  dropout,
  targetModules,
  baseDtype: 'bf16',
});

function layer(architecture: Architecture, overrides: Partial<ActivationContext>): number {
  const context: ActivationContext = {
    ...BASE,
    hiddenSize: architecture.hiddenSize,
    attention: architecture.attention,
    parallelAttentionMlp: architecture.parallelAttentionMlp,
    ...overrides,
  };
  return layerActivationBytes(architecture.layerGroups[0]!, context);
}

describe('one toy Llama layer, option by option', () => {
  test.each<[string, Partial<ActivationContext>, number]>([
    // Korthikanti §4.2.1: without sequence parallelism the norms and the projections' shared inputs (seq) are whole on
    // each rank; the rest (tp) splits. 8 × (128 + 184 / 2) = 1,760.
    ['TP 2 without sequence parallelism', { tensor: 2 }, 1760],
    // Korthikanti §5: the attention core is recomputed, only q, k, v (32) stay: 8 × (128 + 32 + 128) = 2,304.
    ['selective recomputation (Megatron)', { checkpointing: 'selective' }, 2304],
    // The same with eager attention: its scores and output copy are recomputed too.
    ['selective recomputation, eager attention', { checkpointing: 'selective', kernel: 'eager' }, 2304],
    // torchtitan's op-level selective: the layer input 8 × 2 = 16 and the outputs of every other matmul, q 8, v 4,
    // gate 16, down 8 = 36 elements × 2 = 72, plus the attention output and log-sum-exp 24: 8 × (16 + 96) = 896.
    ['torchtitan op-level selective', { checkpointing: 'selective', framework: 'torchtitan' }, 896],
    // Without recomputation the torchtitan loop saves what any other does: 2,496.
    ['torchtitan, no recomputation', { framework: 'torchtitan' }, 2496],
    ['FSDP (torchtitan loop) op-level selective', { checkpointing: 'selective', framework: 'fsdp' }, 896],
    // With TP 2 and sequence parallelism everything halves: 8 × (16 / 2 + 96 / 2) = 448; without SP the layer input
    // stays whole: 8 × (16 + 96 / 2) = 512.
    [
      'op-level selective, TP 2 with SP',
      { checkpointing: 'selective', framework: 'fsdp', tensor: 2, sequenceParallel: true },
      448,
    ],
    ['op-level selective, TP 2 without SP', { checkpointing: 'selective', framework: 'fsdp', tensor: 2 }, 512],
    // Fused kernels (Transformer Engine): each norm saves its 16-bit input and mean/rstd, 8 × 2 + 2 × 4 = 24, twice 48;
    // inputs 32; flash 56; fused SwiGLU saves gate/up's output 2 × 16 × 2 = 64 and down's input 32. 8 × 232 = 1,856.
    ['fused kernels', { fusedKernels: true }, 1856],
    // torch.compile recomputes act(gate) and the product: the MLP keeps gate and up, 2 × 16 × 2 = 64. 8 × 248 = 1,984.
    ['torch.compile', { compile: true }, 1984],
    // A freeze plan's frozen layer that backward passes through: norms keep their fp32 copies only (2 × 8 × 4 = 64);
    // frozen linears keep no inputs; eager attention with KV heads repeated keeps q and the repeated k, v
    // (8 + 8 + 8) × 2 = 48 and the fp32 softmax with its bf16 copy 2 × 4 × (4 + 2) = 48, but no output (only the frozen
    // o_proj would read it); the MLP gate, act(gate), up 3 × 16 × 2 = 96. 8 × 256 = 2,048.
    ['frozen layer, eager attention', { method: 'freeze', kernel: 'eager', repeatKeyValueHeads: true }, 2048],
    // Autocast over bf16 hidden states casts nothing (autocast_mode.h cached_cast returns a tensor already in the
    // target dtype): the shared inputs are saved once, as without autocast. 2,496.
    ['autocast over bf16 hidden states', { autocast: true, framework: 'hf-trainer' }, 2496],
    // torch AMP with a trained fp32 norm weight over bf16 hidden states: the norm output is fp32, so each linear saves
    // its own 16-bit cast: q, k, v 3 × 16 and gate, up 2 × 16 = 80 in place of 32; the norms still save the bf16
    // normalised tensor (96). 8 × (96 + 80 + 184) = 2,880.
    ['autocast over an fp32 norm output', { autocast: true, normOutputBytes: 4, framework: 'hf-trainer' }, 2880],
  ])('%s', (_name, overrides, expected) => {
    expect(layer(TOY, overrides)).toBe(expected);
  });
});

describe('LoRA and QLoRA: which inputs the base linears and the adapters keep', () => {
  const PEFT = { framework: 'hf-trainer' as const, adapterActivationBytes: 4 };
  test.each<[string, Partial<ActivationContext>, number]>([
    // torchtune LoRALinear reads the base linear's input as it is (no cast): with no dropout q_proj's adapter saves the
    // shared norm output, 16. Norms keep their fp32 copies 64 (frozen scales); the frozen down_proj keeps nothing, so
    // the MLP keeps 3 × 16 × 2 = 96; flash 56; lora_A's rank-2 outputs in fp32 2 × 2 × 4 = 16. 8 × 248 = 1,984.
    [
      'torchtune, fp32 adapters, no dropout',
      { framework: 'torchtune', method: 'lora', lora: lora(['q_proj', 'v_proj']), adapterActivationBytes: 4 },
      1984,
    ],
    // With dropout each adapter saves its dropped copy 8 × 2 = 16 and the bool mask 8, and nobody the shared input:
    // 8 × (64 + 56 + 96 + rank outputs 2 × 2 × 2 = 8 + 2 × 24) = 2,176.
    ['torchtune, dropout 0.1', { framework: 'torchtune', method: 'lora', lora: lora(['q_proj', 'v_proj'], 0.1) }, 2176],
    // torchtune LoRA on gate_proj alone: gate/up's shared input 16 is kept, q/k/v's and the frozen down_proj's input
    // are not: 8 × (64 + 16 + 56 + 96 + rank output 2 × 2) = 1,888.
    ['torchtune, gate_proj only', { framework: 'torchtune', method: 'lora', lora: lora(['gate_proj']) }, 1888],
    // QLoRA with bitsandbytes' MatMul4Bit: every base linear keeps its input (its input requires grad), so the shared
    // inputs 32 and down_proj's 32 come back beside the PEFT adapters' copies (8 × 4 + 8 mask + 2 × 4 = 48 each).
    // 8 × (64 + 32 + 56 + 128 + 96) = 3,008.
    [
      'QLoRA, bitsandbytes',
      { ...PEFT, method: 'qlora', lora: lora(['q_proj', 'v_proj'], 0.1), bitsandbytesMatmul: true },
      3008,
    ],
    // QLoRA with torchao's NF4 linear keeps no input of the frozen base: the PEFT LoRA layer's 8 × 312 = 2,496
    // (activations-and-peak.test.ts).
    [
      'QLoRA, torchao NF4',
      { ...PEFT, method: 'qlora', lora: lora(['q_proj', 'v_proj'], 0.1), bitsandbytesMatmul: false },
      2496,
    ],
    // The bitsandbytes flag describes QLoRA's 4-bit base linears; a LoRA plan's 16-bit base ignores it: 2,496.
    [
      'LoRA with the bitsandbytes flag set',
      { ...PEFT, method: 'lora', lora: lora(['q_proj', 'v_proj'], 0.1), bitsandbytesMatmul: true },
      2496,
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(layer(TOY, overrides)).toBe(expected);
  });
});

describe('attention layouts', () => {
  test.each<[string, Architecture, Partial<ActivationContext>, number]>([
    // Phi-3, grouped heads passed as they are: v stays a view of qkv_proj's output, so its q and k parts
    // (8 + 4) × 2 = 24 stay too. seq 128; tp: flash 32 + 24 + 24, MLP 128. 8 × 336 = 2,688.
    ['Phi-3, grouped heads kept grouped', PHI3_GQA, {}, 2688],
    // Repeating the grouped heads copies v and frees the view; q and the repeated k, v (8 + 8 + 8) × 2 = 48.
    // 8 × (128 + 48 + 24 + 128) = 2,624.
    ['Phi-3, grouped heads repeated', PHI3_GQA, { repeatKeyValueHeads: true }, 2624],
    // With as many KV heads as query heads repeating copies nothing: the view stays, q and k parts (8 + 8) × 2 = 32.
    // 8 × (128 + 48 + 24 + 32 + 128) = 2,880.
    ['Phi-3, MHA, repeat requested', PHI3_MHA, { repeatKeyValueHeads: true }, 2880],
    // Qwen3's q/k norms work per head on the tensor-parallel side: (8 + 4) elements × (fp32 copy 4 + bf16 normalised
    // 2) = 72 on top of the toy Llama's 312. 8 × 384 = 3,072.
    ['Qwen3 q/k norms', QWEN3, {}, 3072],
    // Phi-2 (plain gelu MLP, 176 B a token: family-activations.test.ts) compiled: gelu is recomputed from fc1's
    // output, so fc2's input (16 × 2 = 32) is not kept. 8 × 144 = 1,152.
    ['Phi-2 compiled', PHI2, { compile: true }, 1152],
    // Qwen3 under TP 2 without sequence parallelism: the q/k norms (72) split with the heads, the layer norms and
    // inputs (128) do not: 8 × (128 + (184 + 72) / 2) = 2,048.
    ['Qwen3 q/k norms, TP 2', QWEN3, { tensor: 2 }, 2048],
    // Qwen3 under torchtune LoRA on q_proj: the frozen q/k norm weights keep no normalised copy, 12 × 4 = 48, on top
    // of the toy Llama's 8 × (64 + q's input 16 + 56 + 96 + rank output 4): 8 × 284 = 2,272.
    ['Qwen3 q/k norms, LoRA', QWEN3, { framework: 'torchtune', method: 'lora', lora: lora(['q_proj']) }, 2272],
    // GPT-NeoX's parallel block has two LayerNorms, so attention and MLP read different tensors: fused LayerNorms
    // 2 × (8 × 2 + 8) = 48 and both inputs 2 × 16; flash with 2 KV heads (8 + 16) × 2 = 48 and 24; the plain MLP
    // keeps fc1's output and gelu's output 2 × 16 × 2 = 64. 8 × (80 + 136) = 1,728.
    ['GPT-NeoX parallel block, two norms', GPT_NEOX, {}, 1728],
    // Op-level selective on Phi-3's four matmuls: kept qkv_proj 16 and gate_up_proj 32 outputs × 2 = 96, the attention
    // output 24, the layer input 16. 8 × 136 = 1,088.
    ['Phi-3 op-level selective', PHI3_GQA, { checkpointing: 'selective', framework: 'torchtitan' }, 1088],
    // torch AMP on a Qwen2-MoE layer (experts of 4, top 2, a shared expert of 12): fp32 hidden states, so the norms
    // keep 2 × 8 × (4 + 4) = 128 and every linear reading the norm output its own bf16 cast: q, k, v 3 × 16 = 48; the
    // router, the shared expert's gate_proj and up_proj and its shared_expert_gate 4 × 16 = 64; the router softmax
    // 4 × 4 = 16 and per routed copy its input and output 2 × (16 + 16) = 64. tp: attention 56; the shared expert
    // (gate, act, up, product 3 × 12 × 2 = 72 and down's input 24) 96; per routed copy 3 × 4 × 2 + 8 = 32, twice 64.
    // 8 × (320 + 216) = 4,288.
    ['Qwen2-MoE under torch AMP', QWEN2_MOE, { autocast: true, residualBytes: 4, framework: 'hf-trainer' }, 4288],
  ])('%s', (_name, architecture, overrides, expected) => {
    expect(layer(architecture, overrides)).toBe(expected);
  });

  test('a parallel block with one norm besides its q/k norms still shares that norm output', () => {
    // Phi with qk_layernorm: input_layernorm, q_norm, k_norm. Read as a sequential block the norm output would be kept
    // once for attention and once for the MLP: 16 B a token more, × 8 = 128 (as for Phi-2 without q/k norms).
    const parallel = layer(PHI_QK, {});
    expect(layer(PHI_QK, { parallelAttentionMlp: false }) - parallel).toBe(128);
  });

  test('latent attention keeps the latents its trained up-projections read (q_b_proj 4, kv_b_proj 6 wide)', () => {
    // torchtune LoRA, rank 2, no dropout, bf16 adapters: an adapter on a column projection makes the layer keep the
    // norm output (16) and, for an up-projection, its latent input (4 or 6 elements × 2); every adapter adds lora_A's
    // rank output 2 × 2 = 4. An adapter on o_proj adds only its rank output: against it, per token,
    //   q_b_proj:            16 + 4 × 2            = 24 → × 8 = 192
    //   kv_b_proj:           16 + 6 × 2            = 28 → × 8 = 224
    //   q_b_proj, kv_b_proj: 16 + 10 × 2 + 4       = 40 → × 8 = 320
    const lt = (targets: string[]): number =>
      layer(DEEPSEEK, { framework: 'torchtune', method: 'lora', lora: lora(targets) });
    const oProj = lt(['o_proj']);
    expect(lt(['q_b_proj']) - oProj).toBe(192);
    expect(lt(['kv_b_proj']) - oProj).toBe(224);
    expect(lt(['q_b_proj', 'kv_b_proj']) - oProj).toBe(320);
    // The replicated down-projection q_a_proj reads the norm output: 16 → × 8 = 128.
    expect(lt(['q_a_proj']) - oProj).toBe(128);
  });
});

describe('routed experts (TOY_MOE layer: h 16, 4 heads of 4, 2 KV heads, 4 experts of 32, top 2)', () => {
  // Per token, full training: seq: norms 2 × 16 × 6 = 192, q/k/v input 32, the router's (and experts') input 32,
  // router softmax 4 × 4 = 16, per routed copy its input 16 × 2 and output 16 × 2: 2 × 64 = 128 → 400;
  // tp: flash (16 + 2 × 8) × 2 = 64, output 16 × 2 + 4 × 4 = 48, per routed copy gate, act, up, product and down's
  // input 4 × 32 × 2 + 64 = 256, twice 512 → 624. 8 × 1,024 = 8,192.
  test.each<[string, Partial<ActivationContext>, number]>([
    ['full training', {}, 8192],
    // Experts computing in fp32 (grouped_mm in the weights' dtype): the routed copies 2 × (64 + 64) = 256 and the
    // expert MLP 2 × 512 = 1,024. seq 192 + 32 + 32 + 16 + 256 = 528, tp 112 + 1,024 = 1,136. 8 × 1,664 = 13,312.
    ['fp32 experts', { expertElementBytes: 4 }, 13312],
    // torchtune LoRA on q_proj: norms 2 × 16 × 4 = 128, q's input 32, the dispatched hidden states 32 (kept for the
    // routing even when no router or expert trains), router 16, per copy only the output 32: 2 × 32; tp: attention
    // 112, frozen experts 2 × 3 × 32 × 2 = 384, q's adapter 2 × 2 = 4. 8 × (272 + 500) = 6,176.
    ['LoRA on q_proj', { framework: 'torchtune', method: 'lora', lora: lora(['q_proj']) }, 6176],
    // LoRA on q_proj and every expert's w1: each routed copy keeps its input again (32) and w1's adapter output 4.
    // seq 128 + 32 + 32 + 16 + 2 × 64 = 336; tp 112 + 2 × (192 + 4) + 4 = 508. 8 × 844 = 6,752.
    ['LoRA on q_proj and w1', { framework: 'torchtune', method: 'lora', lora: lora(['q_proj', 'w1']) }, 6752],
  ])('%s', (_name, overrides, expected) => {
    expect(layer(TOY_MOE, overrides)).toBe(expected);
  });

  test('op-level selective keeps every other matmul output, routed experts included, the router not', () => {
    // Matmuls in order q 16, k 8, v 8, o 16, w1 32, w3 32, w2 16: kept q, v, w1, w2 = 72 elements × 2 = 144, the
    // attention output 48, the layer input 16 × 2 = 32. 8 × 224 = 1,792.
    expect(layer(TOY_MOE, { checkpointing: 'selective', framework: 'torchtitan' })).toBe(1792);
  });
});

describe('working tensors and checkpoints under tensor parallelism', () => {
  test("eager attention's scores split over TP ranks (heads are column-split)", () => {
    // 8 tokens × 2 heads × 4 positions / 2 ranks = 32 scores × 10 B in forward and backward (bf16:
    // activations-and-peak.test.ts).
    const eager = { ...BASE, kernel: 'eager' as const, tensor: 2 };
    expect(layerForwardWorkingBytes(eager)).toBe(320);
    expect(layerBackwardWorkingBytes(eager)).toBe(320);
  });

  test('the checkpointed layer input splits only under sequence parallelism', () => {
    // 8 tokens × h 8 × 4 B (fp32 hidden states) = 256; SP over 2 ranks halves it.
    const fp32Residual = { ...BASE, residualBytes: 4, tensor: 2 };
    expect(checkpointedLayerBytes(fp32Residual)).toBe(256);
    expect(checkpointedLayerBytes({ ...fp32Residual, sequenceParallel: true })).toBe(128);
  });
});
