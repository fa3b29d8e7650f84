/** LoRA adapter parameters (Hu et al. 2021): r × (in + out) per adapted linear. */
import { LM_HEAD_MODULE } from './architecture/parameters.js';
import type { Architecture } from './architecture/types.js';
import type { LoraSettings } from './plan.js';

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
