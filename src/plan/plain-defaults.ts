/**
 * Which filled-in defaults are plain: the setup a reader takes for granted when a key is not written — a parallel
 * degree of 1, nothing sharded or offloaded, a memory feature left off, whole nodes of 8. The report lists these
 * apart, folded, after the assumptions that change the numbers: recomputation (`activation_checkpointing`), kernels
 * (`attention`, `cross_entropy`, `compile`), precision, optimizer, batch, method and the framework's conventions.
 * The loader's recorder (resolve-plan-reader.ts) sorts each default by its dotted key here; nothing matches text.
 */
export const PLAIN_DEFAULT_KEYS: ReadonlySet<string> = new Set([
  'parallelism.tensor',
  'parallelism.pipeline',
  'parallelism.virtual_pipeline',
  'parallelism.context',
  'parallelism.expert',
  'parallelism.sequence_parallel',
  'parallelism.zero',
  'parallelism.offload.optimizer',
  'parallelism.offload.parameters',
  'training.optimizer_in_backward',
  'training.activation_offloading',
  'training.lora.dropout',
  'hardware.gpus_per_node',
  'hardware.host_memory_per_node',
]);
