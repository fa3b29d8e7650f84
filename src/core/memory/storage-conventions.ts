/**
 * Which dtypes hold weights, gradients and optimizer states: set by the training code, the sharding engine and the
 * precision regime. Bytes per element; every row names the framework behaviour it follows.
 */
import { DEFAULT_SHARDING } from '../plan.js';
import type {
  BaseWeightDtype,
  Framework,
  Optimizer,
  Precision,
  ResolvedPlan,
  ShardingEngine,
  TrainingMethod,
} from '../plan.js';
import { freezeTrainability } from '../trainable-parameters.js';
import { FP32, HALF } from './element-bytes.js';
import { NestedCache } from '../nested-cache.js';

export interface StorageConvention {
  /** Bytes per trainable weight as stored on the GPU (the tensor the model holds). */
  readonly weight: number;
  /** Bytes per gradient element. */
  readonly gradient: number;
  /** fp32 gradient partition materialised for the optimizer step only (DeepSpeed: the 4 of its estimator's 18). */
  readonly stepGradientPartition: number;
  /** fp32 master copy held by the optimizer when the model weights are 16-bit. */
  readonly master: number;
  /** Bytes per optimizer-state element (moments). */
  readonly state: number;
  /** Bytes per frozen base weight (LoRA; QLoRA's unquantised tensors). */
  readonly frozenWeight: number;
  /**
   * Bytes of the 16-bit copy torch.autocast makes of each fp32 linear weight: cached for the whole forward when the
   * weight trains, saved by autograd for backward either way (torch AMP with fp32 weights; 0 otherwise).
   */
  readonly autocastWeightCopy: number;
  /** The forward runs under torch.autocast (torch AMP: the HF Trainer's mixed-precision flags). */
  readonly autocast: boolean;
  /** The optimizer step runs as torch's foreach kernels, allocating one state-sized temporary (temporaries.ts). */
  readonly foreachStep: boolean;
  /** Gradients persist between steps in a preallocated buffer (Megatron's main_grad). */
  readonly persistentGradients: boolean;
  /** Linear kernels are fused (Transformer Engine): norms and activations save their inputs only. */
  readonly fusedKernels: boolean;
  /** Saved activation element size. */
  readonly activation: number;
  /** Element size of the hidden states between layers (checkpointed layer inputs). */
  readonly residual: number;
  /** Adapter weights (LoRA): PEFT upcasts adapters to fp32 (autocast_adapter_dtype=True); torchtune keeps bf16. */
  readonly adapterWeight: number;
  readonly description: string;
}

const BASE_DTYPE_BYTES: Record<BaseWeightDtype, number> = { fp32: FP32, bf16: HALF, fp16: HALF };

function isMixed(precision: Precision): boolean {
  return precision === 'fp16-mixed' || precision === 'bf16-mixed' || precision === 'fp8-mixed';
}

/**
 * @example storageConvention('megatron', 'bf16-mixed', 'full').gradient //=> 4 (Megatron's fp32 main_grad)
 */
export function storageConvention(
  framework: Framework,
  precision: Precision,
  method: TrainingMethod,
  baseDtype: BaseWeightDtype | 'nf4' | null = null,
  sharding: ShardingEngine | null = DEFAULT_SHARDING[framework],
  freezeTrainsEmbedding = false,
): StorageConvention {
  // DeepSpeed and Megatron-LM hold the master weights in their own optimizers, whatever training code drives them.
  const ownMaster = sharding === 'deepspeed' || sharding === 'megatron';
  const activation = precision === 'fp32' ? FP32 : HALF;
  const adapterWeight = framework === 'torchtune' || precision === 'fp32' ? activation : FP32;
  // PEFT's prepare_model_for_kbit_training (run by the HF Trainer / TRL path for 4-bit models) casts every
  // non-quantised parameter — embeddings, norms, LM head — to fp32, so the hidden states between layers are fp32 too
  // (fms-acceleration: the standard bitsandbytes path OOMs on Llama-2-70B where its bf16 plugin fits; validation/measured).
  const kbitUpcast = framework === 'hf-trainer' && method === 'qlora';
  const frozenBase = method === 'lora' || method === 'freeze';
  const loadedBase = frozenBase && baseDtype !== null && baseDtype !== 'nf4' ? BASE_DTYPE_BYTES[baseDtype] : null;
  const frozenWeight = loadedBase ?? (precision === 'fp32' || kbitUpcast ? FP32 : HALF);
  // torch AMP (HF Trainer) computes in 16 bits from fp32 weights. The embedding is not autocast, so the hidden states
  // between layers keep the embedding weight's dtype: fp32 for a full fine-tune, the base dtype for LoRA.
  // On DeepSpeed the HF Trainer leaves mixed precision to the engine (accelerate: no autocast with a DeepSpeed plugin).
  const torchAmp = framework === 'hf-trainer' && !ownMaster && isMixed(precision);
  // A freeze plan's trained weights are fp32 under torch AMP like a full fine-tune's (LLaMA-Factory upcasts them,
  // model/adapter.py cast_trainable_params_to_fp32), so a trained embedding makes the hidden states fp32.
  const fullTorchAmp = torchAmp && (method === 'full' || (method === 'freeze' && freezeTrainsEmbedding));
  const residual = kbitUpcast || fullTorchAmp ? FP32 : (loadedBase ?? activation);
  // Autocast casts each fp32 linear weight to 16 bits per use; autograd saves the cast for the input gradient
  // (torch/csrc/autograd/FunctionsManual: mm backward needs the other factor), trainable or frozen. A freeze plan's
  // trained linears are fp32 (temporaries.ts counts which linears are cast).
  const fp32LinearsUnderAutocast =
    fullTorchAmp || (torchAmp && (method === 'freeze' || (method === 'lora' && frozenWeight === FP32)));
  const base = {
    residual,
    stepGradientPartition: 0,
    autocastWeightCopy: fp32LinearsUnderAutocast ? HALF : 0,
    autocast: torchAmp,
    persistentGradients: false,
    fusedKernels: false,
    activation,
    adapterWeight,
    frozenWeight,
  };
  // torch.optim defaults to the foreach implementation on CUDA (torch/optim/optimizer.py _default_to_fused_or_foreach);
  // torchtune recipes set fused=True, torchtitan's default implementation is "fused", DeepSpeed and Megatron use their
  // fused multi-tensor Adam.
  const foreachStep = (framework === 'generic' || framework === 'hf-trainer') && !ownMaster;
  if (precision === 'fp32') {
    return {
      ...base,
      weight: FP32,
      gradient: FP32,
      master: 0,
      state: FP32,
      foreachStep,
      description: 'fp32 weights, gradients and states',
    };
  }
  if (!isMixed(precision)) {
    // Pure 16-bit training: weights, gradients and moments all 16-bit (torchtune; torch AdamW states follow the param dtype).
    return {
      ...base,
      weight: HALF,
      gradient: HALF,
      master: 0,
      state: HALF,
      foreachStep,
      description: 'pure 16-bit weights, gradients and states',
    };
  }
  switch (ownMaster ? sharding : framework) {
    case 'megatron':
      // Megatron-LM docs/distrib_optimizer: bf16 params (2) + fp32 main grads (4) + fp32 main params (4) + Adam (8) = 18.
      return {
        ...base,
        weight: HALF,
        gradient: FP32,
        master: FP32,
        state: FP32,
        foreachStep: false,
        persistentGradients: true,
        fusedKernels: true,
        description: '16-bit weights, fp32 main gradients, fp32 master weights and states (Megatron)',
      };
    case 'deepspeed':
      // DeepSpeed ZeRO (ZeRO paper convention, 16 B/param persistent): 16-bit params and grads, fp32 master and Adam.
      // Its estimator's 18 = 2 + 4 + 12 adds the fp32 gradient partition it builds for the step
      // (stage_1_and_2.py: single_partition_of_fp32_groups[i].grad), a step temporary here.
      return {
        ...base,
        weight: HALF,
        gradient: HALF,
        stepGradientPartition: FP32,
        master: FP32,
        state: FP32,
        foreachStep: false,
        description:
          '16-bit weights and gradients, fp32 master weights and states; fp32 gradient partition at the step (DeepSpeed)',
      };
    case 'hf-trainer':
    case 'fsdp':
    case 'torchtitan':
      // torch AMP (HF Trainer) and FSDP2 mixed precision keep fp32 parameters and gradients; compute runs in 16-bit
      // (autocast's weight cast cache, or FSDP's 16-bit all-gathered copy).
      return {
        ...base,
        weight: FP32,
        gradient: FP32,
        master: 0,
        state: FP32,
        foreachStep,
        description: 'fp32 weights, gradients and states; 16-bit compute copies',
      };
    default:
      // ZeRO paper §3 (Rajbhandari et al. 2020): 16-bit params and grads, fp32 master + Adam = 16 bytes per parameter.
      return {
        ...base,
        weight: HALF,
        gradient: HALF,
        master: FP32,
        state: FP32,
        foreachStep,
        description: '16-bit weights and gradients, fp32 master weights and states (ZeRO paper convention)',
      };
  }
}

/** Conventions already worked out, by their six inputs (at most 7 × 5 × 4 × 5 × 5 × 2 entries): the estimator asks per
 * stage, and a search asks for thousands of plans. */
const conventions = new NestedCache<StorageConvention>();

/** The storage convention of a resolved plan: its framework and sharding engine, precision, method and LoRA base. */
export function planStorageConvention(plan: ResolvedPlan): StorageConvention {
  const { training } = plan;
  const freeze = training.method === 'freeze' ? (training.freeze ?? null) : null;
  const baseDtype = training.lora?.baseDtype ?? freeze?.baseDtype ?? null;
  const sharding = plan.parallelism.sharding;
  const embedding = freeze !== null && freezeTrainability(plan.architecture, freeze).embedding;
  return conventions.get([plan.framework, training.precision, training.method, baseDtype, sharding, embedding], () =>
    storageConvention(plan.framework, training.precision, training.method, baseDtype, sharding, embedding),
  );
}

/** Optimizer states per trainable element (moments), before the state dtype is applied. */
export function momentsPerElement(optimizer: Optimizer): number {
  switch (optimizer) {
    case 'adam':
    case 'adamw':
    case 'adamw-8bit':
    case 'paged-adamw-8bit':
      return 2; // first and second moments (Kingma & Ba 2015)
    case 'sgd-momentum':
    case 'lion':
      return 1; // momentum buffer (torch.optim.SGD; Chen et al. 2023 Lion)
    case 'sgd':
      return 0;
    case 'adafactor':
      return 0; // factored second moment: counted per tensor shape (model-states.ts optimizerStateBytesOfTensor)
  }
}
