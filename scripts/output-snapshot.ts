/**
 * Every number the tool prints, written to one folder so that two versions can be compared byte for byte: the JSON
 * report of every example and every plan under validation/ (`estimate --format json`, one file each), and the JSON of
 * `train-memory plan` for a set of sizing questions (the search's recommendations and fronts). A speed change must
 * leave the folder identical:
 *
 *   npx tsx scripts/output-snapshot.ts /tmp/before   # on the old commit
 *   npx tsx scripts/output-snapshot.ts /tmp/after    # on the new one
 *   diff -r /tmp/before /tmp/after
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../src/cli/main.js';
import type { FileReader } from '../src/plan/file-reader.js';

/** `train-memory plan` questions: every framework, full and adapter training, one GPU and many, MoE and dense. */
const SIZING_QUESTIONS: readonly string[][] = [
  [
    '--model',
    'meta-llama/Llama-3.1-405B',
    '--gpu',
    'h100-sxm-80gb',
    '--framework',
    'megatron',
    '--tokens',
    '15.6T',
    '--sequence-length',
    '8192',
    '--global-batch-tokens',
    '16777216',
    '--max-gpus',
    '16384',
    '--price-per-gpu-hour',
    '2',
  ],
  ['--model', 'meta-llama/Llama-3.1-70B', '--gpu', 'h100-sxm-80gb', '--tokens', '1T', '--max-gpus', '2048'],
  ['--model', 'meta-llama/Llama-3.1-70B', '--gpu', 'a100-sxm-80gb', '--method', 'lora', '--tokens', '100M'],
  ['--model', 'meta-llama/Llama-3.1-8B', '--gpu', 'h100-sxm-80gb', '--framework', 'torchtitan', '--tokens', '100B'],
  [
    '--model',
    'meta-llama/Llama-3.1-8B',
    '--gpu',
    'any',
    '--tokens',
    '10B',
    '--max-days',
    '30',
    '--price-per-gpu-hour',
    '2',
  ],
  ['--model', 'meta-llama/Llama-3.1-8B', '--gpu', 'a100-sxm-40gb', '--framework', 'deepspeed', '--tokens', '1B'],
  ['--model', 'mistralai/Mixtral-8x7B-v0.1', '--gpu', 'h100-sxm-80gb', '--framework', 'megatron', '--tokens', '1T'],
  ['--model', 'Qwen/Qwen3-30B-A3B', '--gpu', 'h200-sxm-141gb', '--tokens', '500B', '--max-gpus', '512'],
  ['--model', 'Qwen/Qwen2.5-7B', '--gpu', 'rtx-4090-24gb', '--method', 'qlora', '--tokens', '50M'],
  ['--model', 'Qwen/Qwen2.5-7B', '--gpu', 'l40s-48gb', '--framework', 'hf-trainer', '--tokens', '1B'],
  ['--model', 'google/gemma-2-27b', '--gpu', 'a100-sxm-80gb', '--framework', 'torchtune', '--method', 'lora'],
  ['--model', 'meta-llama/Llama-3.2-1B', '--gpu', 'rtx-3090-24gb', '--framework', 'torchtune', '--tokens', '1B'],
];

const MODELS = [
  'meta-llama/Llama-3.1-8B',
  'mistralai/Mixtral-8x7B-v0.1',
  'Qwen/Qwen2.5-7B',
  'meta-llama/Llama-3.1-70B',
];

/** Plans of scripts/bench-worst.ts, some not fitting their GPUs (their ways out searched): the generator repeats
 * itself every 24 plans. */
const manyPlans = `version: 1\nplans:\n${Array.from({ length: 24 }, (_, i) => {
  const method = i % 3 === 0 ? 'lora' : 'full';
  return [
    `  - name: plan-${i}`,
    `    model: ${MODELS[i % 4]}`,
    `    training: { method: ${method}, sequence_length: ${1024 * (1 + (i % 8))}, micro_batch_size: ${1 + (i % 4)}, tokens: 1B }`,
    `    parallelism: { zero: ${method === 'lora' ? 0 : 3} }`,
    `    hardware: { gpu: h100-sxm-80gb, gpus: ${[8, 16, 1, 64][i % 4]} }`,
  ].join('\n');
}).join('\n')}\n`;

/** The worst single plans of scripts/bench-worst.ts: the search ends at its estimate limit. */
const WORST = `version: 1
plans:
  - name: deepest-fits-nowhere
    model: { model_type: llama, hidden_size: 16384, num_hidden_layers: 2048, num_attention_heads: 128, num_key_value_heads: 8, intermediate_size: 53248, vocab_size: 262144 }
    framework: megatron
    training: { sequence_length: 8192, micro_batch_size: 1, gradient_accumulation_steps: 16, tokens: 1T }
    hardware: { gpu: h100-sxm-80gb, gpus: 64 }
  - name: largest-batch-fits-nowhere
    model: meta-llama/Llama-3.1-405B
    framework: megatron
    training: { sequence_length: 10000000, micro_batch_size: 16, gradient_accumulation_steps: 1, tokens: 1e16 }
    hardware: { gpu: h100-sxm-80gb, gpus: 1000000, gpus_per_node: 8 }
`;

function memoryReader(files: Readonly<Record<string, string>>): FileReader {
  return {
    root: '/snapshot',
    readText: async (file) => files[file] ?? null,
    listFiles: async () => Object.keys(files).sort(),
  };
}

class Collected {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

async function run(argv: string[], reader?: FileReader): Promise<string> {
  const stdout = new Collected();
  const stderr = new Collected();
  const code = await main(argv, { stdout, stderr, cwd: reader?.root ?? process.cwd(), ...(reader ? { reader } : {}) });
  return `exit ${code}\n${stdout.text}${stderr.text}`;
}

function planFiles(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) return planFiles(file);
      return /\.ya?ml$/.test(name) ? [file] : [];
    });
}

async function snapshot(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const files = [...planFiles('examples'), ...planFiles('validation')];
  for (const file of files) {
    writeFileSync(
      path.join(out, `${file.replace(/\//g, '__')}.json`),
      await run(['estimate', file, '--format', 'json']),
    );
  }
  for (const [name, text] of [
    ['many-plans', manyPlans],
    ['worst-plans', WORST],
  ] as const) {
    const reader = memoryReader({ 'plans.yml': text });
    writeFileSync(path.join(out, `${name}.json`), await run(['estimate', 'plans.yml', '--format', 'json'], reader));
  }
  for (const [i, question] of SIZING_QUESTIONS.entries()) {
    writeFileSync(path.join(out, `plan-${i}.json`), await run(['plan', ...question, '--format', 'json']));
  }
  console.log(
    `${files.length} plan files, generated plans and ${SIZING_QUESTIONS.length} sizing questions written to ${out}`,
  );
}

const out = process.argv[2];
if (out === undefined) {
  console.error('usage: npx tsx scripts/output-snapshot.ts FOLDER');
  process.exitCode = 2;
} else {
  snapshot(out).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exitCode = 3;
  });
}
