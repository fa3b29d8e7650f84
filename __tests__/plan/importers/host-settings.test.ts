/** What the importers read for host memory: checkpoint loading and saving, and pinning they cannot model. */
import { describe, expect, it } from '@jest/globals';
import { IMPORTERS } from '../../../src/plan/importers/index.js';
import { parseYamlDocument } from '../../../src/plan/yaml-document.js';

function fieldsOf(format: 'deepspeed' | 'accelerate', text: string) {
  const parsed = parseYamlDocument(`config.${format === 'deepspeed' ? 'json' : 'yaml'}`, text);
  const result = IMPORTERS[format](parsed.document!);
  return {
    fields: Object.fromEntries(result.fields.map((field) => [field.field, field.value])),
    warnings: result.warnings.map((warning) => warning.message),
  };
}

describe('DeepSpeed', () => {
  it('stage3_gather_16bit_weights_on_model_save: false writes each rank’s partition', () => {
    const { fields } = fieldsOf(
      'deepspeed',
      '{ "zero_optimization": { "stage": 3, "stage3_gather_16bit_weights_on_model_save": false } }',
    );
    expect(fields['checkpoint.save']).toBe('sharded');
  });

  it('pin_memory false is said, not silently dropped', () => {
    const { warnings } = fieldsOf(
      'deepspeed',
      '{ "zero_optimization": { "stage": 2, "offload_optimizer": { "device": "cpu", "pin_memory": false } } }',
    );
    expect(warnings).toContainEqual(expect.stringMatching(/pin_memory false/));
  });
});

describe('accelerate FSDP', () => {
  it('SHARDED_STATE_DICT stages every rank’s shards on the host; cpu_ram_efficient_loading false maps every rank', () => {
    const { fields } = fieldsOf(
      'accelerate',
      [
        'distributed_type: FSDP',
        'fsdp_config:',
        '  fsdp_version: 2',
        '  fsdp_state_dict_type: SHARDED_STATE_DICT',
        '  fsdp_cpu_ram_efficient_loading: false',
      ].join('\n'),
    );
    expect([fields['checkpoint.save'], fields['checkpoint.load']]).toEqual(['sharded-staged', 'every-rank-mmap']);
  });
});
