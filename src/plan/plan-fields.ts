/**
 * The fields of plan file version 1 (DESIGN.md "Plan file, version 1"), section by section: the one table the loader
 * takes its keys from (plan-keys.ts) and the plan's JSON Schema is generated from (plan-schema.ts). Types, enums and
 * ranges are the constants the resolvers check with; descriptions are what an editor shows on hover.
 */
import {
  ACTIVATION_CHECKPOINTING,
  ATTENTION_KERNELS,
  BASE_WEIGHT_DTYPES,
  CROSS_ENTROPY,
  EXPERTS_IMPLEMENTATIONS,
  FRAMEWORKS,
  FREEZE_MODULES,
  OFFLOAD_TARGETS,
  OPTIMIZERS,
  PIPELINE_SCHEDULES,
  PRECISIONS,
  SHARDING_ENGINES,
  TRAINING_METHODS,
} from '../core/plan.js';
import { CHECKPOINT_LOADS, CHECKPOINT_SAVES } from '../core/host/checkpoint-handling.js';
import { IMPORT_FORMATS } from './importers/formats.js';
import type { IntRange } from './plan-checker.js';
import { RANGES } from './plan-ranges.js';
import { QUANTITY_PATTERNS } from './units.js';

export type Range = IntRange & { readonly exclusiveMin?: boolean };

export type FieldSpec =
  | { readonly type: 'enum'; readonly values: readonly (string | number)[]; readonly description: string }
  | { readonly type: 'integer'; readonly range: Range; readonly description: string }
  | { readonly type: 'number'; readonly range: Range; readonly description: string }
  | { readonly type: 'boolean'; readonly description: string }
  | { readonly type: 'string'; readonly maxLength: number; readonly description: string }
  /** A number with a unit, as one of units.ts's parsers reads it; `bareNumber`: whether a plain number is accepted. */
  | {
      readonly type: 'quantity';
      readonly units: readonly (keyof typeof QUANTITY_PATTERNS)[];
      readonly bareNumber: boolean;
      readonly description: string;
    }
  | { readonly type: 'list'; readonly items: FieldSpec; readonly description: string }
  /** A mapping of known keys; `open`: other keys are passed on (inline Hugging Face config fields). */
  | { readonly type: 'section'; readonly fields: Fields; readonly open?: boolean; readonly description: string }
  /** Any one of the options (a catalogue id or a mapping, …). */
  | { readonly type: 'choice'; readonly options: readonly FieldSpec[]; readonly description: string };

export type Fields = Readonly<Record<string, FieldSpec>>;

const degree = (description: string): FieldSpec => ({ type: 'integer', range: RANGES.parallelDegree, description });
const flag = (description: string): FieldSpec => ({ type: 'boolean', description });

export const LORA_FIELDS: Fields = {
  rank: { type: 'integer', range: RANGES.loraRank, description: 'LoRA rank r (default 16).' },
  alpha: { type: 'number', range: RANGES.loraAlpha, description: 'LoRA alpha (default 32).' },
  dropout: { type: 'number', range: RANGES.loraDropout, description: 'LoRA dropout (default 0).' },
  target_modules: {
    type: 'choice',
    description: 'Modules that carry adapters: all-linear, or a list of module names (q_proj, v_proj, …).',
    options: [
      { type: 'enum', values: ['all-linear'], description: 'Every linear layer of the decoder.' },
      { type: 'list', items: { type: 'string', maxLength: 100, description: 'A module name.' }, description: '' },
    ],
  },
  base_dtype: {
    type: 'enum',
    values: BASE_WEIGHT_DTYPES,
    description: "dtype the frozen base model is loaded in (default: the training precision's).",
  },
};

export const FREEZE_FIELDS: Fields = {
  trainable_layers: {
    type: 'choice',
    description: 'Decoder layers that train: the last N, or a list of layer indices from 0 (default 2).',
    options: [
      {
        type: 'integer',
        range: RANGES.trainableLayers,
        description: 'The last N decoder layers (0 to the layer count).',
      },
      {
        type: 'list',
        items: { type: 'integer', range: RANGES.layerIndex, description: 'A decoder layer index from 0.' },
        description: '',
      },
    ],
  },
  trainable_modules: {
    type: 'list',
    items: { type: 'enum', values: FREEZE_MODULES, description: 'A module outside the decoder layers.' },
    description: 'Modules outside the layers that train: lm_head, embed_tokens, norm (the final norm). Default none.',
  },
  base_dtype: {
    type: 'enum',
    values: BASE_WEIGHT_DTYPES,
    description: "dtype the frozen weights are held in (default: the training precision's).",
  },
};

export const TRAINING_FIELDS: Fields = {
  method: {
    type: 'enum',
    values: TRAINING_METHODS,
    description: 'full fine-tuning / pre-training, LoRA, QLoRA, or freeze (only what training.freeze names trains).',
  },
  lora: { type: 'section', fields: LORA_FIELDS, description: 'Adapter settings (method lora or qlora).' },
  freeze: {
    type: 'section',
    fields: FREEZE_FIELDS,
    description: 'What trains with method freeze: the last decoder layers and named modules; the rest is frozen.',
  },
  precision: { type: 'enum', values: PRECISIONS, description: 'Precision regime (default bf16-mixed).' },
  optimizer: { type: 'enum', values: OPTIMIZERS, description: 'Optimizer (default adamw).' },
  micro_batch_size: { type: 'integer', range: RANGES.microBatchSize, description: 'Sequences per GPU per step.' },
  sequence_length: { type: 'integer', range: RANGES.sequenceLength, description: 'Tokens per sequence.' },
  gradient_accumulation_steps: {
    type: 'integer',
    range: RANGES.gradientAccumulationSteps,
    description: 'Micro-batches per optimizer step.',
  },
  activation_checkpointing: {
    type: 'enum',
    values: ACTIVATION_CHECKPOINTING,
    description: 'Recompute activations in backward: none, selective or full.',
  },
  attention: {
    type: 'enum',
    values: ATTENTION_KERNELS,
    description:
      'Attention kernel: flash (FlashAttention-2), flash1 (FlashAttention 1.x), flash3 (FlashAttention-3 / cuDNN on Hopper), sdpa, or eager (materialises the s×s scores).',
  },
  experts_implementation: {
    type: 'enum',
    values: EXPERTS_IMPLEMENTATIONS,
    description: "hf-trainer mixture-of-experts models: transformers' experts kernel (default grouped_mm).",
  },
  cross_entropy: {
    type: 'enum',
    values: CROSS_ENTROPY,
    description: 'Loss: standard, chunked (over the vocabulary in chunks) or fused.',
  },
  compile: flag('torch.compile-style kernel fusion.'),
  optimizer_in_backward: flag('Optimizer step fused into backward: gradients are not all live at once.'),
  activation_offloading: flag('Saved activations moved to host memory.'),
  tokens: {
    type: 'quantity',
    units: ['count'],
    bareNumber: true,
    description: 'Total training tokens: 15T, 2.5B, 4e9 (or give steps).',
  },
  steps: { type: 'integer', range: RANGES.steps, description: 'Optimizer steps (or give tokens).' },
};

export const OFFLOAD_FIELDS: Fields = {
  optimizer: { type: 'enum', values: OFFLOAD_TARGETS, description: 'Where optimizer states live (zero ≥ 1).' },
  parameters: { type: 'enum', values: OFFLOAD_TARGETS, description: 'Where parameters live (zero 3).' },
};

export const OVERLAP_FIELDS: Fields = {
  data: flag('Gradient reduction and FSDP/ZeRO-3 gathers overlapped with compute (default: the framework’s).'),
  tensor: flag(
    'Tensor-parallel collectives overlapped (Megatron --tp-comm-overlap, torchtitan async TP; default false).',
  ),
  expert: flag('Expert-parallel all-to-all overlapped (default: true with pipeline_schedule dualpipe).'),
};

export const PARALLELISM_FIELDS: Fields = {
  tensor: degree('Tensor-parallel degree.'),
  pipeline: degree('Pipeline-parallel degree.'),
  virtual_pipeline: {
    type: 'integer',
    range: RANGES.virtualPipeline,
    description: 'Interleaved stages per pipeline rank.',
  },
  context: degree('Context-parallel degree.'),
  expert: degree('Expert-parallel degree.'),
  sequence_parallel: flag('Split norms and dropout over the tensor-parallel group (tensor ≥ 2).'),
  zero: {
    type: 'enum',
    values: [0, 1, 2, 3],
    description: 'ZeRO stage: 1 optimizer states, 2 + gradients, 3 + parameters (FSDP full_shard = 3).',
  },
  sharding: {
    type: 'enum',
    values: SHARDING_ENGINES,
    description:
      'Who shards: deepspeed, fsdp (FSDP1 flat parameters), fsdp2 (per-parameter) or megatron; default: the framework’s own.',
  },
  offload: { type: 'section', fields: OFFLOAD_FIELDS, description: 'ZeRO-Offload / FSDP CPU offload targets.' },
  first_stage_layers: {
    type: 'integer',
    range: RANGES.stageLayers,
    description: 'Decoder layers on the first pipeline stage when they differ from the rest.',
  },
  last_stage_layers: {
    type: 'integer',
    range: RANGES.stageLayers,
    description: 'Decoder layers on the last pipeline stage when they differ from the rest.',
  },
  pipeline_schedule: {
    type: 'enum',
    values: PIPELINE_SCHEDULES,
    description: 'Pipeline schedule (default: interleaved-1f1b when virtual_pipeline > 1, else 1f1b).',
  },
  overlap: {
    type: 'section',
    fields: OVERLAP_FIELDS,
    description: 'Which communication the training code overlaps with computation.',
  },
};

const TFLOPS: FieldSpec = { type: 'number', range: { min: 0, max: 1e6, exclusiveMin: true }, description: '' };

export const CUSTOM_GPU_FIELDS: Fields = {
  name: { type: 'string', maxLength: 200, description: 'Name shown in the report.' },
  memory: { type: 'quantity', units: ['memory'], bareNumber: false, description: 'Usable memory: 80GiB or 80GB.' },
  bf16_tflops: { ...TFLOPS, description: 'Dense bf16 TFLOPS.' },
  fp16_tflops: { ...TFLOPS, description: 'Dense fp16 TFLOPS.' },
  fp8_tflops: { ...TFLOPS, description: 'Dense fp8 TFLOPS.' },
  fp4_tflops: { ...TFLOPS, description: 'Dense fp4 TFLOPS.' },
  fp32_tflops: { ...TFLOPS, description: 'fp32 TFLOPS.' },
  tf32_tflops: { ...TFLOPS, description: 'Dense tf32 TFLOPS.' },
  memory_bandwidth: {
    type: 'quantity',
    units: ['bandwidth'],
    bareNumber: true,
    description: 'Memory bandwidth: 3350GB/s, or a number of GB/s.',
  },
  interconnect_bandwidth: {
    type: 'quantity',
    units: ['bandwidth'],
    bareNumber: true,
    description: 'GPU-to-GPU bandwidth within a node: 900GB/s, or a number of GB/s.',
  },
};

export const HARDWARE_FIELDS: Fields = {
  gpu: {
    type: 'choice',
    description: 'A GPU catalogue id (train-memory gpus) or a custom { name, memory, bf16_tflops, … }.',
    options: [
      { type: 'string', maxLength: 200, description: 'A GPU catalogue id or alias.' },
      { type: 'section', fields: CUSTOM_GPU_FIELDS, description: 'A custom accelerator.' },
    ],
  },
  gpus: { type: 'integer', range: RANGES.gpus, description: 'GPUs (default: tensor × pipeline × context).' },
  gpus_per_node: { type: 'integer', range: RANGES.gpusPerNode, description: 'GPUs per node (default min(8, gpus)).' },
  mfu: { type: 'number', range: RANGES.mfu, description: 'Model FLOPs utilisation; otherwise the efficiency model.' },
  goodput: {
    type: 'number',
    range: RANGES.goodput,
    description: 'Share of wall clock that trains, restarts, checkpoints and evaluation excluded (default 0.9).',
  },
  network: {
    type: 'choice',
    description:
      'The network between nodes: a cluster id (train-memory networks) or the bandwidth per GPU (400Gbps, 50GB/s).',
    options: [
      {
        type: 'quantity',
        units: ['bandwidth'],
        bareNumber: true,
        description: 'Bandwidth each GPU has across nodes: 400Gbps, 50GB/s, or a number of GB/s.',
      },
      { type: 'string', maxLength: 200, description: 'A cluster network id.' },
    ],
  },
  price_per_gpu_hour: { type: 'number', range: RANGES.pricePerGpuHour, description: 'USD per GPU-hour.' },
  host_memory_per_node: {
    type: 'choice',
    description:
      "The node's RAM, checked like the GPU's memory: a size (2TiB, 1.5TB) or a node id (train-memory nodes).",
    options: [
      { type: 'quantity', units: ['memory'], bareNumber: false, description: 'RAM per node: 2TiB, 1536GiB.' },
      { type: 'string', maxLength: 200, description: 'A node catalogue id: dgx-h100, aws-p5.' },
    ],
  },
  nvme_bandwidth: {
    type: 'quantity',
    units: ['bandwidth'],
    bareNumber: true,
    description: "What one node's NVMe drives read or write per second (ZeRO-Infinity offload): 25GB/s, or GB/s.",
  },
};

export const BUDGET_FIELDS: Fields = {
  max_memory_per_gpu: {
    type: 'quantity',
    units: ['percent', 'memory'],
    bareNumber: false,
    description: "Share of the GPU's usable memory (95%) or absolute (75GiB).",
  },
  max_host_memory_per_node: {
    type: 'quantity',
    units: ['percent', 'memory'],
    bareNumber: false,
    description: "Share of the node's RAM (90%; needs hardware.host_memory_per_node) or absolute (1.5TiB).",
  },
  max_gpus: { type: 'integer', range: RANGES.gpus, description: 'Most GPUs.' },
  max_gpu_hours: { type: 'number', range: RANGES.maxGpuHours, description: 'Most GPU-hours.' },
  max_cost: { type: 'number', range: RANGES.maxCost, description: 'Most USD.' },
  max_wall_clock: {
    type: 'quantity',
    units: ['duration'],
    bareNumber: false,
    description: 'Longest run: 36h, 14d.',
  },
};

/** `checkpoint:` — how the run reads its starting checkpoint and writes checkpoints into host memory. */
export const CHECKPOINT_FIELDS: Fields = {
  load: {
    type: 'enum',
    values: CHECKPOINT_LOADS,
    description:
      'every-rank (each process materialises the model), every-rank-mmap (each maps the files), rank-zero, sharded. Default: the framework’s.',
  },
  save: {
    type: 'enum',
    values: CHECKPOINT_SAVES,
    description:
      'full-rank-zero (rank 0 gathers the state dict), sharded, sharded-staged (all shards copied to the host first), none.',
  },
  load_dtype: {
    type: 'enum',
    values: BASE_WEIGHT_DTYPES,
    description:
      'dtype of the weights in host memory while loading (default: fp32 for every-rank, else the training dtype).',
  },
};

/** `from:` — the configs a plan reads values from, by format; each a path or glob relative to the plan file. */
export const FROM_FIELDS: Fields = Object.fromEntries(
  IMPORT_FORMATS.map((format) => [
    format.name,
    {
      type: 'string',
      maxLength: 1000,
      description: `${format.title[0]!.toUpperCase()}${format.title.slice(1)}: a path or glob relative to the plan file.`,
    } satisfies FieldSpec,
  ]),
);

const MODEL_OBJECT_FIELDS: Fields = {
  config: { type: 'string', maxLength: 1000, description: 'A Hugging Face config.json, relative to the plan file.' },
  base: { type: 'string', maxLength: 300, description: 'A catalogue id whose config the other fields override.' },
  family: { type: 'string', maxLength: 200, description: "The model_type to follow when the config's is unknown." },
};

export const PLAN_FIELDS: Fields = {
  name: {
    type: 'string',
    maxLength: 100,
    description: 'Unique name; pairs head and base plans. Optional with from: (named after the config file).',
  },
  model: {
    type: 'choice',
    description:
      'A catalogue id (train-memory models), { config: path }, { base: id, … } or inline config.json fields.',
    options: [
      { type: 'string', maxLength: 300, description: 'A catalogue id.' },
      {
        type: 'section',
        fields: MODEL_OBJECT_FIELDS,
        open: true,
        description: 'A config file, a catalogue entry with overrides, or inline Hugging Face config.json fields.',
      },
    ],
  },
  framework: {
    type: 'enum',
    values: FRAMEWORKS,
    description: 'The training code: generic, megatron, deepspeed, fsdp, hf-trainer, torchtune or torchtitan.',
  },
  from: {
    type: 'section',
    fields: FROM_FIELDS,
    description: "Read values from the team's own configs; values written in the plan override them.",
  },
  training: { type: 'section', fields: TRAINING_FIELDS, description: 'How the model is trained.' },
  parallelism: { type: 'section', fields: PARALLELISM_FIELDS, description: 'How the model is split over GPUs.' },
  hardware: { type: 'section', fields: HARDWARE_FIELDS, description: 'The GPUs.' },
  checkpoint: {
    type: 'section',
    fields: CHECKPOINT_FIELDS,
    description: 'How checkpoints are read and written (host memory per node).',
  },
  budget: { type: 'section', fields: BUDGET_FIELDS, description: 'Limits the plan is checked against.' },
};

/** `defaults` takes every plan key except the name, which must be unique. */
export const DEFAULTS_FIELDS: Fields = Object.fromEntries(
  Object.entries(PLAN_FIELDS).filter(([key]) => key !== 'name'),
);

export const FILE_FIELDS: Fields = {
  version: { type: 'enum', values: [1], description: 'Plan file version: 1.' },
  defaults: {
    type: 'section',
    fields: DEFAULTS_FIELDS,
    description: 'Deep-merged under every plan: the plan wins, lists replace.',
  },
  plans: {
    type: 'list',
    items: { type: 'section', fields: PLAN_FIELDS, description: 'One training plan.' },
    description: 'The training plans.',
  },
};
