/** LoRA adapter parameters (Hu et al. 2021): r × (in + out) per adapted linear. */
import { linearModuleNames, LM_HEAD_MODULE } from './architecture/parameters.js';
import type { Architecture } from './architecture/types.js';
import type { BaseWeightDtype, LoraSettings, Precision, TrainingMethod } from './plan.js';

/** What a plan's `training.lora` block defaults to (PEFT LoraConfig's common recipe: r 16, alpha 32, all linears). */
export const LORA_DEFAULTS = { rank: 16, alpha: 32, dropout: 0, targetModules: 'all-linear' } as const;

/** LoRA recipes load the frozen base in the dtype they train in: fp32 for fp32, else its 16-bit type. */
export function defaultBaseDtype(precision: Precision): BaseWeightDtype {
  if (precision === 'fp32') return 'fp32';
  return precision === 'fp16-mixed' ? 'fp16' : 'bf16';
}

/** The LoRA settings a plan gets when it names the method and nothing else (what the loader fills in). */
export function defaultLoraSettings(
  architecture: Architecture,
  method: Exclude<TrainingMethod, 'full'>,
  precision: Precision,
): LoraSettings {
  return {
    rank: LORA_DEFAULTS.rank,
    alpha: LORA_DEFAULTS.alpha,
    dropout: LORA_DEFAULTS.dropout,
    targetModules: linearModuleNames(architecture),
    baseDtype: method === 'qlora' ? 'nf4' : defaultBaseDtype(precision),
  };
}

/** @example all-linear rank 16 on Llama-3.1-8B: 41,943,040 adapter parameters. */
export function loraParameters(architecture: Architecture, lora: LoraSettings): number {
  const targets = new Set(lora.targetModules);
  let total = 0;
  for (const group of architecture.layerGroups) {
    for (const linear of group.linears) {
      if (targets.has(linear.name)) total += group.count * lora.rank * (linear.inFeatures + linear.outFeatures);
    }
    for (const linear of group.experts?.linears ?? []) {
      if (targets.has(linear.name))
        total += group.count * group.experts!.numExperts * lora.rank * (linear.inFeatures + linear.outFeatures);
    }
  }
  if (targets.has(LM_HEAD_MODULE)) total += lora.rank * (architecture.hiddenSize + architecture.vocabSize);
  return total;
}
