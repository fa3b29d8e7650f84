/**
 * A rule a plan breaks: which plan key it concerns (dotted path, as in the plan file), what is wrong and what would
 * be valid. The loader turns each into an issue at the key's file position; the search uses the same rules to keep
 * to layouts the framework can run.
 */
export type RuleCode = 'not_divisible' | 'invalid_value' | 'unsupported_combination';

export interface RuleProblem {
  readonly code: RuleCode;
  /** Dotted plan path: `parallelism.tensor`, `hardware.gpus`, `parallelism.offload.optimizer`. */
  readonly key: string;
  readonly message: string;
  readonly expected?: string;
  readonly hint?: string;
}
