/**
 * Command-line arguments parsed once into one typed object (style.md "cli/"). Usage errors name the argument and
 * what is accepted.
 */
import { didYouMean } from '../plan/did-you-mean.js';
import { DEFAULT_TIME_LIMIT_SECONDS, MAX_TIME_LIMIT_SECONDS } from '../plan/time-budget.js';
import { PLAN_OPTIONS } from './plan-arguments.js';

export type OutputFormat = 'text' | 'markdown' | 'json' | 'html';
export type SizingFormat = 'text' | 'json' | 'html';

export type CliSettings =
  | { readonly command: 'help' }
  | { readonly command: 'version' }
  | {
      readonly command: 'estimate';
      /** Plan files, relative to the working directory. */
      readonly files: readonly string[];
      /** Only the plan of this name. */
      readonly plan: string | null;
      readonly format: OutputFormat;
      /** For configs estimated without a plan file (an Axolotl YAML, …): the GPU and its count. */
      readonly gpu: string | null;
      readonly gpus: number | null;
      /** A base run's JSON report to compare with (`--compare-to`). */
      readonly compareTo: string | null;
      /** The whole run's time limit (`--time-limit`, plan/time-budget.ts). */
      readonly timeLimitSeconds: number;
    }
  | {
      readonly command: 'params';
      /** A catalogue id or a config.json path. */
      readonly target: string;
      readonly family: string | null;
      readonly format: 'text' | 'json';
    }
  | { readonly command: 'models' | 'gpus' | 'networks' | 'nodes'; readonly format: 'text' | 'json' }
  | {
      readonly command: 'plan';
      /** The options as given (`--model` → `meta-llama/Llama-3.1-8B`); plan-arguments.ts reads them. */
      readonly options: ReadonlyMap<string, string>;
      readonly format: SizingFormat;
    };

export const COMMANDS = ['estimate', 'params', 'models', 'gpus', 'networks', 'nodes', 'plan'] as const;
export const DEFAULT_PLAN_FILE = 'train-plan.yml';

/** Bad arguments: exit code 2 with this message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTIONS_BY_COMMAND: Readonly<Record<(typeof COMMANDS)[number], readonly string[]>> = {
  estimate: ['--format', '--plan', '--gpu', '--gpus', '--compare-to', '--time-limit'],
  params: ['--format', '--family'],
  models: ['--format'],
  gpus: ['--format'],
  networks: ['--format'],
  nodes: ['--format'],
  plan: PLAN_OPTIONS,
};

const FORMATS_BY_COMMAND: Readonly<Record<(typeof COMMANDS)[number], readonly string[]>> = {
  estimate: ['text', 'markdown', 'json', 'html'],
  params: ['text', 'json'],
  models: ['text', 'json'],
  gpus: ['text', 'json'],
  networks: ['text', 'json'],
  nodes: ['text', 'json'],
  plan: ['text', 'json', 'html'],
};

export function parseArguments(argv: readonly string[]): CliSettings {
  if (argv.length === 0) return { command: 'help' };
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { command: 'help' };
  if (argv.includes('--version') || argv.includes('-V')) return { command: 'version' };

  const [command, ...rest] = argv as [string, ...string[]];
  if (!(COMMANDS as readonly string[]).includes(command)) {
    const hint = didYouMean(command, COMMANDS);
    throw new UsageError(
      `unknown command "${command}"${hint === undefined ? '' : `; ${hint}`}\ncommands: ${COMMANDS.join(', ')}`,
    );
  }
  const name = command as (typeof COMMANDS)[number];
  const allowed = OPTIONS_BY_COMMAND[name];
  const values = new Map<string, string>();
  const positional: string[] = [];
  let onlyPositional = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyPositional || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositional = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const option = equals === -1 ? arg : arg.slice(0, equals);
    if (!allowed.includes(option)) {
      const hint = didYouMean(option, allowed);
      throw new UsageError(
        `unknown option ${option} for ${name}${hint === undefined ? '' : `; ${hint}`}\noptions of ${name}: ${allowed.join(', ')}`,
      );
    }
    const value = equals === -1 ? rest[++i] : arg.slice(equals + 1);
    if (value === undefined || value === '') throw new UsageError(`${option} needs a value`);
    if (values.has(option)) throw new UsageError(`${option} is given twice`);
    values.set(option, value);
  }

  const format = values.get('--format') ?? 'text';
  const formats = FORMATS_BY_COMMAND[name];
  if (!formats.includes(format)) {
    throw new UsageError(`--format ${format} is not available for ${name}; use one of: ${formats.join(', ')}`);
  }
  switch (name) {
    case 'estimate': {
      const gpusText = values.get('--gpus');
      const gpus = gpusText === undefined ? null : Number(gpusText);
      if (gpus !== null && (!Number.isInteger(gpus) || gpus < 1 || gpus > 1_000_000)) {
        throw new UsageError(`--gpus ${gpusText} is not a whole number of GPUs from 1 to 1000000`);
      }
      const limitText = values.get('--time-limit');
      const timeLimitSeconds = limitText === undefined ? DEFAULT_TIME_LIMIT_SECONDS : Number(limitText);
      if (!Number.isFinite(timeLimitSeconds) || timeLimitSeconds <= 0 || timeLimitSeconds > MAX_TIME_LIMIT_SECONDS) {
        throw new UsageError(
          `--time-limit ${limitText} is not a number of seconds greater than 0 and at most ${MAX_TIME_LIMIT_SECONDS}`,
        );
      }
      const gpu = values.get('--gpu') ?? null;
      if (gpus !== null && gpu === null) throw new UsageError('--gpus needs --gpu (the GPU the config runs on)');
      return {
        command: 'estimate',
        files: positional.length === 0 ? [DEFAULT_PLAN_FILE] : positional,
        plan: values.get('--plan') ?? null,
        format: format as OutputFormat,
        gpu,
        gpus,
        compareTo: values.get('--compare-to') ?? null,
        timeLimitSeconds,
      };
    }
    case 'params': {
      if (positional.length !== 1) {
        throw new UsageError(
          'params takes one argument: a catalogue id (see `train-memory models`) or a config.json path',
        );
      }
      return {
        command: 'params',
        target: positional[0]!,
        family: values.get('--family') ?? null,
        format: format as 'text' | 'json',
      };
    }
    case 'plan':
      if (positional.length > 0) throw new UsageError(`plan takes options only (got ${positional.join(' ')})`);
      return { command: 'plan', options: values, format: format as SizingFormat };
    case 'models':
    case 'gpus':
    case 'networks':
    case 'nodes':
      if (positional.length > 0) throw new UsageError(`${name} takes no arguments (got ${positional.join(' ')})`);
      return { command: name, format: format as 'text' | 'json' };
  }
}
