/** The modelling choices behind a plan's memory estimate, stated for the report's `assumptions`. */
import { DEFAULT_SHARDING } from '../plan.js';
import type { ResolvedPlan } from '../plan.js';
import { BYTES_PER_MIB } from '../units.js';
import {
  ALLOCATOR_SLACK_FRACTION,
  CUDA_CONTEXT_BYTES,
  BLAS_WORKSPACES_PER_STEP,
  blasWorkspaceBytes,
  NCCL_BYTES_PER_COMMUNICATOR,
} from './device-overheads.js';
import { expertKernel } from './expert-loop.js';
import { planStorageConvention } from './storage-conventions.js';

/** The training code, and the sharding engine where the plan chose another than the code's own: `hf-trainer on deepspeed`. */
function stackName(plan: ResolvedPlan): string {
  const { sharding } = plan.parallelism;
  return sharding === DEFAULT_SHARDING[plan.framework] || sharding === null
    ? plan.framework
    : `${plan.framework} on ${sharding}`;
}

export function modelingAssumptions(plan: ResolvedPlan): string[] {
  const { training, parallelism, architecture } = plan;
  const convention = planStorageConvention(plan);
  const stack = stackName(plan);
  const lines =
    training.method === 'full'
      ? [`Model states: ${convention.description} (${stack} conventions).`]
      : training.method === 'freeze'
        ? [
            `Model states: frozen weights in ${convention.frozenWeight} bytes; trained ones as in full training: ${convention.description} (${stack} conventions).`,
          ]
        : [
            `Model states: frozen base weights in ${convention.frozenWeight} bytes` +
              (training.method === 'qlora' ? ', decoder linears in NF4 with double-quantised scales (QLoRA)' : '') +
              `; adapters with ${convention.adapterWeight}-byte weights, gradients and optimizer states (${stack} conventions).`,
          ];
  if (convention.residual > convention.activation && training.method === 'qlora') {
    lines.push(
      "PEFT's prepare_model_for_kbit_training keeps embeddings, norms and the head in fp32, so hidden states between layers are fp32.",
    );
  } else if (convention.residual > convention.activation) {
    lines.push(
      'torch autocast computes in 16 bits from fp32 weights: the hidden states between layers stay fp32, and each linear saves its own 16-bit cast of its input.',
    );
  }
  if (convention.autocastWeightCopy > 0) {
    lines.push(
      'torch autocast casts each fp32 linear weight to 16 bits; autograd keeps the casts for backward (trained weights: one cached cast for the whole forward).',
    );
  }
  if (architecture.layerGroups.some((group) => group.experts !== null)) {
    lines.push(
      'MoE activations assume balanced routing: every GPU processes its tokens × experts-per-token expert rows.',
    );
  }
  if (parallelism.zero === 3)
    lines.push('ZeRO-3 / FSDP keeps the current and the prefetched layer gathered in 16 bits.');
  if (training.optimizer === 'paged-adamw-8bit') {
    lines.push(
      "Paged 8-bit optimizer states live in CUDA unified memory: counted on the device, not in PyTorch's peak.",
    );
  }
  if (
    convention.foreachStep &&
    (training.optimizer === 'adamw' || training.optimizer === 'adam') &&
    !training.optimizerInBackward
  ) {
    lines.push("The optimizer step uses torch's foreach AdamW, which allocates one state-sized temporary.");
  }
  const { attention } = architecture;
  if (
    attention.numKeyValueHeads < attention.numHeads &&
    (plan.framework === 'torchtune' || training.attention !== 'flash')
  ) {
    lines.push(
      `Attention keeps keys and values repeated to all ${attention.numHeads} query heads (torchtune expands grouped heads; transformers' repeat_kv for sdpa/eager).`,
    );
  }
  const kernel = expertKernel(plan);
  if (kernel !== null) {
    lines.push(
      kernel === 'grouped-mm'
        ? "Routed experts run transformers' grouped_mm kernel (its default; training.experts_implementation: eager selects the per-expert loop), in the expert weights' dtype, without autocast copies."
        : "Routed experts run transformers' per-expert loop (experts_implementation eager): slice gradients come back at the full 3-D size.",
    );
  }
  if (architecture.multiTokenPrediction !== null) {
    lines.push(
      `Multi-token-prediction modules (${architecture.multiTokenPrediction.modules}) train on the last pipeline stage, with their own logits.`,
    );
  }
  const mib = (bytes: number): string => `${Math.round(bytes / BYTES_PER_MIB)} MiB`;
  const workspace = blasWorkspaceBytes(plan.hardware.gpu.architecture);
  if (workspace > 0) {
    lines.push(
      `Temporaries include ${BLAS_WORKSPACES_PER_STEP} cuBLAS workspaces of ${mib(workspace)} (PyTorch's default for this GPU; one for the forward thread, one for autograd's)` +
        (plan.hardware.gpu.architecture.kind === 'unknown'
          ? ', sized as on Hopper and later: a custom GPU names no architecture.'
          : '.'),
    );
  }
  lines.push(
    `Reserved adds ${Math.round(ALLOCATOR_SLACK_FRACTION * 100)}% of the activations, logits and temporaries as allocator slack; ` +
      `the device adds ${mib(CUDA_CONTEXT_BYTES)} for the CUDA context and libraries (measured on an H200, calibration/) ` +
      `and ${mib(NCCL_BYTES_PER_COMMUNICATOR)} of NCCL buffers per communicator (a first estimate, not yet measured).`,
  );
  return lines;
}
