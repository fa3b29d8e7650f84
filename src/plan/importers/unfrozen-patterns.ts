/**
 * Axolotl's `unfrozen_parameters` (axolotl/utils/freeze.py freeze_layers_except): every parameter whose name a pattern
 * matches trains, the rest is frozen. A pattern is a Python regex matched at the start of the name (re.match) with
 * every `.` taken literally; an optional `[start:end]` suffix unfreezes rows of a tensor, which still gives the whole
 * tensor a gradient and optimizer states (a hook zeroes the frozen rows' gradients). Patterns are tried here on the
 * parameter names of a Llama-style transformers model (model.layers.N.…, model.embed_tokens, model.norm, lm_head) and
 * mapped to whole decoder layers and modules; a pattern that selects part of a layer is read as the whole layer (an
 * upper bound), and one that selects nothing known is reported, never dropped.
 */
import type { FreezeModule } from '../../core/plan.js';

/** Layer indices tried: more than any published decoder has (Llama 3.1 405B: 126). */
export const PATTERN_LAYER_LIMIT = 256;

/** Per-layer parameter names of Llama-style models, dense MLP and the two common mixture-of-experts layouts. */
const COMMON_SUFFIXES = [
  'self_attn.q_proj.weight',
  'self_attn.k_proj.weight',
  'self_attn.v_proj.weight',
  'self_attn.o_proj.weight',
  'input_layernorm.weight',
  'post_attention_layernorm.weight',
];
const MLP_LAYOUTS = [
  ['mlp.gate_proj.weight', 'mlp.up_proj.weight', 'mlp.down_proj.weight'],
  // Mixtral: block_sparse_moe.gate and experts.N.w1/w2/w3.
  ['block_sparse_moe.gate.weight', 'block_sparse_moe.experts.0.w1.weight', 'block_sparse_moe.experts.0.w2.weight'],
  // Qwen-MoE, DeepSeek: mlp.gate and mlp.experts.N.*_proj.
  ['mlp.gate.weight', 'mlp.experts.0.gate_proj.weight', 'mlp.experts.0.down_proj.weight'],
];
const MODULE_PARAMETERS: readonly (readonly [FreezeModule, string])[] = [
  ['embed_tokens', 'model.embed_tokens.weight'],
  ['norm', 'model.norm.weight'],
  ['lm_head', 'lm_head.weight'],
];

/** What one pattern selects. */
export interface PatternReading {
  readonly pattern: string;
  /** Decoder layers the pattern selects whole. */
  readonly layers: readonly number[];
  /** Layers the pattern selects part of, and the parameter names (without the layer prefix) it selects there. */
  readonly partialLayers: readonly number[];
  readonly partialParts: readonly string[];
  readonly modules: readonly FreezeModule[];
  /** The `[start:end]` rows suffix, as written. */
  readonly rows: string | null;
  /** Why the pattern could not be read (a regex JavaScript cannot compile); null otherwise. */
  readonly invalid: string | null;
}

/** Axolotl LayerNamePattern._parse_pattern: a trailing `[i]`, `[a:b]`, `[:b]` or `[a:]` is a row range. */
function splitRows(pattern: string): { readonly name: string; readonly rows: string | null } {
  const match = /^(.+)(\[[0-9]*(?::[0-9]*)?\])$/.exec(pattern);
  return match === null ? { name: pattern, rows: null } : { name: match[1]!, rows: match[2]! };
}

export function readUnfrozenPattern(pattern: string): PatternReading {
  const { name, rows } = splitRows(pattern);
  const empty = { pattern, layers: [], partialLayers: [], partialParts: [], modules: [], rows };
  let regex: RegExp;
  try {
    // `.` is literal (freeze.py: name_pattern.replace(".", "\\.")); the sticky flag matches at the start only, as
    // Python's re.match does.
    regex = new RegExp(name.replaceAll('.', '\\.'), 'y');
  } catch (error) {
    return { ...empty, invalid: (error as Error).message };
  }
  const matches = (parameter: string): boolean => {
    regex.lastIndex = 0;
    return regex.test(parameter);
  };
  const layers: number[] = [];
  const partialLayers: number[] = [];
  const partialParts = new Set<string>();
  for (let index = 0; index < PATTERN_LAYER_LIMIT; index++) {
    const prefix = `model.layers.${index}.`;
    const common = COMMON_SUFFIXES.filter((suffix) => matches(prefix + suffix));
    const layouts = MLP_LAYOUTS.map((layout) => layout.filter((suffix) => matches(prefix + suffix)));
    const whole =
      common.length === COMMON_SUFFIXES.length && layouts.some((hit, i) => hit.length === MLP_LAYOUTS[i]!.length);
    if (whole) layers.push(index);
    else if (common.length > 0 || layouts.some((hit) => hit.length > 0)) {
      partialLayers.push(index);
      // Named by module: `mlp.down_proj`, and the experts as a whole (`block_sparse_moe.experts`).
      for (const suffix of [...common, ...layouts.flat()]) {
        partialParts.add(suffix.replace(/\.weight$/, '').replace(/\.experts\.0\..*$/, '.experts'));
      }
    }
  }
  const modules = MODULE_PARAMETERS.filter(([, parameter]) => matches(parameter)).map(([module]) => module);
  return { pattern, layers, partialLayers, partialParts: [...partialParts], modules, rows, invalid: null };
}

/** `[20, 21, 22, 25]` → "20–22, 25". */
export function layerRanges(indices: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < indices.length;) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    ranges.push(i === j ? `${indices[i]}` : `${indices[i]}–${indices[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}
