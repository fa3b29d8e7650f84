/**
 * One plan entry (with `defaults` already merged under it) → ResolvedPlan: every field validated, every default
 * filled in and recorded in `assumptions`, the model and GPU resolved, and the parallel layout checked against the
 * architecture (divisibility rules of Megatron-LM's argument checks).
 */
import { adapterTargetNames, linearModuleNames } from '../core/architecture/parameters.js';
import {
  ACTIVATION_CHECKPOINTING,
  ATTENTION_KERNELS,
  CROSS_ENTROPY,
  FRAMEWORKS,
  OFFLOAD_TARGETS,
  OPTIMIZERS,
  PRECISIONS,
  TRAINING_METHODS,
} from '../core/plan.js';
import type {
  HardwareSettings,
  LoraSettings,
  ParallelismSettings,
  ResolvedPlan,
  TrainingSettings,
  ZeroStage,
} from '../core/plan.js';
import { ALL_LINEAR, checkLayout, readTargetModules } from './layout-checks.js';
import { FRAMEWORK_SUPPORT } from './framework-support.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanPath } from './plan-issue.js';
import { HARDWARE_KEYS, LORA_KEYS, OFFLOAD_KEYS, PARALLELISM_KEYS, PLAN_KEYS, TRAINING_KEYS } from './plan-keys.js';
import type { MapNode, PlanNode } from './plan-node.js';
import { RANGES, LORA_DEFAULTS } from './plan-ranges.js';
import { resolveBudget } from './resolve-budget.js';
import { resolveGpu } from './resolve-gpu.js';
import { resolveModel } from './resolve-model.js';
import type { ModelContext } from './resolve-model.js';
import { parseCount } from './units.js';

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export async function resolvePlan(
  plan: MapNode,
  name: string,
  check: PlanChecker,
  context: ModelContext,
): Promise<ResolvedPlan | null> {
  const issuesBefore = check.issues.length;
  const assumptions: string[] = [];
  const assume = (key: string, value: string | number | boolean, why = 'default'): void => {
    assumptions.push(`${key}: ${String(value)} (${why})`);
  };
  /** Reads `section.key`, or fills in `fallback` and records it. */
  const field = <T>(
    section: MapNode | null,
    key: string,
    dotted: string,
    read: (node: PlanNode) => T | null,
    fallback: T,
    why = 'default',
  ): T | null => {
    const node = section?.entries.get(key);
    if (node === undefined) {
      if (fallback !== null) assume(dotted, fallback as unknown as string, why);
      return fallback;
    }
    return read(node);
  };
  /** Where to point for a problem with `section.key`: the key when written, else the section, else the plan. */
  const where = (section: MapNode | null, key: string): PlanPath =>
    section?.entries.get(key)?.origin ?? section?.origin ?? plan.origin;

  check.map(plan, PLAN_KEYS, 'a plan mapping');
  const modelNode = plan.entries.get('model');
  if (modelNode === undefined) {
    check.report('missing_key', plan.origin, `plan "${name}" has no model`, {
      expected: 'model: a catalogue id (e.g. meta-llama/Llama-3.1-8B), { config: path } or inline fields',
    });
  }
  const model = await resolveModel(modelNode, check, context);

  const framework = field(plan, 'framework', 'framework', (node) => check.oneOf(node, FRAMEWORKS), 'generic');

  // training
  const training = check.map(plan.entries.get('training'), TRAINING_KEYS, 'a mapping of training settings');
  const method = field(training, 'method', 'training.method', (node) => check.oneOf(node, TRAINING_METHODS), 'full');
  const precision = field(training, 'precision', 'training.precision', (n) => check.oneOf(n, PRECISIONS), 'bf16-mixed');
  const optimizer = field(training, 'optimizer', 'training.optimizer', (n) => check.oneOf(n, OPTIMIZERS), 'adamw');
  const intField = (
    section: MapNode | null,
    key: string,
    dotted: string,
    range: { min: number; max: number },
    fallback: number,
  ) => field(section, key, dotted, (node) => check.integer(node, range), fallback);
  const microBatchSize = intField(training, 'micro_batch_size', 'training.micro_batch_size', RANGES.microBatchSize, 1);
  const sequenceLength = intField(training, 'sequence_length', 'training.sequence_length', RANGES.sequenceLength, 4096);
  const gradientAccumulationSteps = intField(
    training,
    'gradient_accumulation_steps',
    'training.gradient_accumulation_steps',
    RANGES.gradientAccumulationSteps,
    1,
  );
  const activationCheckpointing = field(
    training,
    'activation_checkpointing',
    'training.activation_checkpointing',
    (node) => check.oneOf(node, ACTIVATION_CHECKPOINTING),
    'none',
  );
  // Flash-attention kernels run in fp16/bf16 only (Dao et al., FlashAttention-2 README: "Datatype fp16 and bf16").
  const attentionDefault = precision === 'fp32' ? 'sdpa' : 'flash';
  const attention = field(
    training,
    'attention',
    'training.attention',
    (node) => check.oneOf(node, ATTENTION_KERNELS),
    attentionDefault,
    precision === 'fp32' ? 'default: flash kernels do not run fp32' : 'default',
  );
  if (attention === 'flash' && precision === 'fp32' && training?.entries.has('attention')) {
    check.report('unsupported_combination', where(training, 'attention'), 'flash attention does not run in fp32', {
      expected: 'attention: sdpa or eager with precision fp32, or a 16-bit precision',
    });
  }
  const crossEntropy = field(
    training,
    'cross_entropy',
    'training.cross_entropy',
    (n) => check.oneOf(n, CROSS_ENTROPY),
    'standard',
  );
  const flag = (key: string) => field(training, key, `training.${key}`, (node) => check.boolean(node), false);
  const compile = flag('compile');
  const optimizerInBackward = flag('optimizer_in_backward');
  const activationOffloading = flag('activation_offloading');

  const tokensNode = training?.entries.get('tokens');
  const stepsNode = training?.entries.get('steps');
  let tokens: number | null = null;
  let steps: number | null = null;
  if (tokensNode !== undefined && stepsNode !== undefined) {
    check.report('invalid_value', stepsNode.origin, 'give training.tokens or training.steps, not both', {
      at: 'key',
      expected: 'one of tokens (e.g. 15T) or steps',
    });
  } else if (tokensNode !== undefined) {
    const parsed = check.parsed(tokensNode, parseCount, RANGES.tokens);
    tokens = parsed === null ? null : Math.round(parsed);
  } else if (stepsNode !== undefined) {
    steps = check.integer(stepsNode, RANGES.steps);
  } else {
    assumptions.push('training.tokens: not given (no compute estimate; give tokens or steps)');
  }

  // LoRA
  const loraNode = training?.entries.get('lora');
  const usesAdapters = method === 'lora' || method === 'qlora';
  if (loraNode !== undefined && method === 'full') {
    check.report('invalid_value', loraNode.origin, 'training.lora is only used with method lora or qlora', {
      at: 'key',
      expected: 'method: lora or method: qlora, or no lora block',
    });
  }
  const lora = check.map(loraNode, LORA_KEYS, 'a mapping { rank, alpha, dropout, target_modules }');
  const loraRank = usesAdapters
    ? intField(lora, 'rank', 'training.lora.rank', RANGES.loraRank, LORA_DEFAULTS.rank)
    : null;
  const loraAlpha = usesAdapters
    ? field(lora, 'alpha', 'training.lora.alpha', (node) => check.number(node, RANGES.loraAlpha), LORA_DEFAULTS.alpha)
    : null;
  const loraDropout = usesAdapters
    ? field(
        lora,
        'dropout',
        'training.lora.dropout',
        (node) => check.number(node, RANGES.loraDropout),
        LORA_DEFAULTS.dropout,
      )
    : null;
  const targetNode = lora?.entries.get('target_modules');
  if (usesAdapters && targetNode === undefined) assume('training.lora.target_modules', ALL_LINEAR);

  // parallelism
  const parallel = check.map(plan.entries.get('parallelism'), PARALLELISM_KEYS, 'a mapping of parallelism settings');
  const degree = (key: string) => intField(parallel, key, `parallelism.${key}`, RANGES.parallelDegree, 1);
  const tensor = degree('tensor');
  const pipeline = degree('pipeline');
  const virtualPipeline = intField(
    parallel,
    'virtual_pipeline',
    'parallelism.virtual_pipeline',
    RANGES.virtualPipeline,
    1,
  );
  const context_ = degree('context');
  const expert = degree('expert');
  const sequenceParallel = field(
    parallel,
    'sequence_parallel',
    'parallelism.sequence_parallel',
    (n) => check.boolean(n),
    false,
  );
  const zero = field(
    parallel,
    'zero',
    'parallelism.zero',
    (node) => check.oneOf<ZeroStage>(node, [0, 1, 2, 3]),
    0 as ZeroStage,
  );
  const offload = check.map(parallel?.entries.get('offload'), OFFLOAD_KEYS, 'a mapping { optimizer, parameters }');
  const offloadOptimizer = field(
    offload,
    'optimizer',
    'parallelism.offload.optimizer',
    (n) => check.oneOf(n, OFFLOAD_TARGETS),
    'none',
  );
  const offloadParameters = field(
    offload,
    'parameters',
    'parallelism.offload.parameters',
    (n) => check.oneOf(n, OFFLOAD_TARGETS),
    'none',
  );
  const stageLayers = (key: string): number | null => {
    const node = parallel?.entries.get(key);
    return node === undefined ? null : check.integer(node, RANGES.stageLayers);
  };
  const firstStageLayers = stageLayers('first_stage_layers');
  const lastStageLayers = stageLayers('last_stage_layers');

  if (sequenceParallel === true && tensor !== null && tensor < 2) {
    check.report(
      'unsupported_combination',
      where(parallel, 'sequence_parallel'),
      'sequence_parallel splits activations over the tensor-parallel group: it needs tensor ≥ 2',
      {
        expected: 'tensor: 2 or more, or sequence_parallel: false',
      },
    );
  }
  if (virtualPipeline !== null && virtualPipeline > 1 && pipeline !== null && pipeline < 2) {
    check.report(
      'unsupported_combination',
      where(parallel, 'virtual_pipeline'),
      'virtual_pipeline interleaves pipeline stages: it needs pipeline ≥ 2',
      {
        expected: 'pipeline: 2 or more, or virtual_pipeline: 1',
      },
    );
  }
  if ((firstStageLayers !== null || lastStageLayers !== null) && pipeline !== null && pipeline < 2) {
    const key = firstStageLayers !== null ? 'first_stage_layers' : 'last_stage_layers';
    check.report('unsupported_combination', where(parallel, key), `${key} needs pipeline ≥ 2`);
  }
  // ZeRO-Offload moves optimizer states of a ZeRO partition (stage ≥ 1); parameter offload needs stage 3 (ZeRO-Infinity,
  // DeepSpeed docs "ZeRO-Offload" / "offload_param: only valid with stage 3").
  if (offloadOptimizer !== null && offloadOptimizer !== 'none' && zero === 0) {
    check.report(
      'unsupported_combination',
      where(offload, 'optimizer'),
      'optimizer offload needs a sharded optimizer (zero ≥ 1)',
      {
        expected: 'zero: 1, 2 or 3, or offload.optimizer: none',
      },
    );
  }
  if (offloadParameters !== null && offloadParameters !== 'none' && zero !== null && zero !== 3) {
    check.report(
      'unsupported_combination',
      where(offload, 'parameters'),
      'parameter offload needs zero: 3 (sharded parameters)',
      {
        expected: 'zero: 3, or offload.parameters: none',
      },
    );
  }

  // framework support
  if (framework !== null) {
    const support = FRAMEWORK_SUPPORT[framework];
    if (precision !== null && !support.precisions.includes(precision)) {
      check.report(
        'unsupported_combination',
        where(training, 'precision'),
        `framework ${framework} does not train with precision ${precision}`,
        {
          expected: `with ${framework}: ${support.precisions.join(', ')}`,
        },
      );
    }
    if (zero !== null && !support.zeroStages.includes(zero)) {
      check.report(
        'unsupported_combination',
        where(parallel, 'zero'),
        `framework ${framework} has no zero stage ${zero}`,
        {
          expected: `with ${framework}: zero ${support.zeroStages.join(', ')}${support.note === null ? '' : ` (${support.note})`}`,
        },
      );
    }
    // DeepSpeed's pipeline engine supports ZeRO stage 0 and 1 only (deepspeed/runtime/pipe/engine.py asserts stage < 2).
    if (framework === 'deepspeed' && zero !== null && zero >= 2 && pipeline !== null && pipeline > 1) {
      check.report(
        'unsupported_combination',
        where(parallel, 'zero'),
        'DeepSpeed pipeline parallelism runs with zero 0 or 1 only',
        {
          expected: 'zero: 0 or 1 with pipeline > 1, or pipeline: 1',
        },
      );
    }
  }

  // hardware
  const hardware = check.map(plan.entries.get('hardware'), HARDWARE_KEYS, 'a mapping of hardware settings');
  const gpuNode = hardware?.entries.get('gpu');
  if (gpuNode === undefined) {
    check.report('missing_key', hardware?.origin ?? plan.origin, `plan "${name}" has no hardware.gpu`, {
      expected: 'hardware: { gpu: h100-sxm-80gb } (see `train-memory gpus`) or a custom { name, memory, bf16_tflops }',
    });
  }
  const gpu = resolveGpu(gpuNode, context.catalog, check);
  const replicaWidth =
    tensor !== null && pipeline !== null && context_ !== null && expert !== null
      ? tensor * pipeline * ((context_ * expert) / gcd(context_, expert))
      : 1;
  const gpus = field(
    hardware,
    'gpus',
    'hardware.gpus',
    (node) => check.integer(node, RANGES.gpus),
    replicaWidth,
    expert !== null && expert > 1
      ? 'default: tensor × pipeline × lcm(context, expert)'
      : 'default: tensor × pipeline × context',
  );
  const gpusPerNode = field(
    hardware,
    'gpus_per_node',
    'hardware.gpus_per_node',
    (node) => check.integer(node, RANGES.gpusPerNode),
    Math.min(8, gpus ?? 1),
    'default: min(8, gpus)',
  );
  const mfuNode = hardware?.entries.get('mfu');
  const mfu = mfuNode === undefined ? null : check.number(mfuNode, RANGES.mfu);
  const priceNode = hardware?.entries.get('price_per_gpu_hour');
  const pricePerGpuHour = priceNode === undefined ? null : check.number(priceNode, RANGES.pricePerGpuHour);
  if (gpus !== null && gpusPerNode !== null && gpus > gpusPerNode && gpus % gpusPerNode !== 0) {
    check.report('not_divisible', where(hardware, 'gpus'), `${gpus} GPUs do not fill whole nodes of ${gpusPerNode}`, {
      expected: `a multiple of gpus_per_node (${gpusPerNode})`,
    });
  }

  const budgetSettings = resolveBudget(plan.entries.get('budget'), check);

  // layout against the architecture
  let targetModules: readonly string[] | null = null;
  if (model !== null) {
    checkLayout(
      model.architecture,
      model.name,
      { tensor, pipeline, virtualPipeline, context: context_, expert, firstStageLayers, lastStageLayers, gpus },
      (key) => (key === 'gpus' ? where(hardware, key) : where(parallel, key)),
      check,
    );
    if (usesAdapters)
      targetModules = readTargetModules(
        targetNode,
        linearModuleNames(model.architecture),
        adapterTargetNames(model.architecture),
        check,
      );
  }

  if (check.issues.length > issuesBefore) return null;
  if (
    model === null ||
    gpu === null ||
    framework === null ||
    method === null ||
    precision === null ||
    optimizer === null ||
    microBatchSize === null ||
    sequenceLength === null ||
    gradientAccumulationSteps === null ||
    activationCheckpointing === null ||
    attention === null ||
    crossEntropy === null ||
    compile === null ||
    optimizerInBackward === null ||
    activationOffloading === null ||
    tensor === null ||
    pipeline === null ||
    virtualPipeline === null ||
    context_ === null ||
    expert === null ||
    sequenceParallel === null ||
    zero === null ||
    offloadOptimizer === null ||
    offloadParameters === null ||
    gpus === null ||
    gpusPerNode === null
  ) {
    return null;
  }
  const loraSettings: LoraSettings | null =
    usesAdapters && loraRank !== null && loraAlpha !== null && loraDropout !== null && targetModules !== null
      ? { rank: loraRank, alpha: loraAlpha, dropout: loraDropout, targetModules }
      : null;
  const trainingSettings: TrainingSettings = {
    method,
    lora: loraSettings,
    precision,
    optimizer,
    microBatchSize,
    sequenceLength,
    gradientAccumulationSteps,
    activationCheckpointing,
    attention,
    crossEntropy,
    compile,
    optimizerInBackward,
    activationOffloading,
    tokens,
    steps,
  };
  const parallelism: ParallelismSettings = {
    tensor,
    pipeline,
    virtualPipeline,
    context: context_,
    expert,
    sequenceParallel,
    zero,
    offload: { optimizer: offloadOptimizer, parameters: offloadParameters },
    firstStageLayers,
    lastStageLayers,
  };
  const hardwareSettings: HardwareSettings = { gpu, gpus, gpusPerNode, mfu, pricePerGpuHour };
  return {
    name,
    modelName: model.name,
    architecture: model.architecture,
    framework,
    training: trainingSettings,
    parallelism,
    hardware: hardwareSettings,
    budget: budgetSettings,
    assumptions,
  };
}
