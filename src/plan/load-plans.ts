/**
 * Loader entry shared by the CLI and the action: plan files → resolved plans, or every issue of every file at once.
 * A plan with `from:` reads values from the team's own configs (resolve-from.ts); a config given in place of a plan
 * file (the CLI's `estimate FILE --gpu ID`) is recognised by its keys and estimated as a plan of its own.
 */
import type { Catalog } from '../catalog/catalog.js';
import { dataParallelSize } from '../core/compute/training-tokens.js';
import type { ResolvedPlan } from '../core/plan.js';
import { FileReadError } from './file-reader.js';
import type { FileReader } from './file-reader.js';
import { recogniseFormat } from './importers/index.js';
import { formatInfo } from './importers/formats.js';
import { PlanChecker } from './plan-checker.js';
import type { PlanIssue, PlanPath } from './plan-issue.js';
import { originInFile, sortIssues } from './plan-issue.js';
import { DEFAULTS_KEYS, FILE_KEYS } from './plan-keys.js';
import { mergeNodes, toPlanNode } from './plan-node.js';
import type { MapNode, PlanNode } from './plan-node.js';
import type { PlanWarning } from './plan-warning.js';
import { expandFrom, importConfigs } from './resolve-from.js';
import type { ConfigRef, ImportContext, ImportedConfigs } from './resolve-from.js';
import { resolvePlan } from './resolve-plan.js';
import type { HubConfigSource } from './hub-config-source.js';
import type { DocumentSource, ModelContext } from './resolve-model.js';
import { parseTomlDocument } from './toml-document.js';
import { UNLIMITED } from './time-budget.js';
import type { TimeBudget } from './time-budget.js';
import { parseYamlDocument } from './yaml-document.js';
import type { YamlDocument } from './yaml-document.js';

export interface LoadedPlan {
  /** The plan file (or the config estimated without one), as given. */
  readonly file: string;
  /** Position of the plan's entry in its file (1-based). */
  readonly line: number;
  readonly column: number;
  readonly plan: ResolvedPlan;
  /** What the report should say about the plan without refusing it, at file:line. */
  readonly warnings: readonly PlanWarning[];
  /** Every file the plan was read from: its plan file first, then the files it names (a model's config.json). */
  readonly sources: readonly string[];
}

export interface LoadResult {
  readonly plans: readonly LoadedPlan[];
  /** Sorted by file, line and column. When not empty, `plans` holds only the plans without issues. */
  readonly issues: readonly PlanIssue[];
}

/** Hardware for configs estimated without a plan file (`estimate FILE --gpu ID [--gpus N]`). */
export interface CommandLineHardware {
  readonly gpu: string;
  readonly gpus: number | null;
}

export interface LoadOptions {
  /** Given: a file that is a recognised config rather than a plan file is estimated on this hardware. */
  readonly hardware?: CommandLineHardware | null;
  /** Reads the config.json of a `model:` id that is not in the catalogue from the Hugging Face Hub or its cache. */
  readonly hub?: HubConfigSource;
  /** Checked before each file and each plan; unlimited by default. */
  readonly timeBudget?: TimeBudget;
}

export const PLAN_FILE_VERSION = 1;

/** A whole-file issue at 1:1. */
function fileIssue(file: string, code: PlanIssue['code'], message: string): PlanIssue {
  return { code, path: [], message, file, line: 1, column: 1 };
}

/**
 * Reads and parses a file once per load, whether it is a plan, a config.json that plans share or a config `from:`
 * names. `.toml` files are TOML (torchtitan); everything else YAML, of which JSON is a subset.
 */
export function createDocumentSource(reader: FileReader): DocumentSource {
  const cache = new Map<string, Promise<{ document: YamlDocument | null; issues: readonly PlanIssue[] }>>();
  return (file) => {
    let pending = cache.get(file);
    if (pending === undefined) {
      pending = (async () => {
        let text: string | null;
        try {
          text = await reader.readText(file);
        } catch (error) {
          if (error instanceof FileReadError)
            return { document: null, issues: [fileIssue(file, error.code, error.message)] };
          throw error;
        }
        if (text === null)
          return {
            document: null,
            issues: [fileIssue(file, 'file_not_found', 'no such file (paths are relative to the working directory)')],
          };
        return file.toLowerCase().endsWith('.toml') ? parseTomlDocument(file, text) : parseYamlDocument(file, text);
      })();
      cache.set(file, pending);
    }
    return pending;
  };
}

/** Everything one file's plans share while they load. */
interface FileContext {
  readonly file: string;
  readonly document: YamlDocument;
  readonly check: PlanChecker;
  readonly model: ModelContext;
  readonly imports: ImportContext;
  readonly plans: LoadedPlan[];
  readonly timeBudget: TimeBudget;
}

/** DeepSpeed's batch rule (runtime/config.py _batch_assertion) against the resolved plan: a warning when broken. */
function globalBatchWarning(imported: ImportedConfigs, plan: ResolvedPlan, check: PlanChecker): PlanWarning | null {
  const stated = imported.globalBatch;
  if (stated === null) return null;
  const { microBatchSize, gradientAccumulationSteps } = plan.training;
  const dataParallel = dataParallelSize(plan);
  const global = microBatchSize * gradientAccumulationSteps * dataParallel;
  if (global === stated.sequences) return null;
  const { document, keyPath } = check.locate(originInFile(stated.file, stated.key));
  const position = document.locate(keyPath, 'key');
  return {
    file: stated.file,
    line: position.line,
    column: position.column,
    message:
      `global batch ${stated.sequences} is not micro batch ${microBatchSize} × accumulation ${gradientAccumulationSteps} × ` +
      `${dataParallel} data-parallel GPUs = ${global}; the estimate uses the plan's batch shape`,
  };
}

/**
 * A sequence longer than the model's context (config.json max_position_embeddings) trains positions the checkpoint has
 * not seen: a different model, unless its RoPE is scaled to that length. A warning at `training.sequence_length`, or
 * at the plan entry when the length is a default.
 */
function sequenceLengthWarning(node: MapNode, plan: ResolvedPlan, check: PlanChecker): PlanWarning | null {
  const context = plan.architecture.maxPositionEmbeddings;
  const { sequenceLength } = plan.training;
  if (context === undefined || sequenceLength <= context) return null;
  const training = node.entries.get('training');
  const written = training?.kind === 'map' ? training.entries.get('sequence_length') : undefined;
  const { document, keyPath } = check.locate((written ?? node).origin);
  const position = document.locate(keyPath, 'value');
  return {
    file: document.file,
    line: position.line,
    column: position.column,
    message:
      `sequence_length ${sequenceLength} is beyond the model's max_position_embeddings ${context}: it trains ` +
      'positions the checkpoint has not seen, which makes it a different model unless its RoPE is scaled to that ' +
      'length (rope_scaling in its config)',
  };
}

/** The warnings of a resolved plan: those the importers found, and what the plan itself asks of its model. */
function planWarnings(
  node: MapNode,
  plan: ResolvedPlan,
  check: PlanChecker,
  found: readonly PlanWarning[] = [],
): PlanWarning[] {
  const length = sequenceLengthWarning(node, plan, check);
  return length === null ? [...found] : [...found, length];
}

/** Resolves one plan entry (defaults merged), with its `from:` configs when it has them; adds what resolves. */
async function loadPlanEntry(
  context: FileContext,
  merged: MapNode,
  name: string | null,
  position: { line: number; column: number },
  placeholder: string,
  recognised: { readonly keys: readonly string[] } | null = null,
): Promise<readonly string[]> {
  const { check, file, plans } = context;
  // Every file this entry reads (model config.json, imported configs), so the base revision can be read the same way.
  const read = new Set([file]);
  const loadDocument: DocumentSource = (source) => {
    read.add(source);
    return context.model.loadDocument(source);
  };
  const model: ModelContext = { ...context.model, loadDocument };
  const imports: ImportContext = { ...context.imports, loadDocument };
  const fromNode = merged.entries.get('from');
  if (fromNode === undefined) {
    const resolved = await resolvePlan(merged, name ?? placeholder, check, model);
    if (resolved !== null && name !== null)
      plans.push({
        file,
        ...position,
        plan: resolved,
        warnings: planWarnings(merged, resolved, check),
        sources: [...read],
      });
    return name === null ? [] : [name];
  }
  const sets = await expandFrom(fromNode, file, imports);
  if (sets === null) return [];
  const own = new Map(merged.entries);
  own.delete('from');
  const ownNode: MapNode = { kind: 'map', entries: own, origin: merged.origin };
  const names: string[] = [];
  for (const set of sets) {
    const stem = set.stem ?? stemOfConfigs(set.configs);
    const planName = set.stem === null ? (name ?? stem) : name === null ? set.stem : `${name}/${set.stem}`;
    context.timeBudget.check(() => `while loading plan "${planName}" of ${file}`);
    names.push(planName);
    const imported = await importConfigs(set.configs, ownNode, imports, recognised);
    if (imported === null) continue;
    const combined = mergeNodes(imported.node, ownNode) as MapNode;
    const resolved = await resolvePlan(combined, planName, check, model, imported.assumptions);
    if (resolved === null) continue;
    const batch = globalBatchWarning(imported, resolved, check);
    const warnings = planWarnings(
      combined,
      resolved,
      check,
      batch === null ? imported.warnings : [...imported.warnings, batch],
    );
    plans.push({ file, ...position, plan: resolved, warnings, sources: [...read] });
  }
  return names;
}

/** A plan's name from its first config, when neither the plan nor a glob names it: the file name without extension. */
function stemOfConfigs(configs: readonly ConfigRef[]): string {
  const first = configs[0]?.file ?? 'plan';
  return (first.split('/').pop() ?? first).replace(/\.[^.]+$/, '');
}

async function loadPlanFile(context: FileContext, root: MapNode): Promise<void> {
  const { check } = context;
  const version = root.entries.get('version');
  if (version === undefined) {
    check.report('missing_key', [], 'the file has no `version`', { expected: 'version: 1 as the first line' });
  } else if (version.kind !== 'scalar' || version.value !== PLAN_FILE_VERSION) {
    check.report('invalid_value', version.origin, 'unsupported plan file version', {
      expected: `version: ${PLAN_FILE_VERSION}`,
    });
  }
  const defaults = check.map(root.entries.get('defaults'), DEFAULTS_KEYS, 'a mapping of plan fields');
  const plansNode = root.entries.get('plans');
  if (plansNode === undefined) {
    check.report('missing_key', [], 'the file has no `plans`', {
      expected: 'plans: a list of plans, each with a name',
    });
    return;
  }
  if (plansNode.kind !== 'list' || plansNode.items.length === 0) {
    check.report('invalid_value', plansNode.origin, 'plans must be a non-empty list', {
      expected: 'plans:\n  - name: my-plan\n    model: …',
    });
    return;
  }
  const names = new Map<string, number>();
  for (const [index, item] of plansNode.items.entries()) {
    if (item.kind !== 'map') {
      check.invalidType(item, 'a plan mapping (name, model, training, …)');
      continue;
    }
    const merged = (defaults === null ? item : mergeNodes(defaults, item)) as MapNode;
    const nameNode = item.entries.get('name');
    if (nameNode === undefined && !merged.entries.has('from')) {
      check.report('missing_key', item.origin, `plan ${index + 1} has no name`, {
        expected: 'name: a unique name (optional with from:, which names the plan after its config)',
      });
    }
    const name = nameNode === undefined ? null : check.string(nameNode, 100);
    context.timeBudget.check(() => `while loading plan ${index + 1} of ${plansNode.items.length} in ${context.file}`);
    const position = context.document.locate(item.origin);
    const planNames = await loadPlanEntry(context, merged, name, position, `#${index + 1}`);
    for (const planName of planNames) {
      const first = names.get(planName);
      if (first !== undefined) {
        check.report(
          'duplicate',
          nameNode?.origin ?? item.origin,
          `plan name "${planName}" is already used by plan ${first + 1}`,
          {
            expected: 'a name no other plan in the file has',
          },
        );
      } else names.set(planName, index);
    }
  }
}

/**
 * A config given where a plan file was expected: recognised by its keys, it is estimated as a plan that reads it
 * (`from: { format: file }`) on the command line's hardware; otherwise the issue says what the file lacks.
 */
async function loadForeignConfig(context: FileContext, hardware: CommandLineHardware | null): Promise<boolean> {
  const recognised = recogniseFormat(context.document.value);
  if (recognised === null) return false;
  const { check, file } = context;
  if (hardware === null) {
    const title = formatInfo(recognised.format).title;
    check.report('unrecognised_config', [], `${title[0]!.toUpperCase()}${title.slice(1)}, not a plan file`, {
      expected: `a plan that reads it (from: { ${recognised.format}: ${file} }), or \`train-memory estimate ${file} --gpu ID [--gpus N]\``,
    });
    return true;
  }
  const origin: PlanPath = originInFile(file, []);
  const entries = new Map<string, PlanNode>([
    ['from', toPlanNode({ [recognised.format]: file.split('/').pop() ?? file }, origin)],
    [
      'hardware',
      toPlanNode(hardware.gpus === null ? { gpu: hardware.gpu } : { gpu: hardware.gpu, gpus: hardware.gpus }, origin),
    ],
  ]);
  check.addDocument(context.document);
  await loadPlanEntry(context, { kind: 'map', entries, origin }, null, { line: 1, column: 1 }, file, recognised);
  return true;
}

export async function loadPlans(
  reader: FileReader,
  planFiles: readonly string[],
  catalog: Catalog,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const loadDocument = createDocumentSource(reader);
  const plans: LoadedPlan[] = [];
  const issues: PlanIssue[] = [];
  const timeBudget = options.timeBudget ?? UNLIMITED;
  for (const [index, file] of planFiles.entries()) {
    timeBudget.check(() => `while reading plan file ${index + 1} of ${planFiles.length} (${file})`);
    const { document, issues: readIssues } = await loadDocument(file);
    issues.push(...readIssues);
    if (document === null) continue;
    const check = new PlanChecker(document);
    const context: FileContext = {
      file,
      document,
      check,
      model: { catalog, planFile: file, loadDocument, ...(options.hub === undefined ? {} : { hub: options.hub }) },
      imports: { reader, loadDocument, check },
      plans,
      timeBudget,
    };
    const rootNode = toPlanNode(document.value, []);
    const isPlanFile = rootNode.kind === 'map' && (rootNode.entries.has('version') || rootNode.entries.has('plans'));
    if (rootNode.kind === 'map' && !isPlanFile && (await loadForeignConfig(context, options.hardware ?? null))) {
      issues.push(...check.issues);
      continue;
    }
    const root = check.map(rootNode, FILE_KEYS, 'a mapping with `version: 1` and `plans:`');
    if (root !== null) await loadPlanFile(context, root);
    issues.push(...check.issues);
  }
  return { plans, issues: sortIssues(issues) };
}
