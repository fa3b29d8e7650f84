/**
 * The config formats `from:` reads (DESIGN.md "Importers"): their names in a plan, what they are, and how their
 * files are parsed. The importers themselves are in this folder, one module per format (index.ts lists them).
 */
export type ImportFormat = 'deepspeed' | 'axolotl' | 'llama_factory' | 'torchtune' | 'torchtitan' | 'accelerate';

export interface ImportFormatInfo {
  readonly name: ImportFormat;
  readonly title: string;
  /** How the file is parsed: JSON and YAML by the YAML loader (JSON is a subset), TOML by toml-document.ts. */
  readonly syntax: 'yaml' | 'toml';
}

export const IMPORT_FORMATS: readonly ImportFormatInfo[] = [
  { name: 'deepspeed', title: 'a DeepSpeed config', syntax: 'yaml' },
  { name: 'axolotl', title: 'an Axolotl config', syntax: 'yaml' },
  { name: 'llama_factory', title: 'a LLaMA-Factory config', syntax: 'yaml' },
  { name: 'torchtune', title: 'a torchtune recipe config', syntax: 'yaml' },
  { name: 'torchtitan', title: 'a torchtitan job config (TOML)', syntax: 'toml' },
  { name: 'accelerate', title: 'an accelerate config', syntax: 'yaml' },
];

export function formatInfo(name: ImportFormat): ImportFormatInfo {
  return IMPORT_FORMATS.find((format) => format.name === name)!;
}
