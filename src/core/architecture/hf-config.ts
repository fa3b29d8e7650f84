/**
 * Hugging Face config.json → Architecture. Each supported `model_type` is read the way transformers (or the model's
 * own remote code) builds its modules; a plan may name the family to follow for an unsupported `model_type`.
 * Multimodal checkpoints are read for their language model (text_config) and say so (`languageModelOf`).
 */
import { ArchitectureConfigError, ConfigReader } from './config-reader.js';
import { bloomArchitecture } from './families/bloom.js';
import { DEEPSEEK_MODEL_TYPES, deepseekArchitecture } from './families/deepseek.js';
import { falconArchitecture } from './families/falcon.js';
import { gptBigCodeArchitecture } from './families/gpt-bigcode.js';
import { gpt2Architecture } from './families/gpt2.js';
import { gptNeoxArchitecture } from './families/gpt-neox.js';
import { DIALECTS, llamaStyleArchitecture } from './families/llama-style.js';
import { llama4TextArchitecture } from './families/llama4.js';
import { MOE_MODEL_TYPES, moeArchitecture } from './families/moe.js';
import { mptArchitecture } from './families/mpt.js';
import { phiArchitecture } from './families/phi.js';
import { qwen1Architecture } from './families/qwen1.js';
import { familyHint } from './model-type-hints.js';
import type { Architecture } from './types.js';

export { ArchitectureConfigError } from './config-reader.js';

type FamilyReader = (reader: ConfigReader, modelType: string) => Architecture;

const FAMILIES: Readonly<Record<string, FamilyReader>> = {
  ...Object.fromEntries(
    Object.entries(DIALECTS).map(([modelType, dialect]) => [
      modelType,
      (reader: ConfigReader, type: string) => llamaStyleArchitecture(reader, type, dialect),
    ]),
  ),
  ...Object.fromEntries(MOE_MODEL_TYPES.map((modelType) => [modelType, moeArchitecture])),
  ...Object.fromEntries(DEEPSEEK_MODEL_TYPES.map((modelType) => [modelType, deepseekArchitecture])),
  llama4_text: llama4TextArchitecture,
  qwen: qwen1Architecture,
  phi: phiArchitecture,
  gpt2: gpt2Architecture,
  gpt_bigcode: gptBigCodeArchitecture,
  gpt_neox: gptNeoxArchitecture,
  falcon: falconArchitecture,
  RefinedWebModel: falconArchitecture,
  RefinedWeb: falconArchitecture,
  bloom: bloomArchitecture,
  mpt: mptArchitecture,
};

/**
 * Multimodal `model_type`s → the family of their language model when text_config names none (the config class's
 * default text_config), or when the text fields sit at the top level (Qwen2-VL and Qwen2.5-VL as first published).
 * Sources: transformers models/<type>/configuration_<type>.py.
 */
const MULTIMODAL: Readonly<Record<string, string>> = {
  gemma3: 'gemma3_text',
  llama4: 'llama4_text',
  qwen2_vl: 'qwen2',
  qwen2_5_vl: 'qwen2',
  qwen3_vl: 'qwen3',
  qwen3_vl_moe: 'qwen3_moe',
  llava: 'llama',
  llava_next: 'llama',
  llava_onevision: 'qwen2',
  mistral3: 'mistral',
  paligemma: 'gemma',
  idefics3: 'llama',
  smolvlm: 'llama',
  aya_vision: 'cohere2',
  internvl: 'qwen2',
};

/**
 * Text-config `model_type`s that are a supported family under another name: the language models of Qwen2-VL,
 * Qwen2.5-VL and Qwen3-VL are built as Qwen2's, Qwen3's and Qwen3-MoE's decoders (modeling_qwen2_vl.py
 * Qwen2VLTextModel, modeling_qwen3_vl.py Qwen3VLTextModel, modeling_qwen3_vl_moe.py).
 */
const TEXT_MODEL_TYPES: Readonly<Record<string, string>> = {
  qwen2_vl_text: 'qwen2',
  qwen2_5_vl_text: 'qwen2',
  qwen3_vl_text: 'qwen3',
  qwen3_vl_moe_text: 'qwen3_moe',
};

/** Every `model_type` (and `family`) value this tool reads. */
export const SUPPORTED_MODEL_TYPES: readonly string[] = [...Object.keys(FAMILIES), ...Object.keys(MULTIMODAL)].sort();

export interface ArchitectureOptions {
  /** Follow this supported model_type's conventions whatever the config's own `model_type` says. */
  readonly family?: string;
}

/** A multimodal config's language model: its text_config (or the top level), read as its own family. */
/**
 * The context length a config declares: max_position_embeddings (transformers), n_positions (GPT-2, GPT-BigCode),
 * max_seq_len (MPT), seq_length (Qwen 1.0 remote code), in the language model's config of a multimodal checkpoint.
 */
const CONTEXT_LENGTH_KEYS = ['max_position_embeddings', 'n_positions', 'max_seq_len', 'seq_length'] as const;

function maxPositionEmbeddings(config: Readonly<Record<string, unknown>>): number | null {
  const text = config['text_config'];
  const source = typeof text === 'object' && text !== null ? (text as Readonly<Record<string, unknown>>) : config;
  for (const key of CONTEXT_LENGTH_KEYS) {
    const value = source[key] ?? config[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return null;
}

function languageModel(reader: ConfigReader, wrapper: string): Architecture {
  const nested = reader.has('text_config');
  const textReader = nested ? reader.nested('text_config') : reader;
  const declared = nested ? textReader.string('model_type', '') : '';
  const family = TEXT_MODEL_TYPES[declared] ?? (declared === '' ? MULTIMODAL[wrapper]! : declared);
  const familyReader = FAMILIES[family];
  if (familyReader === undefined) {
    textReader.report(
      'model_type',
      `"${declared}" is not a supported language model; supported: ${Object.keys(FAMILIES).sort().join(', ')}`,
    );
    reader.throwIfInvalid();
  }
  return { ...familyReader!(textReader, family), languageModelOf: wrapper };
}

/**
 * Reads a config.json object. Throws ArchitectureConfigError listing every problem (missing or invalid sizes,
 * an unsupported model_type with the supported list and, when its architecture is a supported one under another
 * name, the family to name).
 * @example architectureFromHfConfig(llama31_8bConfig).hiddenSize //=> 4096
 */
export function architectureFromHfConfig(
  config: Readonly<Record<string, unknown>>,
  options: ArchitectureOptions = {},
): Architecture {
  const reader = new ConfigReader(config);
  const declared = reader.string('model_type', '');
  const family = options.family ?? declared;
  const familyReader = FAMILIES[family];
  if (familyReader === undefined && MULTIMODAL[family] === undefined) {
    const what =
      options.family !== undefined
        ? `family "${options.family}"`
        : declared === ''
          ? 'no model_type'
          : `model_type "${declared}"`;
    const hint = options.family === undefined ? familyHint(config, Object.keys(FAMILIES)) : null;
    throw new ArchitectureConfigError([
      {
        key: options.family !== undefined ? 'family' : 'model_type',
        message:
          hint !== null
            ? `${what} is not supported, but ${hint.reason}: name \`family: ${hint.family}\` to read it as ${hint.family}`
            : `${what} is not supported; supported: ${SUPPORTED_MODEL_TYPES.join(', ')} (a plan can name the family its model follows)`,
      },
    ]);
  }
  const architecture = familyReader === undefined ? languageModel(reader, family) : familyReader(reader, family);
  reader.throwIfInvalid();
  const positions = maxPositionEmbeddings(config);
  return positions === null ? architecture : { ...architecture, maxPositionEmbeddings: positions };
}
