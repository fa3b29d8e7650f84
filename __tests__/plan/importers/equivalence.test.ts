/**
 * For each format, a plan that reads the team's config (`from:`) and the same plan written by hand give the same
 * estimate: the importers set exactly the fields a person reading the config would write. The hand-written plans
 * spell out what each fixture says (testdata/, after the projects' published examples).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { builtInCatalog } from '../../../src/catalog/index.js';
import { estimatePlan } from '../../../src/core/estimate.js';
import { loadPlans } from '../../../src/plan/load-plans.js';
import { memoryReader } from '../memory-reader.js';

const TESTDATA = path.join(import.meta.dirname, 'testdata');

/** Every fixture under configs/, as the memory reader's files. */
function fixtures(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (directory: string, prefix: string): void => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else files[`configs/${prefix}${name}`] = readFileSync(full, 'utf8');
    }
  };
  walk(TESTDATA, '');
  return files;
}

async function estimates(plan: string) {
  const result = await loadPlans(
    memoryReader({ ...fixtures(), 'train-plan.yml': plan }),
    ['train-plan.yml'],
    builtInCatalog,
  );
  expect(result.issues).toEqual([]);
  return result.plans.map((loaded) => {
    const { memory, compute, parameters } = estimatePlan(loaded.plan);
    return { name: loaded.plan.name, memory, compute, parameters };
  });
}

const CASES: readonly (readonly [format: string, imported: string, byHand: string])[] = [
  [
    'axolotl (QLoRA on FSDP with offload)',
    `from: { axolotl: configs/axolotl-qlora-fsdp.yml }
    hardware: { gpu: h100-sxm-80gb, gpus: 2 }`,
    `model: meta-llama/Llama-3.1-8B
    framework: hf-trainer
    training:
      method: qlora
      lora: { rank: 8, alpha: 16, dropout: 0.05, target_modules: all-linear }
      precision: bf16-mixed
      attention: flash
      sequence_length: 512
      micro_batch_size: 1
      gradient_accumulation_steps: 4
      activation_checkpointing: full
      optimizer: adamw
    parallelism: { sharding: fsdp, zero: 3, offload: { parameters: cpu, optimizer: cpu } }
    hardware: { gpu: h100-sxm-80gb, gpus: 2 }`,
  ],
  [
    'axolotl naming a DeepSpeed file',
    `from: { axolotl: configs/axolotl-lora-deepspeed.yml }
    hardware: { gpu: a100-sxm-80gb, gpus: 4 }`,
    `model: meta-llama/Llama-3.1-8B
    framework: hf-trainer
    training:
      method: lora
      lora: { rank: 32, alpha: 16, dropout: 0.05, target_modules: [q_proj, k_proj, v_proj, o_proj] }
      precision: bf16-mixed
      attention: flash
      sequence_length: 4096
      micro_batch_size: 2
      gradient_accumulation_steps: 4
      activation_checkpointing: full
      optimizer: adamw-8bit
    parallelism: { sharding: deepspeed, zero: 2, offload: { optimizer: cpu } }
    hardware: { gpu: a100-sxm-80gb, gpus: 4 }`,
  ],
  [
    'LLaMA-Factory with its accelerate FSDP config (HF-Trainer QLoRA on FSDP)',
    `from: { llama_factory: configs/llama-factory-fsdp-qlora.yaml, accelerate: configs/accelerate-fsdp.yaml }
    hardware: { gpu: rtx-4090-24gb }`,
    `model: meta-llama/Meta-Llama-3-8B
    framework: hf-trainer
    training:
      method: qlora
      lora: { rank: 8, alpha: 16, dropout: 0, target_modules: all-linear }
      precision: bf16-mixed
      attention: sdpa
      sequence_length: 2048
      micro_batch_size: 1
      gradient_accumulation_steps: 8
      activation_checkpointing: full
    parallelism: { sharding: fsdp, zero: 3 }
    hardware: { gpu: rtx-4090-24gb, gpus: 2 }`,
  ],
  [
    'accelerate naming a DeepSpeed file',
    `model: meta-llama/Llama-3.1-8B
    from: { accelerate: configs/accelerate-deepspeed.yaml }
    hardware: { gpu: h100-sxm-80gb }`,
    `model: meta-llama/Llama-3.1-8B
    framework: hf-trainer
    training: { precision: bf16-mixed, micro_batch_size: 4, gradient_accumulation_steps: 2, optimizer: adamw }
    parallelism: { sharding: deepspeed, zero: 3 }
    hardware: { gpu: h100-sxm-80gb, gpus: 16, gpus_per_node: 8 }`,
  ],
  [
    'a DeepSpeed config alone',
    `model: meta-llama/Llama-3.1-8B
    from: { deepspeed: configs/deepspeed/zero3-bf16.json }
    hardware: { gpu: h100-sxm-80gb, gpus: 8 }`,
    `model: meta-llama/Llama-3.1-8B
    framework: deepspeed
    training: { precision: bf16-mixed, micro_batch_size: 4, gradient_accumulation_steps: 2, optimizer: adamw }
    parallelism: { zero: 3 }
    checkpoint: { save: full-rank-zero }
    hardware: { gpu: h100-sxm-80gb, gpus: 8 }`,
  ],
  [
    'torchtune',
    `from: { torchtune: configs/torchtune-qlora.yaml }
    hardware: { gpu: rtx-4090-24gb }`,
    `model: meta-llama/Llama-3.1-8B
    framework: torchtune
    training:
      method: qlora
      lora: { rank: 8, alpha: 16, dropout: 0, target_modules: [q_proj, v_proj, o_proj, gate_proj, up_proj, down_proj] }
      precision: bf16
      optimizer: adamw
      micro_batch_size: 2
      sequence_length: 2048
      gradient_accumulation_steps: 8
      activation_checkpointing: full
      attention: sdpa
      cross_entropy: chunked
    parallelism: { zero: 3 }
    hardware: { gpu: rtx-4090-24gb }`,
  ],
  [
    'torchtitan',
    `from: { torchtitan: configs/torchtitan-llama3-8b.toml }
    hardware: { gpu: h100-sxm-80gb }`,
    `model: meta-llama/Llama-3.1-8B
    framework: torchtitan
    training:
      precision: bf16-mixed
      optimizer: adamw
      micro_batch_size: 1
      sequence_length: 8192
      activation_checkpointing: selective
      attention: sdpa
      steps: 1000
    parallelism: { zero: 3 }
    hardware: { gpu: h100-sxm-80gb, gpus: 8 }`,
  ],
];

describe('an imported config and the same plan written by hand give the same estimate', () => {
  it.each(CASES)('%s', async (_format, imported, byHand) => {
    const [fromConfig, written] = await estimates(
      `version: 1\nplans:\n  - name: imported\n    ${imported}\n  - name: by-hand\n    ${byHand}\n`,
    );
    expect({ ...fromConfig!, name: '' }).toEqual({ ...written!, name: '' });
  });

  it('HF-Trainer QLoRA on FSDP is not estimated as framework fsdp (the mistake the importers prevent)', async () => {
    const [imported, asFsdp] = await estimates(`version: 1
plans:
  - name: imported
    ${CASES[2]![1]}
  - name: as-fsdp
    ${CASES[2]![2].replace('framework: hf-trainer', 'framework: fsdp').replace('sharding: fsdp, ', '')}
`);
    // framework fsdp means FSDP2 with torchtitan's conventions: no PEFT fp32 upcast, no flat gradient.
    expect(asFsdp!.memory.perGpu.peak).toBeLessThan(imported!.memory.perGpu.peak);
  });
});
