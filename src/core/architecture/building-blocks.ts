/** Constructors for the pieces every family adapter assembles. */
import type { LinearPart, LinearSpec, MlpActivation, NormKind, NormSpec, TensorParallelSplit } from './types.js';

export function linear(
  name: string,
  inFeatures: number,
  outFeatures: number,
  bias: boolean,
  part: LinearPart,
  split: TensorParallelSplit,
): LinearSpec {
  return { name, inFeatures, outFeatures, bias, part, split };
}

export interface NormOptions {
  readonly bias?: boolean;
  readonly elementsPerToken?: number;
  readonly scalesInFp32?: boolean;
  readonly fp32Input?: boolean;
}

/** A norm of `size` weights; a LayerNorm has a bias unless told otherwise. */
export function norm(name: string, kind: NormKind, size: number, options: NormOptions = {}): NormSpec {
  return {
    name,
    kind,
    size,
    bias: options.bias ?? kind === 'layernorm',
    elementsPerToken: options.elementsPerToken ?? size,
    scalesInFp32: options.scalesInFp32 ?? false,
    ...(options.fp32Input === true && { fp32Input: true }),
  };
}

export interface AttentionShape {
  readonly hiddenSize: number;
  readonly numHeads: number;
  readonly numKeyValueHeads: number;
  readonly headDim: number;
}

/** Separate q/k/v/o projections (Llama family). Tensor parallelism splits heads: q/k/v by column, o by row. */
export function separateAttentionLinears(
  shape: AttentionShape,
  bias: { readonly qkv: boolean; readonly output: boolean },
): LinearSpec[] {
  const { hiddenSize: h, numHeads, numKeyValueHeads, headDim } = shape;
  return [
    linear('q_proj', h, numHeads * headDim, bias.qkv, 'attention', 'column'),
    linear('k_proj', h, numKeyValueHeads * headDim, bias.qkv, 'attention', 'column'),
    linear('v_proj', h, numKeyValueHeads * headDim, bias.qkv, 'attention', 'column'),
    linear('o_proj', numHeads * headDim, h, bias.output, 'attention', 'row'),
  ];
}

/** One fused q/k/v projection (GPT-2 `c_attn`, GPT-NeoX/Falcon/BLOOM `query_key_value`, Phi-3 `qkv_proj`). */
export function fusedAttentionLinears(
  shape: AttentionShape,
  names: { readonly qkv: string; readonly output: string },
  bias: { readonly qkv: boolean; readonly output: boolean },
): LinearSpec[] {
  const { hiddenSize: h, numHeads, numKeyValueHeads, headDim } = shape;
  return [
    linear(names.qkv, h, (numHeads + 2 * numKeyValueHeads) * headDim, bias.qkv, 'attention', 'column'),
    linear(names.output, numHeads * headDim, h, bias.output, 'attention', 'row'),
  ];
}

/** Gated MLP (SwiGLU, Shazeer 2020): gate and up projections to `intermediate`, down projection back. */
export function gatedMlpLinears(
  hiddenSize: number,
  intermediate: number,
  bias: boolean,
  part: LinearPart = 'mlp',
  names: readonly [gate: string, up: string, down: string] = ['gate_proj', 'up_proj', 'down_proj'],
): LinearSpec[] {
  return [
    linear(names[0], hiddenSize, intermediate, bias, part, 'column'),
    linear(names[1], hiddenSize, intermediate, bias, part, 'column'),
    linear(names[2], intermediate, hiddenSize, bias, part, 'row'),
  ];
}

/** Plain two-layer MLP (GPT-2, GPT-NeoX, Falcon, BLOOM). */
export function plainMlpLinears(
  hiddenSize: number,
  intermediate: number,
  bias: boolean,
  names: readonly [up: string, down: string],
): LinearSpec[] {
  return [
    linear(names[0], hiddenSize, intermediate, bias, 'mlp', 'column'),
    linear(names[1], intermediate, hiddenSize, bias, 'mlp', 'row'),
  ];
}

/** Maps a config's `hidden_act` onto the activation kinds the memory and FLOP models distinguish. */
export function activationOf(hiddenAct: string): MlpActivation {
  if (hiddenAct === 'relu') return 'relu';
  if (hiddenAct === 'gelu_new' || hiddenAct === 'gelu_pytorch_tanh' || hiddenAct === 'gelu_fast') return 'gelu-tanh';
  if (hiddenAct.startsWith('gelu')) return 'gelu';
  return 'silu';
}

/** Linears of a sub-module, named as the parent module calls them (`shared_expert.gate_proj`). */
export function prefixed(prefix: string, linears: readonly LinearSpec[]): LinearSpec[] {
  return linears.map((l) => ({ ...l, name: `${prefix}.${l.name}` }));
}
