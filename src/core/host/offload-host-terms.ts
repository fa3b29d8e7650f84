/**
 * What one rank keeps in host memory (and on NVMe) for offloaded model states, as each sharding engine allocates it:
 * the states themselves (model-states.ts, hostParts), the engine's staging and swap buffers, the rounding of its
 * pinned blocks (pinned-memory.ts), and the optimizer step's temporaries on the CPU.
 */
import type { ResolvedPlan } from '../plan.js';
import type { DataParallelSizes, ModelStateBytes } from '../memory/model-states.js';
import { layerTensors, type ParameterTensor } from '../memory/stage-tensors.js';
import type { PipelineStage } from '../memory/stage-layout.js';
import type { StorageConvention } from '../memory/storage-conventions.js';
import { FP32 } from '../memory/element-bytes.js';
import { chunkedBuffers, pinnedRoundingBytes, type PinnedBuffers } from './pinned-memory.js';

/** DeepSpeed ZeRO-3 `sub_group_size` default, in elements (deepspeed/runtime/zero/config.py: 1e9). */
export const DEEPSPEED_SUB_GROUP_SIZE = 1e9;
/** ZeRO-Infinity optimizer swapping: `offload_optimizer.buffer_count` default 4 (runtime/zero/offload_config.py). */
export const DEEPSPEED_OPTIMIZER_SWAP_BUFFERS = 4;
/** ZeRO-Infinity parameter swapping: `offload_param.buffer_count` 5 buffers of `buffer_size` 1e8 elements, and
 * `max_in_cpu` 1e9 elements kept in CPU memory (runtime/zero/offload_config.py defaults). */
export const DEEPSPEED_PARAMETER_SWAP_BUFFERS = 5;
export const DEEPSPEED_PARAMETER_SWAP_BUFFER_ELEMENTS = 1e8;
export const DEEPSPEED_PARAMETERS_KEPT_IN_CPU = 1e9;
/** torch.optim.AdamW on CPU tensors runs its single-tensor path (foreach only on CUDA: optimizer.py
 * _default_to_fused_or_foreach): `exp_avg_sq.sqrt() / bias_correction2_sqrt` holds two fp32 temporaries of the
 * largest parameter at once (adamw.py _single_tensor_adamw). */
export const CPU_ADAM_TEMPORARIES = 2;

export interface OffloadHostTerms {
  /** Offloaded parameters in host memory (16-bit partitions for DeepSpeed, fp32 shards for FSDP). */
  readonly parameters: number;
  /** Offloaded gradients in host memory. */
  readonly gradients: number;
  /** Master weights and optimizer states in host memory. */
  readonly optimizerStates: number;
  /** The engine's own staging, accumulation and swap buffers. */
  readonly buffers: number;
  /** What rounding pinned blocks up to powers of two adds. */
  readonly pinnedRounding: number;
  /** Page-locked bytes among the above, rounding included. */
  readonly pinned: number;
  /** Temporaries of the optimizer step on the CPU. */
  readonly cpuOptimizerStep: number;
  /** Bytes this rank keeps on NVMe (ZeRO-Infinity). */
  readonly nvme: number;
  /** Bytes this rank reads from and writes to NVMe per optimizer step. */
  readonly nvmeReadPerStep: number;
  readonly nvmeWritePerStep: number;
}

export const NO_OFFLOAD: OffloadHostTerms = {
  parameters: 0,
  gradients: 0,
  optimizerStates: 0,
  buffers: 0,
  pinnedRounding: 0,
  pinned: 0,
  cpuOptimizerStep: 0,
  nvme: 0,
  nvmeReadPerStep: 0,
  nvmeWritePerStep: 0,
};

export interface OffloadInputs {
  readonly plan: ResolvedPlan;
  readonly stage: PipelineStage;
  readonly tensors: readonly ParameterTensor[];
  readonly states: ModelStateBytes;
  readonly convention: StorageConvention;
  readonly dataParallel: DataParallelSizes;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Elements of `tensors` one rank holds once ZeRO stage `stage` shards them (whole below that stage). */
function shardElements(tensors: readonly ParameterTensor[], inputs: OffloadInputs, stage: number): number {
  const { zero } = inputs.plan.parallelism;
  return sum(
    tensors.map((t) => {
      const replicas = t.group === 'expert' ? inputs.dataParallel.expert : inputs.dataParallel.dense;
      return (t.elements * t.count) / (zero >= stage ? replicas : 1);
    }),
  );
}

/** Per-tensor blocks of `bytesPerElement`, each tensor sharded as ZeRO stage 3 shards it (FSDP2: per parameter). */
function perTensorBlocks(
  tensors: readonly ParameterTensor[],
  inputs: OffloadInputs,
  bytesPerElement: number,
): PinnedBuffers[] {
  return tensors.map((t) => {
    const replicas = t.group === 'expert' ? inputs.dataParallel.expert : inputs.dataParallel.dense;
    return { bytes: (t.elements / replicas) * bytesPerElement, count: t.count };
  });
}

/** Element counts FSDP1 flattens into, one flat parameter per wrapped decoder layer plus the root (embedding, head),
 * each sharded over the data-parallel group. */
function fsdpUnitElements(inputs: OffloadInputs): PinnedBuffers[] {
  const { plan, stage, tensors } = inputs;
  const replicas = inputs.dataParallel.dense;
  const context = { method: plan.training.method, lora: plan.training.lora, parallelism: plan.parallelism };
  const units: PinnedBuffers[] = stage.layers.map((group) => ({
    bytes: sum(layerTensors(group, 1, context).map((t) => t.elements * t.count)) / replicas,
    count: group.count,
  }));
  const inLayers = sum(units.map((u) => u.bytes * u.count)) * replicas;
  const root = sum(tensors.map((t) => t.elements * t.count)) - inLayers;
  if (root > 0) units.push({ bytes: root / replicas, count: 1 });
  return units;
}

/** Host memory and NVMe one rank uses for the plan's offload, engine by engine. */
export function offloadHostTerms(inputs: OffloadInputs): OffloadHostTerms {
  const { plan, tensors, states, convention } = inputs;
  const { offload, zero, sharding } = plan.parallelism;
  const optimizerTarget = offload.optimizer;
  const parameterTarget = offload.parameters;
  if (optimizerTarget === 'none' && parameterTarget === 'none') return NO_OFFLOAD;
  const parts = states.hostParts;
  const trainable = tensors.filter((t) => t.trainable);
  const p = shardElements(trainable, inputs, 1);
  const optimizerOnNvme = optimizerTarget === 'nvme';
  const parametersOnNvme = parameterTarget === 'nvme';
  const weightBytes = plan.training.method === 'full' ? convention.weight : convention.frozenWeight;

  // States as model-states.ts counts them: optimizer states and gradients follow the optimizer's target.
  let parameters = parametersOnNvme ? 0 : parts.parameters;
  const gradients = optimizerOnNvme ? 0 : parts.gradients;
  const optimizerStates = optimizerOnNvme ? 0 : parts.optimizerStates;
  let nvme =
    (optimizerOnNvme ? parts.gradients + parts.optimizerStates : 0) + (parametersOnNvme ? parts.parameters : 0);
  let buffers = 0;
  let locked = 0; // page-locked without rounding (DeepSpeed's aio allocator pins exact sizes)
  const pinnedBlocks: PinnedBuffers[] = [];
  let cpuOptimizerStep = 0;
  let nvmeRead = 0;
  let nvmeWrite = 0;

  if (sharding === 'deepspeed' && zero < 3) {
    // stage_1_and_2.py with offload_optimizer (pin_memory true by default): the fp32 master partition and its fp32
    // gradient partition are pinned (single_partition_of_fp32_groups and .grad), Adam's moments are not
    // (DeepSpeedCPUAdam: torch.zeros_like); a pinned 16-bit copy of the partition stages the updated weights back to
    // the GPU (param_buffer_of_bit16_for_cpu_offload_groups), a pinned buffer of the largest parameter stages
    // gradients (temp_grad_buffer_for_cpu_offload), and with gradient accumulation each parameter of the partition
    // accumulates in its own pinned 16-bit buffer (accumulated_grads_in_cpu).
    const halfCopy = p * convention.weight;
    const largest = Math.max(0, ...trainable.map((t) => t.elements));
    const stagingBuffer = largest * convention.weight;
    const accumulating = plan.training.gradientAccumulationSteps > 1;
    const accumulation = accumulating ? perTensorBlocks(trainable, inputs, convention.weight) : [];
    const master = p * convention.master;
    buffers += halfCopy + stagingBuffer + sum(accumulation.map((b) => b.bytes * b.count));
    pinnedBlocks.push(
      { bytes: master, count: 1 },
      { bytes: parts.gradients, count: 1 },
      { bytes: halfCopy, count: 1 },
      { bytes: stagingBuffer, count: 1 },
      ...accumulation,
    );
  } else if (sharding === 'deepspeed') {
    // stage3.py: reduced gradients land in a pinned flat buffer of the whole partition in the gradient accumulation
    // dtype (grad_partitions_flat_buffer; engine.py get_data_types: the model's 16-bit dtype unless
    // data_types.grad_accum_dtype says otherwise) and are copied into each sub group's pinned fp32 gradient buffer for
    // the step (initialize_optimizer_states); the fp32 master and Adam's moments are not pinned.
    const gradientBuffer = p * convention.gradient;
    const largestSubGroup = Math.min(p, DEEPSPEED_SUB_GROUP_SIZE);
    if (optimizerTarget !== 'none') {
      buffers += gradientBuffer;
      pinnedBlocks.push({ bytes: gradientBuffer, count: 1 });
    }
    if (optimizerTarget === 'cpu') {
      pinnedBlocks.push(...chunkedBuffers(parts.gradients, DEEPSPEED_SUB_GROUP_SIZE * FP32));
    } else if (optimizerOnNvme) {
      // ZeRO-Infinity swaps each sub group's fp32 master, moments and gradients through buffer_count page-locked
      // buffers of the largest sub group (swap_tensor/optimizer_utils.py SwapBufferManager: aio, exact size), with an
      // unpinned gradient buffer of the same size (initialize_optimizer_states).
      const swap = DEEPSPEED_OPTIMIZER_SWAP_BUFFERS * largestSubGroup * FP32;
      buffers += swap + largestSubGroup * FP32;
      locked += swap;
      // Every step reads and writes the partition's fp32 master, moments and gradients once.
      nvmeRead += parts.gradients + parts.optimizerStates;
      nvmeWrite += parts.gradients + parts.optimizerStates;
    }
    if (parameterTarget !== 'none') {
      // The 16-bit parameter partition lives in pinned flat buffers (param_groups_fp16_flat_cpu_memory), at most
      // max_in_cpu elements of it with NVMe; the rest is swapped through buffer_count × buffer_size pinned buffers.
      const q = parts.parameters / weightBytes;
      const inCpu = parametersOnNvme ? Math.min(q, DEEPSPEED_PARAMETERS_KEPT_IN_CPU) : q;
      parameters = inCpu * weightBytes;
      pinnedBlocks.push({ bytes: parameters, count: 1 });
      if (parametersOnNvme) {
        nvme = nvme - parts.parameters + (q - inCpu) * weightBytes;
        const swap = DEEPSPEED_PARAMETER_SWAP_BUFFERS * DEEPSPEED_PARAMETER_SWAP_BUFFER_ELEMENTS * weightBytes;
        buffers += swap;
        locked += swap;
        // Forward and backward of every micro-batch read the swapped parameters; the step writes them once.
        const swapped = (q - inCpu) * weightBytes;
        nvmeRead += 2 * plan.training.gradientAccumulationSteps * swapped;
        nvmeWrite += swapped;
      }
    }
  } else if (sharding === 'fsdp' || sharding === 'fsdp2') {
    // FSDP1 CPUOffload(offload_params=True): each flat parameter's fp32 local shard and its _cpu_grad are pinned
    // (_flat_param.py _init_shard_metadata); FSDP2 CPUOffloadPolicy(pin_memory=True) pins each parameter's shard
    // (_fsdp_param.py) and the gradients copied to the CPU with non_blocking=True land in pinned memory.
    const units = sharding === 'fsdp' ? fsdpUnitElements(inputs) : perTensorBlocks(tensors, inputs, 1);
    const trainableUnits = sharding === 'fsdp' ? units : perTensorBlocks(trainable, inputs, 1);
    pinnedBlocks.push(
      ...units.map((u) => ({ bytes: u.bytes * weightBytes, count: u.count })),
      ...trainableUnits.map((u) => ({ bytes: u.bytes * FP32, count: u.count })),
    );
    cpuOptimizerStep = CPU_ADAM_TEMPORARIES * Math.max(0, ...trainableUnits.map((u) => u.bytes)) * FP32;
  }
  // Megatron's optimizer CPU offload and the generic (ZeRO paper) accounting: the states alone, nothing pinned.

  const pinnedRounding = pinnedRoundingBytes(pinnedBlocks);
  const pinned = sum(pinnedBlocks.map((b) => b.bytes * b.count)) + pinnedRounding + locked;
  return {
    parameters,
    gradients,
    optimizerStates,
    buffers,
    pinnedRounding,
    pinned,
    cpuOptimizerStep,
    nvme,
    nvmeReadPerStep: nvmeRead,
    nvmeWritePerStep: nvmeWrite,
  };
}
