/** Plans the search tests share: loaded through the real loader from plan text, as a user would write them. */
import { builtInCatalog } from '../../../src/catalog/index.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { loadPlans } from '../../../src/plan/load-plans.js';
import { memoryReader } from '../../plan/memory-reader.js';

/** A small Llama-style model: 4 layers, 256 wide, so a brute force over every configuration stays fast. */
export const TINY_MODEL =
  '{ model_type: llama, hidden_size: 256, intermediate_size: 1024, num_attention_heads: 8, num_key_value_heads: 4, num_hidden_layers: 4, vocab_size: 32000 }';

/** A GPU small enough that the tiny model's layouts matter: 60 MiB usable would not hold the CUDA context alone, so
 * the size is chosen above the 773 MiB context plus NCCL buffers. */
export const TINY_GPU = '{ name: Tiny GPU, memory: 1300MiB, bf16_tflops: 100, memory_bandwidth: 1TB/s }';

export async function loadPlan(text: string): Promise<ResolvedPlan> {
  const { plans, issues } = await loadPlans(
    memoryReader({ 'train-plan.yml': text }),
    ['train-plan.yml'],
    builtInCatalog,
  );
  if (issues.length > 0)
    throw new Error(issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n'));
  return plans[0]!.plan;
}

export function planText(fields: string): string {
  return `version: 1\nplans:\n  - name: p\n${fields
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n`;
}
