/**
 * Names the HF Trainer stack shares across Axolotl and LLaMA-Factory: transformers' optimizer names
 * (TrainingArguments.optim, transformers/training_args.py OptimizerNames), attention implementations
 * (attn_implementation) and FSDP sharding strategies (accelerate FullyShardedDataParallelPlugin).
 */
import type { PlanPath } from '../plan-issue.js';
import type { ConfigReader } from './config-reader.js';

interface OptimizerReading {
  readonly optimizer: string;
  /** What the estimate does not model about it, when something. */
  readonly caveat?: string;
}

const FUSED_CAVEAT =
  "steps with torch's fused AdamW, which needs no state-sized temporary; estimated with the foreach step's temporary (high by that much when the optimizer step is the peak)";

/** transformers OptimizerNames (and Axolotl's torchao names) → plan optimizer. */
const OPTIMIZERS: Readonly<Record<string, OptimizerReading>> = {
  adamw_torch: { optimizer: 'adamw' },
  adamw_hf: { optimizer: 'adamw' },
  adamw_torch_xla: { optimizer: 'adamw' },
  adamw_anyprecision: { optimizer: 'adamw' },
  adamw_torch_fused: { optimizer: 'adamw', caveat: FUSED_CAVEAT },
  adamw_apex_fused: { optimizer: 'adamw', caveat: FUSED_CAVEAT },
  adamw_torch_npu_fused: { optimizer: 'adamw', caveat: FUSED_CAVEAT },
  adamw_bnb_8bit: { optimizer: 'adamw-8bit' },
  adamw_8bit: { optimizer: 'adamw-8bit' },
  adamw_torch_8bit: { optimizer: 'adamw-8bit' },
  ao_adamw_8bit: { optimizer: 'adamw-8bit' },
  paged_adamw_8bit: { optimizer: 'paged-adamw-8bit' },
  paged_adamw_32bit: {
    optimizer: 'adamw',
    caveat: 'keeps fp32 states in paged (unified) memory, which the estimate counts on the device as plain AdamW',
  },
  adafactor: { optimizer: 'adafactor' },
  sgd: { optimizer: 'sgd' },
  lion_32bit: { optimizer: 'lion' },
  lion_8bit: { optimizer: 'lion', caveat: 'keeps 8-bit states; estimated with 32-bit Lion states' },
  paged_lion_32bit: { optimizer: 'lion', caveat: 'keeps paged states; estimated as plain Lion' },
  paged_lion_8bit: { optimizer: 'lion', caveat: 'keeps 8-bit paged states; estimated with 32-bit Lion states' },
};

/** Reads an HF optimizer name at `key` into training.optimizer; unknown names are warned about. */
export function readHfOptimizer(reader: ConfigReader, key: PlanPath): void {
  const name = reader.string(key);
  if (name === undefined) return;
  const reading = OPTIMIZERS[name.toLowerCase()];
  if (reading === undefined) {
    reader.warn(key, `optimizer ${name} is not one the estimate models; the plan's optimizer (default adamw) is used`);
    return;
  }
  reader.set('training.optimizer', reading.optimizer, [key]);
  if (reading.caveat !== undefined) reader.warn(key, `${name} ${reading.caveat}`);
}

/** transformers attn_implementation values → plan attention kernel. */
export function attentionKernel(name: string): { readonly kernel: string; readonly note?: string } | null {
  switch (name) {
    case 'flash_attention_2':
    case 'flash_attention_3':
    case 'kernels-community/flash-attn':
    case 'kernels-community/vllm-flash-attn3':
      return { kernel: 'flash' };
    case 'sdpa':
      return { kernel: 'sdpa' };
    case 'eager':
      return { kernel: 'eager' };
    case 'xformers':
      return { kernel: 'flash', note: "xformers' memory-efficient attention keeps no s×s scores, like flash" };
    case 'flex_attention':
      return { kernel: 'flash', note: 'flex attention keeps no s×s scores; estimated like flash' };
    default:
      return null;
  }
}

/** FSDP sharding strategy (accelerate: name or 1-4) → ZeRO stage; HYBRID_SHARD shards within a node only. */
export function fsdpStage(strategy: string): { readonly zero: number; readonly caveat?: string } | null {
  switch (strategy.toUpperCase().replace(/^FSDP_/, '')) {
    case 'FULL_SHARD':
    case '1':
      return { zero: 3 };
    case 'SHARD_GRAD_OP':
    case '2':
      return { zero: 2 };
    case 'NO_SHARD':
    case '3':
      return { zero: 0 };
    case 'HYBRID_SHARD':
    case 'HYBRID_SHARD_ZERO2':
    case '4':
    case '5':
      return {
        zero: 3,
        caveat: 'shards within each node and replicates across nodes; estimated as full sharding over every GPU',
      };
    default:
      return null;
  }
}
