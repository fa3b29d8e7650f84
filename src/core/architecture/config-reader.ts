/**
 * Reads fields of a Hugging Face config.json, collecting every problem instead of stopping at the first. Every integer
 * is checked against its range (config-ranges.ts); a value out of range reads as the range's minimum, so that nothing
 * a family reader builds from it (per-layer lists) grows with it before the issues are thrown.
 */
import { configRangeOf, groupDigits, MAX_LAYER_LIST_LENGTH } from './config-ranges.js';

export interface ConfigIssue {
  /** Dotted config key, e.g. `num_key_value_heads` or `text_config.vocab_size`. */
  readonly key: string;
  readonly message: string;
}

export class ArchitectureConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(issues.map((issue) => `${issue.key}: ${issue.message}`).join('; '));
    this.name = 'ArchitectureConfigError';
    this.issues = issues;
  }
}

type Config = Readonly<Record<string, unknown>>;

export interface IntegerOptions {
  /** Used when the key is absent or null (the transformers config class default). */
  readonly default?: number;
  /** Overrides the key's range's minimum (config-ranges.ts). */
  readonly min?: number;
}

const inRange = (min: number, max: number): string => `an integer from ${groupDigits(min)} to ${groupDigits(max)}`;

export class ConfigReader {
  private readonly issues: ConfigIssue[] = [];

  constructor(
    private readonly config: Config,
    private readonly prefix = '',
  ) {}

  /** A reader over a nested object (`text_config`), sharing this reader's issue list. */
  nested(key: string): ConfigReader {
    const value = this.config[key];
    const child = new ConfigReader(isObject(value) ? value : {}, `${this.prefix}${key}.`);
    (child as unknown as { issues: ConfigIssue[] }).issues = this.issues;
    return child;
  }

  has(key: string): boolean {
    return this.config[key] !== undefined && this.config[key] !== null;
  }

  /**
   * An integer in the key's range (`min` overrides its minimum); records an issue and returns the minimum (at least 1)
   * when absent without a default, or invalid.
   */
  integer(key: string, options: IntegerOptions = {}): number {
    const range = configRangeOf(key);
    const min = options.min ?? range.min;
    const max = Math.max(min, range.max);
    const value = this.config[key];
    if (value === undefined || value === null) {
      if (options.default !== undefined) return options.default;
      this.report(key, `is required (${inRange(min, max)})`);
      return Math.max(min, 1);
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.report(key, `must be ${inRange(min, max)}, got ${describeValue(value)}`);
      return Math.max(min, 1);
    }
    return value;
  }

  /** The first of several spellings of one integer field that is present (GPT-2's `n_embd` for `hidden_size`). */
  integerAlias(keys: readonly string[], options: IntegerOptions = {}): number {
    const present = keys.find((key) => this.has(key));
    return this.integer(present ?? keys[0]!, options);
  }

  optionalInteger(key: string, min = 1): number | null {
    return this.has(key) ? this.integer(key, { min }) : null;
  }

  /**
   * A positive number that may be switched off with null (Gemma 2's `final_logit_softcapping`): the config's value,
   * `defaultValue` when the key is absent, null when it is null.
   */
  nullableNumber(key: string, defaultValue: number | null): number | null {
    const value = this.config[key];
    if (value === undefined) return defaultValue;
    if (value === null) return null;
    const { max } = configRangeOf(key);
    if (typeof value !== 'number' || !(value > 0) || value > max) {
      this.report(key, `must be a positive number up to ${groupDigits(max)} or null, got ${describeValue(value)}`);
      return defaultValue;
    }
    return value;
  }

  boolean(key: string, defaultValue: boolean): boolean {
    const value = this.config[key];
    if (value === undefined || value === null) return defaultValue;
    if (typeof value !== 'boolean') {
      this.report(key, `must be true or false, got ${describeValue(value)}`);
      return defaultValue;
    }
    return value;
  }

  string(key: string, defaultValue: string): string {
    const value = this.config[key];
    if (value === undefined || value === null) return defaultValue;
    if (typeof value !== 'string') {
      this.report(key, `must be a string, got ${describeValue(value)}`);
      return defaultValue;
    }
    return value;
  }

  /** A list of strings (Gemma's `layer_types`), one per layer at most; empty when absent. */
  stringList(key: string): readonly string[] {
    const value = this.config[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      this.report(key, `must be a list of strings, got ${describeValue(value)}`);
      return [];
    }
    return this.layerList(key, value as string[]);
  }

  /** A list of layer indices (or per-layer 0/1 flags), one per layer at most; empty when absent. */
  integerList(key: string): readonly number[] {
    const value = this.config[key];
    if (value === undefined || value === null) return [];
    if (
      !Array.isArray(value) ||
      !value.every(
        (item) => Number.isInteger(item) && (item as number) >= 0 && (item as number) < MAX_LAYER_LIST_LENGTH,
      )
    ) {
      this.report(
        key,
        `must be a list of layer indices from 0 to ${groupDigits(MAX_LAYER_LIST_LENGTH - 1)}, got ${describeValue(value)}`,
      );
      return [];
    }
    return this.layerList(key, value as number[]);
  }

  private layerList<T>(key: string, list: readonly T[]): readonly T[] {
    if (list.length <= MAX_LAYER_LIST_LENGTH) return list;
    this.report(
      key,
      `must have at most ${groupDigits(MAX_LAYER_LIST_LENGTH)} entries (one per layer), got ${list.length}`,
    );
    return [];
  }

  /** Records a problem with a key that passed type checks (inconsistent sizes, unsupported option). */
  report(key: string, message: string): void {
    this.issues.push({ key: `${this.prefix}${key}`, message });
  }

  /** Throws every recorded issue at once. */
  throwIfInvalid(): void {
    if (this.issues.length > 0) throw new ArchitectureConfigError(this.issues);
  }
}

/** A value for a message: JSON, cut to 80 characters (a config may hold a megabyte in one field). */
function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= 80 ? text : `${text.slice(0, 77)}…`;
}

function isObject(value: unknown): value is Config {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
