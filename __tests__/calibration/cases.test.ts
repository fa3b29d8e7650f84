/**
 * calibration/cases.yaml (what calibration/run.py measures on a GPU) and validation/calibration/<id>.yml (the same
 * cases as plan files, which `npm run validate` estimates) must describe the same runs. calibration/make_plans.py
 * writes the plan files; this test states the mapping again, so editing one side without the other fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { load } from 'js-yaml';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASES_FILE = path.join(REPO, 'calibration', 'cases.yaml');
const PLAN_DIR = path.join(REPO, 'validation', 'calibration');

interface CalibrationCase {
  id: string;
  source: string;
  model: Record<string, unknown>;
  method: 'full' | 'lora';
  lora: { rank: number; alpha: number; dropout: number; target_modules: string | string[] } | null;
  precision: 'fp32' | 'bf16-mixed' | 'bf16';
  optimizer: string;
  micro_batch_size: number;
  sequence_length: number;
  activation_checkpointing: string;
  attention: string;
  cross_entropy: string;
  steps: number;
}

interface CasesFile {
  version: number;
  smoke: string[];
  cases: CalibrationCase[];
}

const casesFile = load(readFileSync(CASES_FILE, 'utf8')) as CasesFile;
const cases = casesFile.cases;
const planFiles = readdirSync(PLAN_DIR).filter((name) => name.endsWith('.yml'));

// The harness is a plain transformers + PEFT + torch.optim loop (calibration/README.md): the hf-trainer conventions
// for every precision — fp32; torch AMP (fp32 weights and states, bf16 autocast); pure bf16 weights, gradients and
// states — with PEFT's fp32 adapters and torch's default foreach optimizers.
const FRAMEWORK_BY_PRECISION: Record<CalibrationCase['precision'], string> = {
  fp32: 'hf-trainer',
  'bf16-mixed': 'hf-trainer',
  bf16: 'hf-trainer',
};

/**
 * How run.py runs a case's routed experts (run.py build_model): the per-expert loop when Mixtral's or Qwen3-MoE's expert
 * weights are fp32, transformers' default grouped_mm otherwise; dense models have no such key.
 */
function expertsImplementation(entry: CalibrationCase): { experts_implementation?: string } {
  const type = (entry.model as { model_type: string }).model_type;
  if (type !== 'mixtral' && type !== 'qwen3_moe') return {};
  return { experts_implementation: entry.precision === 'bf16' ? 'grouped_mm' : 'eager' };
}

/** The plan file a case must have: run.py trains one micro-batch per step on one GPU, with nothing fused or offloaded. */
function expectedPlan(entry: CalibrationCase, gpu: string): unknown {
  return {
    version: 1,
    plans: [
      {
        name: entry.id,
        model: entry.model,
        framework: FRAMEWORK_BY_PRECISION[entry.precision],
        training: {
          method: entry.method,
          // run.py builds the model in bf16 for pure bf16, in fp32 otherwise (bf16-mixed: fp32 weights, autocast).
          ...(entry.method === 'lora'
            ? { lora: { ...entry.lora, base_dtype: entry.precision === 'bf16' ? 'bf16' : 'fp32' } }
            : {}),
          precision: entry.precision,
          optimizer: entry.optimizer,
          micro_batch_size: entry.micro_batch_size,
          sequence_length: entry.sequence_length,
          gradient_accumulation_steps: 1,
          activation_checkpointing: entry.activation_checkpointing,
          attention: entry.attention,
          ...expertsImplementation(entry),
          cross_entropy: entry.cross_entropy,
          compile: false,
          optimizer_in_backward: false,
          activation_offloading: false,
          steps: entry.steps,
        },
        parallelism: {},
        hardware: { gpu, gpus: 1 },
      },
    ],
  };
}

function readPlan(id: string): { text: string; plan: { plans: { hardware: { gpu: string } }[] } } {
  const text = readFileSync(path.join(PLAN_DIR, `${id}.yml`), 'utf8');
  return { text, plan: load(text) as { plans: { hardware: { gpu: string } }[] } };
}

// Every plan names the GPU the measurements come from; make_plans.py --gpu switches all of them together.
const planGpu = planFiles.length > 0 ? readPlan(planFiles[0].slice(0, -'.yml'.length)).plan.plans[0].hardware.gpu : '';

describe('calibration cases and their plan files', () => {
  it('has unique case ids', () => {
    const ids = cases.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names a measured GPU from the catalogue in the plans', () => {
    expect(['h100-sxm-80gb', 'h200-sxm-141gb']).toContain(planGpu);
  });

  it.each(cases.map((entry) => [entry.id, entry] as const))(
    '%s has a plan file with the same settings',
    (id, entry) => {
      expect(planFiles).toContain(`${id}.yml`);
      const { text, plan } = readPlan(id);
      expect(text.split('\n')[0]).toBe(`# calibration case ${id}; measured by calibration/run.py`);
      expect(plan).toEqual(expectedPlan(entry, planGpu));
    },
  );

  it('has no plan file without a case', () => {
    const ids = new Set(cases.map((entry) => `${entry.id}.yml`));
    expect(planFiles.filter((name) => !ids.has(name))).toEqual([]);
  });

  it('runs smoke cases that exist', () => {
    expect(casesFile.smoke.length).toBeGreaterThan(0);
    for (const id of casesFile.smoke) expect(cases.map((entry) => entry.id)).toContain(id);
  });
});

// What issue 6 asks the measured set to span.
describe('calibration coverage', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  const wanted: [keyof CalibrationCase, unknown][] = [
    ['method', 'full'],
    ['method', 'lora'],
    ['precision', 'fp32'],
    ['precision', 'bf16-mixed'],
    ['precision', 'bf16'],
    ['optimizer', 'adamw'],
    ['optimizer', 'sgd'],
    ['optimizer', 'adafactor'],
    ['activation_checkpointing', 'none'],
    ['activation_checkpointing', 'full'],
    ['attention', 'sdpa'],
    ['attention', 'eager'],
    ['cross_entropy', 'standard'],
    ['cross_entropy', 'chunked'],
    ['micro_batch_size', 1],
    ['micro_batch_size', 8],
    ['sequence_length', 512],
    ['sequence_length', 8192],
  ];
  it.each(wanted)('has a case with %s %s', (key, value) => {
    expect(cases.some((entry) => entry[key] === value)).toBe(true);
  });

  it('includes a mixture-of-experts model and grouped-query attention', () => {
    expect(cases.some((entry) => ['mixtral', 'qwen3_moe'].includes(String(entry.model.model_type)))).toBe(true);
    expect(
      cases.some((entry) => Number(entry.model.num_key_value_heads) < Number(entry.model.num_attention_heads)),
    ).toBe(true);
  });

  it('keeps every case within micro batch 1-8 and sequence 512-8192', () => {
    for (const entry of cases) {
      expect(entry.micro_batch_size).toBeGreaterThanOrEqual(1);
      expect(entry.micro_batch_size).toBeLessThanOrEqual(8);
      expect(entry.sequence_length).toBeGreaterThanOrEqual(512);
      expect(entry.sequence_length).toBeLessThanOrEqual(8192);
    }
  });
});
