/**
 * Hugging Face config.json → Architecture. Each supported `model_type` is read the way transformers (or the model's
 * own remote code) builds its modules; a plan may name the family to follow for an unsupported `model_type`.
 */
import { ArchitectureConfigError, ConfigReader } from './config-reader.js';
import { bloomArchitecture } from './families/bloom.js';
import { DEEPSEEK_MODEL_TYPES, deepseekArchitecture } from './families/deepseek.js';
import { falconArchitecture } from './families/falcon.js';
import { gpt2Architecture } from './families/gpt2.js';
import { gptNeoxArchitecture } from './families/gpt-neox.js';
import { DIALECTS, llamaStyleArchitecture } from './families/llama-style.js';
import { MOE_MODEL_TYPES, moeArchitecture } from './families/moe.js';
import { qwen1Architecture } from './families/qwen1.js';
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
  // Gemma 3 checkpoints are multimodal; the decoder is described by `text_config` (Gemma3TextConfig).
  gemma3: (reader, type) =>
    llamaStyleArchitecture(
      reader.has('text_config') ? reader.nested('text_config') : reader,
      type,
      DIALECTS.gemma3_text!,
    ),
  ...Object.fromEntries(MOE_MODEL_TYPES.map((modelType) => [modelType, moeArchitecture])),
  ...Object.fromEntries(DEEPSEEK_MODEL_TYPES.map((modelType) => [modelType, deepseekArchitecture])),
  qwen: qwen1Architecture,
  gpt2: gpt2Architecture,
  gpt_neox: gptNeoxArchitecture,
  falcon: falconArchitecture,
  RefinedWebModel: falconArchitecture,
  RefinedWeb: falconArchitecture,
  bloom: bloomArchitecture,
};

/** Every `model_type` (and `family`) value this tool reads. */
export const SUPPORTED_MODEL_TYPES: readonly string[] = Object.keys(FAMILIES).sort();

export interface ArchitectureOptions {
  /** Follow this supported model_type's conventions whatever the config's own `model_type` says. */
  readonly family?: string;
}

/**
 * Reads a config.json object. Throws ArchitectureConfigError listing every problem (missing or invalid sizes,
 * an unsupported model_type with the supported list).
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
  if (familyReader === undefined) {
    const what =
      options.family !== undefined
        ? `family "${options.family}"`
        : declared === ''
          ? 'no model_type'
          : `model_type "${declared}"`;
    throw new ArchitectureConfigError([
      {
        key: options.family !== undefined ? 'family' : 'model_type',
        message: `${what} is not supported; supported: ${SUPPORTED_MODEL_TYPES.join(', ')} (a plan can name the family its model follows)`,
      },
    ]);
  }
  const architecture = familyReader(reader, family);
  reader.throwIfInvalid();
  return architecture;
}
