/**
 * PyTorch FSDP1 flattens the parameters of each wrapped module (a decoder layer; the root module keeps the embedding,
 * the final norm and the head) into one FlatParameter (torch/distributed/fsdp/_flat_param.py). With
 * use_orig_params=True its members may mix requires_grad: the flat parameter requires grad when any member does, and
 * its gradient is one tensor the size of the whole flat parameter, frozen members included (zeros there: the
 * `_is_grad_none_mask` only hides them from the optimizer). A flat parameter also has one dtype ("Must flatten tensors
 * with uniform dtype"), the loaded model's, which its gradient takes: the frozen members' gradient is counted in their
 * dtype. FSDP2 and DeepSpeed keep gradients per parameter.
 */
import type { Framework, ParallelismSettings, TrainingMethod } from '../plan.js';
import type { ParameterTensor } from './stage-tensors.js';

/**
 * Whether the plan's wrapped units mix frozen and trainable parameters in FSDP1 flat parameters: a freeze plan (its
 * root unit), or LoRA outside the HF Trainer, whose adapters share their layer's unit. The HF Trainer hands PEFT
 * models to accelerate with PEFT's fsdp_auto_wrap_policy (transformers Trainer._fsdp_qlora_plugin_updates), which
 * wraps every trainable leaf module on its own, so its layer units stay frozen.
 */
export function mixesFlatParameters(
  framework: Framework,
  method: TrainingMethod,
  parallelism: Pick<ParallelismSettings, 'sharding' | 'zero'>,
): boolean {
  if (parallelism.sharding !== 'fsdp' || parallelism.zero < 2) return false;
  return method === 'freeze' || (method === 'lora' && framework !== 'hf-trainer');
}

/** One wrapped unit's tensors, its frozen members marked as sharing the flat gradient when any member trains. */
export function flattenUnit(tensors: ParameterTensor[], mixes: boolean): ParameterTensor[] {
  if (!mixes || !tensors.some((t) => t.trainable) || tensors.every((t) => t.trainable)) return tensors;
  return tensors.map((t) => (t.trainable ? t : { ...t, flatGradient: true }));
}
