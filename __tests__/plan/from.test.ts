/**
 * `from:` in a plan: configs combined and followed, globs giving one plan per file, the plan's own values winning,
 * every imported value among the assumptions, warnings at the config's file:line, and paths kept inside the
 * workspace.
 */
import { describe, expect, it } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import type { LoadOptions } from '../../src/plan/load-plans.js';
import { memoryReader } from './memory-reader.js';

const AXOLOTL = `base_model: meta-llama/Llama-3.2-1B
adapter: lora
lora_r: 16
sequence_len: 1024
micro_batch_size: 2
deepspeed: ds.json
`;
const DEEPSPEED = `{
  "zero_optimization": { "stage": 2 },
  "train_micro_batch_size_per_gpu": "auto",
  "train_batch_size": 64
}
`;

async function load(files: Record<string, string>, entry = 'train-plan.yml', options: LoadOptions = {}) {
  return loadPlans(memoryReader(files), [entry], builtInCatalog, options);
}

const plan = (body: string): string => `version: 1\nplans:\n${body}`;

describe('from:', () => {
  it('reads a config and the DeepSpeed file it names, relative to it; the plan is named after the config', async () => {
    const result = await load({
      'train-plan.yml': plan('  - from: { axolotl: configs/a.yml }\n    hardware: { gpu: h100, gpus: 4 }\n'),
      'configs/a.yml': AXOLOTL,
      'configs/ds.json': DEEPSPEED,
    });
    expect(result.issues).toEqual([]);
    const { plan: resolved, warnings } = result.plans[0]!;
    expect(resolved.name).toBe('a');
    expect(resolved.framework).toBe('hf-trainer');
    expect(resolved.parallelism).toMatchObject({ zero: 2, sharding: 'deepspeed' });
    expect(resolved.training).toMatchObject({ method: 'lora', sequenceLength: 1024, microBatchSize: 2 });
    expect(resolved.assumptions).toEqual(
      expect.arrayContaining([
        'from configs/a.yml: read as an Axolotl config',
        'from configs/a.yml: micro_batch_size = 2 → training.micro_batch_size: 2',
        'from configs/a.yml: lora_r = 16 → training.lora.rank: 16',
        'from configs/ds.json: read as a DeepSpeed config',
        'from configs/ds.json: zero_optimization.stage = 2 → parallelism.zero: 2',
        'from configs/ds.json: train_micro_batch_size_per_gpu = auto (filled in by the trainer from its own settings)',
      ]),
    );
    // train_batch_size 64 ≠ micro 2 × accumulation 1 (Axolotl's default) × 4 data-parallel GPUs = 8.
    expect(warnings).toEqual([
      {
        file: 'configs/ds.json',
        line: 4,
        column: 3,
        message:
          "global batch 64 is not micro batch 2 × accumulation 1 × 4 data-parallel GPUs = 8; the estimate uses the plan's batch shape",
      },
    ]);
  });

  it("lets the plan's own values win and says so", async () => {
    const result = await load({
      'train-plan.yml': plan(
        '  - name: mine\n    from: { axolotl: a.yml }\n    training: { micro_batch_size: 8 }\n    hardware: { gpu: h100, gpus: 4 }\n',
      ),
      'a.yml': AXOLOTL,
      'ds.json': DEEPSPEED.replace('"train_batch_size": 64', '"train_batch_size": 32'),
    });
    expect(result.issues).toEqual([]);
    const { plan: resolved, warnings } = result.plans[0]!;
    expect(resolved.name).toBe('mine');
    expect(resolved.training.microBatchSize).toBe(8);
    expect(resolved.assumptions).toContain(
      'from a.yml: micro_batch_size = 2 → training.micro_batch_size: 2 — the plan writes its own',
    );
    // 8 × 1 × 4 = 32: consistent.
    expect(warnings).toEqual([]);
  });

  it('defaults may name the configs every plan shares', async () => {
    const result = await load({
      'train-plan.yml':
        'version: 1\ndefaults:\n  from: { deepspeed: ds.json }\n  hardware: { gpu: h100, gpus: 8 }\nplans:\n  - name: p\n    model: meta-llama/Llama-3.2-1B\n',
      'ds.json': '{ "zero_optimization": { "stage": 3 } }',
    });
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.parallelism).toMatchObject({ zero: 3, sharding: 'deepspeed' });
  });

  it('a glob gives one plan per matched file, named after it (and after the plan, when named)', async () => {
    const files = {
      'plans/runs/a.yml': AXOLOTL.replace('deepspeed: ds.json\n', ''),
      'plans/runs/b.yml': AXOLOTL.replace('deepspeed: ds.json\n', '').replace('lora_r: 16', 'lora_r: 64'),
      'plans/runs/.hidden.yml': 'x: 1',
      'plans/runs/notes.txt': 'x',
    };
    const unnamed = await load(
      {
        ...files,
        'plans/train-plan.yml': plan('  - from: { axolotl: "runs/*.yml" }\n    hardware: { gpu: h100 }\n'),
      },
      'plans/train-plan.yml',
    );
    expect(unnamed.issues).toEqual([]);
    expect(unnamed.plans.map((loaded) => [loaded.plan.name, loaded.plan.training.lora?.rank])).toEqual([
      ['runs/a', 16],
      ['runs/b', 64],
    ]);
    const named = await load(
      {
        ...files,
        'plans/train-plan.yml': plan(
          '  - name: sweep\n    from: { axolotl: "runs/*.yml" }\n    hardware: { gpu: h100 }\n',
        ),
      },
      'plans/train-plan.yml',
    );
    expect(named.plans.map((loaded) => loaded.plan.name)).toEqual(['sweep/runs/a', 'sweep/runs/b']);
  });

  it('warns at the config line of a setting it cannot model, and where two configs disagree', async () => {
    const result = await load({
      'train-plan.yml': plan('  - from: { axolotl: a.yml }\n    hardware: { gpu: h100 }\n'),
      'a.yml': `${AXOLOTL}tiled_mlp: true\n`,
      'ds.json': '{ "zero_optimization": { "stage": 2 }, "train_micro_batch_size_per_gpu": 4 }',
    });
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.warnings.map((w) => `${w.file}:${w.line}:${w.column} ${w.message}`)).toEqual([
      'a.yml:7:1 tiled_mlp (computes the MLP in tiles over the sequence) is not modelled',
      'ds.json:1:40 train_micro_batch_size_per_gpu = 4 gives training.micro_batch_size: 4, but a.yml gives 2; the estimate uses 2',
    ]);
  });

  it.each([
    // [what, files, expected issue]
    [
      'a path that leaves the workspace',
      { 'train-plan.yml': plan('  - from: { axolotl: ../a.yml }\n    hardware: { gpu: h100 }\n') },
      'train-plan.yml:3:22 path_outside_workspace "../a.yml" leads outside the workspace',
    ],
    [
      'an absolute path',
      { 'train-plan.yml': plan('  - from: { axolotl: /etc/a.yml }\n    hardware: { gpu: h100 }\n') },
      'train-plan.yml:3:22 path_outside_workspace "/etc/a.yml" is absolute',
    ],
    [
      'a DeepSpeed path inside a config that leaves the workspace',
      {
        'train-plan.yml': plan('  - from: { axolotl: a.yml }\n    hardware: { gpu: h100 }\n'),
        'a.yml': AXOLOTL.replace('deepspeed: ds.json', 'deepspeed: ../../ds.json'),
      },
      'a.yml:6:12 path_outside_workspace "../../ds.json" leads outside the workspace',
    ],
    [
      'a missing config',
      { 'train-plan.yml': plan('  - from: { axolotl: a.yml }\n    hardware: { gpu: h100 }\n') },
      'train-plan.yml:3:22 file_not_found no such file: a.yml (relative to the file that names it)',
    ],
    [
      'a glob that matches nothing',
      { 'train-plan.yml': plan('  - from: { axolotl: "runs/*.yml" }\n    hardware: { gpu: h100 }\n') },
      'train-plan.yml:3:22 file_not_found "runs/*.yml" matches no file (relative to the plan file)',
    ],
    [
      'an unknown format',
      { 'train-plan.yml': plan('  - from: { axolotol: a.yml }\n    hardware: { gpu: h100 }\n') },
      'train-plan.yml:3:13 unknown_key unknown key "axolotol"',
    ],
    [
      'an imported value out of range, at its line in the config',
      {
        'train-plan.yml': plan('  - from: { axolotl: a.yml }\n    hardware: { gpu: h100 }\n'),
        'a.yml': AXOLOTL.replace('sequence_len: 1024', 'sequence_len: 0').replace('deepspeed: ds.json\n', ''),
      },
      'a.yml:4:15 out_of_range 0 is out of range',
    ],
    [
      'a plan without a name or from',
      { 'train-plan.yml': plan('  - model: meta-llama/Llama-3.2-1B\n    hardware: { gpu: h100 }\n') },
      'train-plan.yml:3:5 missing_key plan 1 has no name',
    ],
  ] as const)('refuses %s', async (_what, files, expected) => {
    const result = await load(files);
    expect(result.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.code} ${i.message}`)).toEqual([expected]);
  });
});

describe('a config in place of a plan file', () => {
  const files = { 'a.yml': AXOLOTL.replace('deepspeed: ds.json\n', '') };

  it('is estimated on the command line hardware, saying what it was recognised as', async () => {
    const result = await load(files, 'a.yml', { hardware: { gpu: 'rtx-4090-24gb', gpus: 2 } });
    expect(result.issues).toEqual([]);
    const loaded = result.plans[0]!;
    expect([loaded.file, loaded.line, loaded.plan.name, loaded.plan.hardware.gpus]).toEqual(['a.yml', 1, 'a', 2]);
    expect(loaded.plan.assumptions[0]).toBe(
      'from a.yml: recognised as an Axolotl config by its keys base_model, micro_batch_size, sequence_len, adapter, lora_r',
    );
  });

  it('without hardware, says how to estimate it', async () => {
    const result = await load(files, 'a.yml');
    expect(result.issues.map((i) => [i.code, i.message, i.expected])).toEqual([
      [
        'unrecognised_config',
        'An Axolotl config, not a plan file',
        'a plan that reads it (from: { axolotl: a.yml }), or `train-memory estimate a.yml --gpu ID [--gpus N]`',
      ],
    ]);
  });

  it('a file that is neither keeps the plan-file error', async () => {
    const result = await load({ 'x.yml': 'something: else\n' }, 'x.yml', { hardware: { gpu: 'h100', gpus: null } });
    expect(result.issues.map((i) => i.message)).toEqual([
      'unknown key "something"',
      'the file has no `version`',
      'the file has no `plans`',
    ]);
  });
});
