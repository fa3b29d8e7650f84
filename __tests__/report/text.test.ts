import { describe, expect, it } from '@jest/globals';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden } from '../../__fixtures__/expect-golden.js';
import {
  check,
  computeFixture,
  gib,
  hostFixture,
  H100_USABLE_BYTES,
  planFixture,
  reportOf,
} from '../../__fixtures__/report-plans.js';
import { renderReportText } from '../../src/report/text.js';
import type { ReportPlan } from '../../src/report/schema.js';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata', 'text');
const golden = (name: string): string => path.join(GOLDEN_DIR, `${name}.txt`);

function fitting(): ReportPlan {
  return planFixture({
    name: 'llama3.1-8b-zero3',
    // 95% of the H100's 81,559 MiB usable.
    memoryBudgetBytes: Math.round(0.95 * H100_USABLE_BYTES),
    checks: [check('gpus', 64, 8), check('gpu-hours', 50_000, 312), check('cost', 120_000, 780)],
  });
}

/** DeepSeek-V3 on 256 H800s with a host-offloaded optimizer, over its memory budget, and no token count. */
function overBudget(): ReportPlan {
  const base = planFixture({
    name: 'deepseek-v3-h800',
    file: 'examples/deepseek-v3.yml',
    line: 3,
    model: 'deepseek-ai/DeepSeek-V3',
    gpuName: 'H800 SXM 80GB',
    gpus: 256,
    termsGib: [40.2, 20.1, 0, 31.4, 3.9, 2.2],
    compute: null,
    memoryBudgetBytes: gib(72),
    assumptions: [
      'training.tokens: not given (no compute estimate; give tokens or steps)',
      'framework: generic (default)',
    ],
  });
  // Illustrative host terms per node: 8 processes, optimizer states offloaded, a checkpoint staged while saving; the
  // node's 2 TiB of RAM (DGX H100 in the node catalogue).
  const host = hostFixture({
    capacityGib: 2048,
    capacitySource: 'NVIDIA DGX H100 / H200',
    phasesGib: {
      loading: { processes: 15.7 },
      training: { processes: 15.7, offloadedOptimizerStates: 1_250, offloadBuffers: 78.1, pinnedRounding: 12.5 },
      saving: {
        processes: 15.7,
        offloadedOptimizerStates: 1_250,
        offloadBuffers: 78.1,
        pinnedRounding: 12.5,
        checkpointSave: 40,
      },
    },
    checkpoint: { load: 'sharded', save: 'sharded' },
    pinnedGib: 184.4,
  });
  // 671,026,419,200 parameters (DeepSeek-V3 model card, without the MTP module); 16 bytes each in model states,
  // held once over the cluster and its hosts: 671,026,419,200 × 16 = 10,736,422,707,200 bytes.
  return {
    ...base,
    parameters: {
      ...base.parameters,
      total: 671_026_419_200,
      trainable: 671_026_419_200,
      activePerToken: 37_000_000_000,
    },
    memory: {
      ...base.memory,
      hostPerNode: host.perNode,
      host,
      modelStateBytesAllGpus: 10_736_422_707_200,
    },
  };
}

describe('renderReportText', () => {
  it('renders a plan that fits, with its budget lines and assumptions', () => {
    expectGolden(golden('fits'), renderReportText(reportOf([fitting()])));
  });

  it('renders a plan over budget, with host memory and no compute', () => {
    expectGolden(golden('over-budget'), renderReportText(reportOf([fitting(), overBudget()])));
  });

  it('renders a plan that does not fit its GPU', () => {
    const plan = planFixture({
      name: 'too-big',
      termsGib: [16, 16, 64, 20, 4, 1],
      compute: computeFixture(10, 10, 25),
    });
    const text = renderReportText(reportOf([plan]));
    expect(text).toContain('DOES NOT FIT');
    expect(text).toContain('1 of 1 plan does not fit or breaks its budget: too-big.');
  });

  it('keeps every line within 100 columns', () => {
    const text = renderReportText(reportOf([fitting(), overBudget()]));
    const long = text.split('\n').filter((line) => [...line].length > 100);
    expect(long).toEqual([]);
  });
});
