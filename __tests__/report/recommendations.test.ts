/** The ways out as the comment and the terminal show them (golden files), and their YAML lines. */
import { describe, expect, it } from '@jest/globals';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden } from '../../__fixtures__/expect-golden.js';
import { computeFixture, gib, H100_USABLE_BYTES, planFixture, reportOf } from '../../__fixtures__/report-plans.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import { changeYamlLines, headroomText } from '../../src/report/recommendation-lines.js';
import type { Recommendation, ReportPlan } from '../../src/report/schema.js';
import { renderReportText } from '../../src/report/text.js';

const TESTDATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');

const recommendation = (
  changes: Recommendation['changes'],
  gib: number,
  gpuHours: number,
  numerics = false,
): Recommendation => ({
  changes,
  changesNumerics: numerics,
  peakDeviceBytes: Math.round(gib * 2 ** 30),
  gpus: 8,
  gpuHours,
  wallClockHours: gpuHours / 8,
  costUsd: gpuHours * 2.5,
});

function overBudget(): ReportPlan {
  // 83.0 GiB of terms and overheads on an H100 (79.6 GiB usable): over.
  const plan = planFixture({
    checkCapacity: true,
    name: 'llama3.1-8b-sft',
    termsGib: [15, 15, 30, 18, 2, 1],
    overheadsGib: [1, 0.75, 0.06, 0.25],
    compute: computeFixture(400, 50, 1000),
  });
  return {
    ...plan,
    recommendations: [
      recommendation({ 'training.activation_checkpointing': 'selective', 'parallelism.zero': 1 }, 61.2, 410),
      recommendation(
        {
          'training.micro_batch_size': 1,
          'training.gradient_accumulation_steps': 16,
          'parallelism.offload.optimizer': 'cpu',
          'parallelism.zero': 1,
        },
        70.1,
        430,
      ),
      recommendation({ 'parallelism.first_stage_layers': null, 'hardware.gpus': 8 }, 75, 431),
      recommendation({ 'training.optimizer': 'adamw-8bit' }, 62, 400, true),
    ],
  };
}

describe('recommendations', () => {
  it('are rendered in the comment as YAML with memory and GPU-hours, three of them', () => {
    const markdown = renderReportMarkdown(reportOf([overBudget()]), {
      version: '0.1.0',
      fullReportLocation: 'the job summary',
      updatedOnEveryPush: true,
    });
    expectGolden(path.join(TESTDATA, 'markdown', 'recommendations.md'), markdown);
  });

  it('are rendered in the terminal the same way', () => {
    expectGolden(path.join(TESTDATA, 'text', 'recommendations.txt'), renderReportText(reportOf([overBudget()])));
  });

  it('nest dotted paths as the plan file does, a removed key as a comment', () => {
    expect(
      changeYamlLines({
        'training.micro_batch_size': 1,
        'parallelism.zero': 3,
        'parallelism.offload.optimizer': 'cpu',
        'parallelism.offload.parameters': 'cpu',
        'parallelism.first_stage_layers': null,
        'hardware.gpus': 16,
      }),
    ).toEqual([
      'training:',
      '  micro_batch_size: 1',
      'parallelism:',
      '  zero: 3',
      '  offload:',
      '    optimizer: cpu',
      '    parameters: cpu',
      '  # remove first_stage_layers (the default applies)',
      'hardware:',
      '  gpus: 16',
    ]);
  });

  it('give a plan within budget above 90% of its GPU one headroom line', () => {
    // 73 GiB of terms + 1 slack + 0.75 CUDA context + 0.06 workspaces + 0.25 NCCL = 75.06 GiB of 79.65 usable: 94%.
    const near = planFixture({
      checkCapacity: true,
      name: 'near',
      termsGib: [15, 15, 30, 10, 2, 1],
      overheadsGib: [1, 0.75, 0.06, 0.25],
    });
    expect(near.memory.perGpu.device / H100_USABLE_BYTES).toBeGreaterThan(0.9);
    expect(headroomText(near)).toBe(
      "94% of the GPU's usable memory (75.1 GiB of 79.6 GiB): a longer sequence, a larger micro batch or another library version may not fit",
    );
    // 68 + 2.06 = 70.06 GiB of 79.65: 88%, no line.
    const roomy = planFixture({
      checkCapacity: true,
      name: 'roomy',
      termsGib: [15, 15, 30, 5, 2, 1],
      overheadsGib: [1, 0.75, 0.06, 0.25],
    });
    expect(roomy.memory.perGpu.device).toBeLessThan(gib(0.9 * 79.6));
    expect(headroomText(roomy)).toBeNull();
  });
});
