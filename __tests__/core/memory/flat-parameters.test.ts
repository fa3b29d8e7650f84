/**
 * FSDP1's flat parameters (src/core/memory/flat-parameters.ts): which plans put frozen and trainable parameters in one
 * FlatParameter (torch/distributed/fsdp/_flat_param.py, use_orig_params=True), and which members then share its
 * gradient. Whole-plan bytes: __tests__/core/freeze/freeze-memory.test.ts ("FSDP1: the root flat parameter …").
 */
import { describe, expect, test } from '@jest/globals';
import { flattenUnit, mixesFlatParameters } from '../../../src/core/memory/flat-parameters.js';
import type { ParameterTensor } from '../../../src/core/memory/stage-tensors.js';
import type { Framework, ShardingEngine, TrainingMethod, ZeroStage } from '../../../src/core/plan.js';

describe('mixesFlatParameters: FSDP1 sharding gradients (zero ≥ 2) with frozen and trainable members in one unit', () => {
  test.each([
    // Freeze: the root unit holds the embedding, the final norm and the head, whatever trains among them.
    ['fsdp', 3, 'freeze', 'fsdp', true],
    ['fsdp', 2, 'freeze', 'fsdp', true], // SHARD_GRAD_OP: gradients sharded, the flat gradient all the same
    ['fsdp', 1, 'freeze', 'fsdp', false], // below stage 2 no sharded gradient is modelled per unit
    ['fsdp', 0, 'freeze', 'fsdp', false],
    ['hf-trainer', 3, 'freeze', 'fsdp', true], // freeze plans have no adapter leaves to wrap apart
    ['fsdp', 3, 'freeze', 'fsdp2', false], // FSDP2 keeps gradients per parameter
    ['deepspeed', 3, 'freeze', 'deepspeed', false], // DeepSpeed likewise
    // LoRA: the adapters share their layer's unit, except under the HF Trainer (PEFT's fsdp_auto_wrap_policy).
    ['fsdp', 3, 'lora', 'fsdp', true],
    ['generic', 2, 'lora', 'fsdp', true],
    ['hf-trainer', 3, 'lora', 'fsdp', false],
    ['fsdp', 3, 'lora', 'fsdp2', false],
    // Full fine-tuning trains every member; QLoRA's base is NF4 in units of its own dtype (not modelled as mixing).
    ['fsdp', 3, 'full', 'fsdp', false],
    ['fsdp', 3, 'qlora', 'fsdp', false],
  ] as const)('%s, zero %d, %s, sharding %s → %s', (framework, zero, method, sharding, expected) => {
    const parallelism = { sharding: sharding as ShardingEngine, zero: zero as ZeroStage };
    expect(mixesFlatParameters(framework as Framework, method as TrainingMethod, parallelism)).toBe(expected);
  });
});

describe('flattenUnit: frozen members of a unit with trainable ones share its flat gradient', () => {
  const tensor = (elements: number, trainable: boolean): ParameterTensor => ({
    elements,
    rows: elements,
    columns: 1,
    count: 1,
    group: 'dense',
    trainable,
    quantized: false,
    linearWeight: true,
  });
  const trained = tensor(64, true);
  const frozen = tensor(256, false);
  const frozenNorm = tensor(16, false);

  test('a mixed unit: every frozen member marked, the trainable ones as they were', () => {
    expect(flattenUnit([frozen, trained, frozenNorm], true)).toEqual([
      { ...frozen, flatGradient: true },
      trained,
      { ...frozenNorm, flatGradient: true },
    ]);
  });

  test.each([
    ['the plan does not mix units', [frozen, trained], false],
    ['nothing in the unit trains: no flat gradient at all', [frozen, frozenNorm], true],
    ['everything trains: every member has its gradient already', [trained, tensor(32, true)], true],
    ['an empty unit', [], true],
  ] as const)('unchanged when %s', (_name, tensors, mixes) => {
    const unit = [...tensors];
    expect(flattenUnit(unit, mixes)).toBe(unit);
  });
});
