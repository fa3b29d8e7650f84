/** hardware.network, hardware.goodput, parallelism.pipeline_schedule and parallelism.overlap as the loader reads them. */
import { describe, expect, it } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import { memoryReader } from './memory-reader.js';

function planText(hardware: string, parallelism = ''): string {
  return (
    'version: 1\nplans:\n  - name: p\n    model: meta-llama/Llama-3.1-8B\n' +
    `    hardware: { gpu: h100, gpus: 16, ${hardware} }\n` +
    (parallelism === '' ? '' : `    parallelism: { ${parallelism} }\n`)
  );
}

async function load(text: string) {
  return loadPlans(memoryReader({ 'train-plan.yml': text }), ['train-plan.yml'], builtInCatalog);
}

describe('hardware.network', () => {
  it.each([
    // [written, bytes per second per GPU]
    ['aws-p4d', 400e9 / 8 / 8], // 400 Gb/s per instance of 8
    ['P5.48xlarge', 3200e9 / 8 / 8], // an alias, any case
    ['400Gbps', 50e9], // bits
    ['25GB/s', 25e9],
    ['12.5', 12.5e9], // a plain number of GB/s
  ])('%s → %d B/s', async (written, bandwidth) => {
    const result = await load(planText(`network: ${written}`));
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.hardware.network!.bandwidthPerGpu).toBeCloseTo(bandwidth, 3);
  });

  it('an unknown id: file:line:column, a did-you-mean and what is valid', async () => {
    const result = await load(planText('network: dgx-h10'));
    expect(result.issues).toHaveLength(1);
    const issue = result.issues[0]!;
    expect([issue.line, issue.code, issue.message]).toEqual([
      5,
      'unknown_catalog_id',
      'unknown cluster network "dgx-h10"',
    ]);
    expect(issue.hint).toMatch(/dgx-h100/);
  });

  it('absent: null, and core names its default in the assumptions', async () => {
    const result = await load(planText(''));
    expect(result.plans[0]!.plan.hardware.network).toBeNull();
  });
});

describe('hardware.goodput', () => {
  it('a share in (0, 1]', async () => {
    expect((await load(planText('goodput: 0.85'))).plans[0]!.plan.hardware.goodput).toBe(0.85);
    const bad = await load(planText('goodput: 1.2'));
    expect(bad.issues.map((i) => i.code)).toEqual(['out_of_range']);
  });
});

describe('parallelism.pipeline_schedule and parallelism.overlap', () => {
  it('read as written; what is not written stays null for the framework default', async () => {
    const result = await load(planText('', 'pipeline: 2, pipeline_schedule: zero-bubble, overlap: { tensor: true }'));
    expect(result.issues).toEqual([]);
    const p = result.plans[0]!.plan.parallelism;
    expect(p.pipelineSchedule).toBe('zero-bubble');
    expect(p.overlap).toEqual({ data: null, tensor: true, expert: null });
    expect(p.assumed).toBe(false);
  });

  it('unknown values and keys are errors with a did-you-mean', async () => {
    const result = await load(planText('', 'pipeline_schedule: dual-pipe, overlap: { tensr: true }'));
    expect(result.issues.map((i) => [i.code, i.hint])).toEqual([
      ['invalid_value', expect.stringMatching(/dualpipe/)],
      ['unknown_key', expect.stringMatching(/tensor/)],
    ]);
  });

  it('no parallelism section: assumed, and said first', async () => {
    const result = await load(planText(''));
    expect(result.plans[0]!.plan.parallelism.assumed).toBe(true);
  });
});
