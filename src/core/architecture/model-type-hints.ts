/**
 * Which supported family an unsupported `model_type` is built like, when that can be told from the config: its
 * `architectures` field names a transformers class this tool reads (fine-tunes and conversions often rename
 * model_type and keep the class), or the model_type is a known re-release of a supported architecture.
 */

/** transformers model classes (without ForCausalLM / LMHeadModel / ForConditionalGeneration) → model_type. */
const CLASS_FAMILIES: Readonly<Record<string, string>> = {
  Llama: 'llama',
  Mistral: 'mistral',
  Mixtral: 'mixtral',
  Qwen2: 'qwen2',
  Qwen3: 'qwen3',
  Qwen2Moe: 'qwen2_moe',
  Qwen3Moe: 'qwen3_moe',
  QWen: 'qwen',
  Gemma: 'gemma',
  Gemma2: 'gemma2',
  Gemma3: 'gemma3_text',
  Phi: 'phi',
  Phi3: 'phi3',
  GPT2: 'gpt2',
  GPTNeoX: 'gpt_neox',
  GPTBigCode: 'gpt_bigcode',
  Starcoder2: 'starcoder2',
  Falcon: 'falcon',
  Bloom: 'bloom',
  Cohere: 'cohere',
  Cohere2: 'cohere2',
  Granite: 'granite',
  GraniteMoe: 'granitemoe',
  Glm: 'glm',
  Glm4: 'glm4',
  Olmo: 'olmo',
  Olmo2: 'olmo2',
  Olmoe: 'olmoe',
  GptOss: 'gpt_oss',
  Mpt: 'mpt',
  InternLM2: 'internlm2',
  DeepseekV2: 'deepseek_v2',
  DeepseekV3: 'deepseek_v3',
  Llama4: 'llama4_text',
};

/**
 * model_types published for checkpoints whose modules, names and defaults are a supported family's: the first Yi
 * uploads (`model_type: Yi`, remote YiForCausalLM) are Llama's layout (01-ai/Yi README: "Yi has the same model
 * architecture as Llama"; later uploads say `llama`).
 */
const RENAMED: Readonly<Record<string, string>> = {
  Yi: 'llama',
};

export interface FamilyHint {
  readonly family: string;
  /** Why, for the message: `its architectures field names LlamaForCausalLM`. */
  readonly reason: string;
}

export function familyHint(config: Readonly<Record<string, unknown>>, supported: readonly string[]): FamilyHint | null {
  const modelType = config['model_type'];
  if (typeof modelType === 'string' && RENAMED[modelType] !== undefined) {
    return { family: RENAMED[modelType], reason: `${modelType} models are built as ${RENAMED[modelType]}` };
  }
  const classes = Array.isArray(config['architectures']) ? config['architectures'] : [];
  for (const name of classes) {
    if (typeof name !== 'string') continue;
    const prefix = /^(.*?)(ForCausalLM|LMHeadModel|ForConditionalGeneration)$/.exec(name)?.[1];
    const family = prefix === undefined ? undefined : CLASS_FAMILIES[prefix];
    if (family !== undefined && supported.includes(family)) {
      return { family, reason: `its architectures field names ${name}` };
    }
  }
  return null;
}
