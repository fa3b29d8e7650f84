/**
 * `npm run validate`: estimate vs measured for every validation case: peak memory of published runs
 * (validation/measured), our own GPU measurements and CPU traces (calibration/: cases, families, held-out cases,
 * MoE kernels; plans in validation/), and compute (validation/compute). `--write` regenerates docs/validation.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorSummary, memoryValidationRows, type MemoryValidationRow } from './memory-validation.js';
import {
  CALIBRATION_PLANS,
  CALIBRATION_RESULTS,
  CALIBRATION_TRACES,
  FAMILY_PLANS,
  FAMILY_RESULTS,
  FAMILY_TRACES,
  FREEZE_PLANS,
  FREEZE_RESULTS,
  FREEZE_TRACES,
  HOLDOUT_PLANS,
  HOLDOUT_RESULTS,
  holdoutBounds,
  medianAbsoluteError,
  EXPERTS_DEFAULT_PLANS,
  EXPERTS_DEFAULT_RESULTS,
  calibrationEnvironment,
  calibrationMarkdown,
  calibrationRows,
  deviceLevelSummary,
  signedPercent,
  uncomparedCases,
  type CalibrationRow,
} from './calibration-validation.js';
import { BYTES_PER_GIB } from '../src/core/units.js';
import { computeValidationTable } from './validate-compute.js';
import { hostValidationMarkdown, hostValidationRows } from './host-validation.js';
import { throughputValidation } from './validate-throughput.js';

function memoryTable(rows: readonly MemoryValidationRow[]): string {
  const lines = [
    '| Case | Statistic | Measured GiB | Estimated GiB | Error | Bound | Result | Sample | Peak phase | Note |',
    '|---|---|---:|---:|---:|---:|:---:|---|---|---|',
  ];
  for (const row of rows) {
    const bound =
      row.statistic === 'oom' ? '> capacity' : row.upperBound ? '≥ measured' : `±${Math.round(row.bound * 100)}%`;
    lines.push(
      `| ${row.id} | ${row.statistic} | ${(row.measuredBytes / BYTES_PER_GIB).toFixed(2)} | ${(row.estimatedBytes / BYTES_PER_GIB).toFixed(2)} | ${signedPercent(row.error)} | ${bound} | ${row.pass ? 'pass' : 'MISS'} | ${row.inSample === undefined ? 'out' : `in: ${row.inSample}`} | ${row.peakPhase} | ${row.note.replace(/\|/g, '/').replace(/\n/g, ' ')} |`,
    );
  }
  return lines.join('\n');
}

const { rows, skipped } = await memoryValidationRows();
const summary = errorSummary(rows);
const outOfSample = errorSummary(rows.filter((row) => row.inSample === undefined));
const inSample = errorSummary(rows.filter((row) => row.inSample !== undefined));
/** "median absolute error 5.9%, 90th percentile 12.9%, worst +55.7% (id)". */
function summaryLine(s: ReturnType<typeof errorSummary>): string {
  const worst = s.worst ? `${signedPercent(s.worst.error)} (${s.worst.id})` : '—';
  return `median absolute error ${(s.median * 100).toFixed(1)}%, 90th percentile ${(s.p90 * 100).toFixed(1)}%, worst ${worst}`;
}
const compute = computeValidationTable();
/** One calibration set: its results against its plans, as a heading, a few lines of text and the table. */
async function calibrationSection(
  heading: string,
  intro: readonly string[],
  results: string,
  plans: string,
  source: 'measured' | 'traced' = 'measured',
): Promise<{ readonly rows: CalibrationRow[]; readonly lines: string[] }> {
  const rows = await calibrationRows(results, plans, source);
  return { rows, lines: [heading, '', ...intro, '', calibrationMarkdown(rows, source), ''] };
}

const measured = await calibrationSection(
  '## Our GPU measurements (calibration/)',
  [
    `Each case of calibration/cases.yaml trained for 3 steps by \`calibration/run.py\` (${calibrationEnvironment()}); peak allocated`,
    "is `max_memory_allocated` over the steps, and each phase's is its own peak. Raw records: calibration/results/.",
    'These cases and the family cases below are in sample: the modelling rules of issue 6 were derived from them,',
    'so they are held to the bounds that issue set (15% a case and a phase, 5% median); the held-out cases are the test.',
  ],
  CALIBRATION_RESULTS,
  CALIBRATION_PLANS,
);
const familiesMeasured = await calibrationSection(
  '### Other model families, measured (calibration/families.yaml)',
  [
    'Gemma 2 and 3, Phi-3, Qwen3 and Mistral configurations, and shrunk DeepSeek-V3-style and Qwen2-MoE models, run by',
    '`calibration/run.py --families` in the same GPU session.',
  ],
  FAMILY_RESULTS,
  FAMILY_PLANS,
);
const holdout = await calibrationSection(
  '### Held-out cases, measured (calibration/holdout.yaml)',
  [
    `24 cases written after the model was changed to match the runs above, and committed before they ran (${calibrationEnvironment(HOLDOUT_RESULTS)}).`,
    'They mix what the changes touch with other families and settings. At their first comparison the median absolute',
    'error was 0.4% and the worst 6.2% (the DeepSeek-V3-style case). The table shows the model as it is now: it has',
    "since learnt transformers' default experts kernel (next section), which that case and the Qwen2-MoE one ran.",
  ],
  HOLDOUT_RESULTS,
  HOLDOUT_PLANS,
);
const expertsDefault = await calibrationSection(
  "### Routed experts with transformers' default kernel (calibration/results/experts-default/)",
  [
    'The five cases above whose fp32 expert weights `run.py` ran through the per-expert loop, run again with',
    "transformers' default, grouped_mm (`run.py --experts-implementation default`; plans with",
    `\`experts_implementation: grouped_mm\`), on ${calibrationEnvironment(EXPERTS_DEFAULT_RESULTS)}. On CUDA, torch's grouped_mm`,
    'takes fp32, so the experts compute in fp32 under autocast; the per-expert loop is the costlier path.',
  ],
  EXPERTS_DEFAULT_RESULTS,
  EXPERTS_DEFAULT_PLANS,
);
const traced = await calibrationSection(
  '### Traced on CPU, not measured (calibration/traces/)',
  [
    "The same cases run by `calibration/trace.py`: the harness's own code path (transformers, PEFT, torch.optim) on",
    "PyTorch's fake tensors, with a ledger of the tensor storages alive (rounded as CUDA's allocator rounds). It shows",
    'what the frameworks keep, operator by operator, at full size and without a GPU; it cannot show what only a GPU',
    'adds: its cuBLAS workspaces are left out of the estimate for this comparison. Known differences:',
    'calibration/README.md.',
  ],
  CALIBRATION_TRACES,
  CALIBRATION_PLANS,
  'traced',
);
const untraced = uncomparedCases(CALIBRATION_TRACES);
const familiesTraced = await calibrationSection(
  '### Other model families, traced on CPU (calibration/families.yaml)',
  ['The family cases above, traced the same way.'],
  FAMILY_TRACES,
  FAMILY_PLANS,
  'traced',
);
const freezeTraced = await calibrationSection(
  '### Freeze: only the last layers train (calibration/freeze.yaml), traced on CPU',
  [
    'Issue 19: Llama-architecture models with the last 2 to 8 decoder layers trained, with and without the head, the',
    'embedding or the final norm; trainable weights upcast to fp32 under bf16-mixed and frozen ones kept in bf16, as',
    'LLaMA-Factory runs freeze tuning (`calibration/run.py apply_freeze`). Traced the same way as the cases above.',
  ],
  FREEZE_TRACES,
  FREEZE_PLANS,
  'traced',
);
const freezeMeasured = await calibrationSection(
  '### Freeze cases, measured',
  [
    existsSync(FREEZE_RESULTS)
      ? `Run by \`calibration/run.py --families\` (${calibrationEnvironment(FREEZE_RESULTS)}).`
      : 'Not measured yet: a GPU session runs `bash calibration/measure-on-gpu.sh "$OUT" 300 calibration/freeze.yaml`',
    'and commits the records to calibration/results/freeze/.',
  ],
  FREEZE_RESULTS,
  FREEZE_PLANS,
);

/** The held-out cases apart from the two a rule was derived from (validation/holdout/bounds.json). */
function holdoutSampleLine(): string {
  const bounds = holdoutBounds();
  const out = holdout.rows.filter((row) => bounds[row.id]?.inSample === undefined);
  const inSample = holdout.rows.filter((row) => bounds[row.id]?.inSample !== undefined).map((row) => row.id);
  const worst = out.reduce((a, b) => (Math.abs(b.error) > Math.abs(a.error) ? b : a));
  return (
    `Out of sample, ${out.length} cases: median absolute error ${(medianAbsoluteError(out) * 100).toFixed(1)}%, ` +
    `worst ${signedPercent(worst.error)} (${worst.id}); each held to just above its error when the bounds were set ` +
    `(validation/holdout/bounds.json). In sample: ${inSample.join(', ')} (transformers' grouped_mm experts kernel ` +
    'was modelled after their runs).'
  );
}

/** What explains each published QLoRA run's error (validation/measured/qlora-reasons.json, docs/qlora.md). */
const QLORA_REASONS = JSON.parse(
  readFileSync(
    path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'validation/measured/qlora-reasons.json'),
    'utf8',
  ),
) as Record<string, string>;

/** The published runs above that train adapters on 4-bit base weights, with what explains their errors. */
function qloraTable(): string {
  const lines = [
    '| Case | Statistic | Measured GiB | Estimated GiB | Error | Reason |',
    '|---|---|---:|---:|---:|---|',
  ];
  for (const row of rows.filter((r) => r.id.includes('qlora')))
    lines.push(
      `| ${row.id} | ${row.statistic} | ${(row.measuredBytes / BYTES_PER_GIB).toFixed(2)} | ${(row.estimatedBytes / BYTES_PER_GIB).toFixed(2)} | ${signedPercent(row.error)} | ${(QLORA_REASONS[row.id] ?? '').replace(/\|/g, '/')} |`,
    );
  return lines.join('\n');
}

const misses = rows.filter((row) => !row.pass);
const hostRows = await hostValidationRows();
const document = [
  '# Validation: estimates against measured runs',
  '',
  'Generated by `npm run validate -- --write`; the test suite holds every case to its bound',
  '(`__tests__/validation/`). Sources and mapping decisions: `validation/measured/` (published runs) and',
  '`validation/compute/` (published GPU-hours and throughput).',
  '',
  '## Peak memory per GPU',
  '',
  'Each case is a plan file with the statistic its source measured: `allocated` (max_memory_allocated), `active`',
  "(torchtune's peak active bytes ≈ allocated), `reserved` (max_memory_reserved) or `device` (nvidia-smi).",
  "OOM cases must be estimated above the GPU's capacity.",
  '',
  '*Sample*: `in` marks a case a modelling rule was derived from (the rule is named); its error says little about',
  'accuracy. Out-of-sample cases are held to a bound just above their error when the bounds were set (the manifest',
  "records each), so a change that makes one worse fails the tests; in-sample cases keep their sources' bounds.",
  '',
  memoryTable(rows),
  '',
  `Summary over ${summary.cases} two-sided cases: ${summaryLine(summary)}; ${rows.length - misses.length} of ${rows.length} cases within their bound.`,
  '',
  `Out of sample, ${outOfSample.cases} two-sided cases: ${summaryLine(outOfSample)}.`,
  '',
  `In sample, ${inSample.cases} two-sided cases: ${summaryLine(inSample)}.`,
  '',
  'Not compared:',
  '',
  ...skipped.map((entry) => `- ${entry.id}: ${entry.skipped}`),
  '',
  '### QLoRA runs',
  '',
  'The published runs above that train LoRA adapters on 4-bit (NF4) base weights, and what explains each error',
  '(docs/qlora.md: what bitsandbytes, PEFT, torchao and torchtune keep).',
  '',
  qloraTable(),
  '',
  ...measured.lines,
  `${deviceLevelSummary([...measured.rows, ...familiesMeasured.rows])} (Over these and the family cases below; issue 6 bounds peak allocated only.)`,
  '',
  ...familiesMeasured.lines,
  ...holdout.lines,
  holdoutSampleLine(),
  '',
  deviceLevelSummary(holdout.rows),
  '',
  ...expertsDefault.lines,
  ...traced.lines.slice(0, -1),
  ...(untraced.length > 0 ? ['', 'Not traced:', '', ...untraced.map((line) => `- ${line}`)] : []),
  '',
  ...familiesTraced.lines,
  ...freezeTraced.lines,
  ...(freezeMeasured.rows.length > 0 ? freezeMeasured.lines : [...freezeMeasured.lines.slice(0, 4), '']),
  '## Host memory per node',
  '',
  'Each case is a plan file (validation/host/) with what its source measured: one process or the whole node while',
  'the checkpoint loads, the offloaded states per parameter, a run the out-of-memory killer stopped (the estimate must',
  'exceed it), and anonymous memory of one process loading a checkpoint on the CPU (calibration/host_load_rss.py).',
  'Bounds: just above each error when the case was added (validation/host/manifest.json); the CPU loads within 100 MiB,',
  'what from_pretrained allocates beside the weights. docs/host-memory.md explains the terms.',
  '',
  hostValidationMarkdown(hostRows),
  '',
  `${hostRows.filter((row) => row.pass).length} of ${hostRows.length} host cases within their bound.`,
  '',
  '## Training compute',
  '',
  compute.markdown,
  throughputValidation().markdown,
].join('\n');

process.stdout.write(document);
if (process.argv.includes('--write'))
  writeFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'docs/validation.md'), document);
