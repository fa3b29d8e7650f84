/**
 * `model:` in a plan: a catalogue id, `{ config: path }` (a Hugging Face config.json next to the plan), inline
 * config.json fields, or `{ base: id, ...overrides }`. Errors from the architecture adapter point at the key that
 * caused them: inside the plan's model block, or at file:line:column inside the config.json file.
 */
import * as path from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { ArchitectureConfigError, architectureFromHfConfig } from '../core/architecture/hf-config.js';
import type { Architecture } from '../core/architecture/types.js';
import { didYouMean, nearestFew } from './did-you-mean.js';
import { isHubRepoId, type HubConfigFailure, type HubConfigSource } from './hub-config-source.js';
import { PlanChecker } from './plan-checker.js';
import type { PlanIssue, PlanIssueCode, PlanPath } from './plan-issue.js';
import { FORBIDDEN_KEYS, mergeNodes, toPlainValue, toPlanNode } from './plan-node.js';
import type { MapNode, PlanNode } from './plan-node.js';
import { parseYamlDocument, type YamlDocument } from './yaml-document.js';

export interface ResolvedModel {
  readonly architecture: Architecture;
  /** Catalogue id, Hub repository id, config path or `inline`. */
  readonly name: string;
  /** Assumption lines the model brings: where a Hub config was read, that only a language model is estimated. */
  readonly notes?: readonly string[];
}

/** Loads (once per run) a file that a plan refers to; null with issues when it cannot be used. */
export type DocumentSource = (file: string) => Promise<{ document: YamlDocument | null; issues: readonly PlanIssue[] }>;

export interface ModelContext {
  readonly catalog: Catalog;
  readonly planFile: string;
  readonly loadDocument: DocumentSource;
  /** Reads the config.json of a `model:` id that is not in the catalogue; without it such ids are unknown. */
  readonly hub?: HubConfigSource;
}

function splitConfigKey(key: string): PlanPath {
  return key === '' ? [] : key.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** The node at `keyPath` below `node`, when the plan wrote it. */
function nodeAt(node: PlanNode, keyPath: PlanPath): PlanNode | undefined {
  let current: PlanNode | undefined = node;
  for (const segment of keyPath) {
    if (current === undefined) return undefined;
    if (current.kind === 'map' && typeof segment === 'string') current = current.entries.get(segment);
    else if (current.kind === 'list' && typeof segment === 'number') current = current.items[segment];
    else return undefined;
  }
  return current;
}

function reportForbiddenKeys(node: PlanNode, check: PlanChecker): boolean {
  let found = false;
  if (node.kind === 'map') {
    for (const [key, value] of node.entries) {
      if (FORBIDDEN_KEYS.has(key)) {
        check.report('unknown_key', value.origin, `"${key}" is not allowed as a key`, { at: 'key' });
        found = true;
      } else found = reportForbiddenKeys(value, check) || found;
    }
  } else if (node.kind === 'list') {
    for (const item of node.items) found = reportForbiddenKeys(item, check) || found;
  }
  return found;
}

/**
 * Runs the architecture adapter; its errors are reported through `place`, which says where a config key was
 * written (and in which file).
 */
function buildArchitecture(
  config: Readonly<Record<string, unknown>>,
  family: string | null,
  place: (keyPath: PlanPath, message: string, keyedMessage: string) => void,
): Architecture | null {
  try {
    return architectureFromHfConfig(config, family === null ? {} : { family });
  } catch (error) {
    if (!(error instanceof ArchitectureConfigError)) throw error;
    for (const issue of error.issues) {
      const keyed = issue.key === '' ? issue.message : `${issue.key}: ${issue.message}`;
      place(splitConfigKey(issue.key), issue.message, keyed);
    }
    return null;
  }
}

const MODEL_SHAPE = 'a catalogue id, { config: path }, { base: id, … } or inline config.json fields';

/** A model named by id: a catalogue entry or, with a Hub reader, a Hub repository's config.json. */
interface NamedConfig {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** How messages name it: `catalogue model …` or `config.json of …`. */
  readonly label: string;
  /** Read from the Hub or its cache (the plan cannot edit it, only name a family). */
  readonly fromHub: boolean;
  readonly notes: readonly string[];
}

const HUB_ISSUE_CODES: Readonly<Record<HubConfigFailure, PlanIssueCode>> = {
  not_found: 'hub_not_found',
  gated: 'hub_gated',
  offline: 'hub_unavailable',
  unavailable: 'hub_unavailable',
};

const HUB_EXPECTED: Readonly<Record<HubConfigFailure, string>> = {
  not_found:
    'a catalogue id (list them with `train-memory models`), a Hub repository id (org/name) that exists, { config: path } or inline fields',
  gated:
    "HF_TOKEN set to a token of a Hugging Face account that has accepted the model's licence on its Hub page (in the action: `env: HF_TOKEN: ${{ secrets.HF_TOKEN }}` on the step), or { config: path } with the config.json committed beside the plan",
  offline:
    'the config.json in the local cache (`hf download ORG/NAME config.json`), HF_HUB_OFFLINE unset, or a catalogue id',
  unavailable: 'a reachable Hub (HF_ENDPOINT), or { config: path } with the config.json committed beside the plan',
};

function hasForbiddenKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasForbiddenKey);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => FORBIDDEN_KEYS.has(key) || hasForbiddenKey(item));
}

/** The config of a model id, or null with the problem reported at `node` (the id as the plan wrote it). */
async function lookupModelId(
  id: string,
  node: PlanNode,
  check: PlanChecker,
  context: ModelContext,
): Promise<NamedConfig | null> {
  const entry = context.catalog.findModel(id);
  if (entry !== null) {
    return { name: entry.id, config: entry.config, label: `catalogue model ${entry.id}`, fromHub: false, notes: [] };
  }
  if (context.hub === undefined || !isHubRepoId(id)) {
    check.report('unknown_catalog_id', node.origin, `unknown model "${id}"`, {
      hint: didYouMean(id, context.catalog.modelNames()),
      expected: `a catalogue id (list them with \`train-memory models\`)${context.hub === undefined ? '' : ', a Hugging Face Hub repository id (org/name)'}, { config: path/to/config.json } or inline fields`,
    });
    return null;
  }
  const result = await context.hub.readConfig(id);
  if (!result.ok) {
    const nearby = nearestFew(
      id,
      context.catalog.listModels().map((model) => model.id),
      3,
    );
    check.report(
      HUB_ISSUE_CODES[result.failure],
      node.origin,
      result.failure === 'not_found' ? `${result.message}, and "${id}" is not in the catalogue` : result.message,
      {
        hint:
          result.failure === 'not_found' && nearby.length > 0
            ? `nearest catalogue ids: ${nearby.join(', ')}`
            : undefined,
        expected: HUB_EXPECTED[result.failure],
      },
    );
    return null;
  }
  const label = `config.json of ${id}`;
  const parsed = parseYamlDocument(`${id}/config.json`, result.text);
  const value = parsed.document?.value;
  if (parsed.document === null || typeof value !== 'object' || value === null || Array.isArray(value)) {
    const problem = parsed.issues[0];
    check.report(
      'invalid_model_config',
      node.origin,
      `${label} (${result.source}) is not a JSON object${problem === undefined ? '' : `: line ${problem.line}: ${problem.message}`}`,
    );
    return null;
  }
  if (hasForbiddenKey(value)) {
    check.report(
      'invalid_model_config',
      node.origin,
      `${label} uses a key that is not allowed (__proto__, constructor or prototype)`,
    );
    return null;
  }
  return {
    name: id,
    config: value as Record<string, unknown>,
    label,
    fromHub: true,
    notes: [`model: ${id} is not in the catalogue; its config.json was read from ${result.source}`],
  };
}

/** A multimodal checkpoint's assumption line: only its language model is estimated. */
function modelNotes(name: string, architecture: Architecture, notes: readonly string[] = []): readonly string[] {
  if (architecture.languageModelOf === undefined) return notes;
  return [
    ...notes,
    `model: ${name} is multimodal (${architecture.languageModelOf}); the estimate covers its language model (${architecture.modelType}) only, not the vision or audio encoder and projector`,
  ];
}

function resolved(
  name: string,
  architecture: Architecture | null,
  notes: readonly string[] = [],
): ResolvedModel | null {
  return architecture === null ? null : { architecture, name, notes: modelNotes(name, architecture, notes) };
}

export async function resolveModel(
  node: PlanNode | undefined,
  check: PlanChecker,
  context: ModelContext,
): Promise<ResolvedModel | null> {
  if (node === undefined) return null;
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const named = await lookupModelId(node.value, node, check, context);
    if (named === null) return null;
    const architecture = buildArchitecture(named.config, null, (keyPath, _message, keyed) =>
      check.report('invalid_model_config', node.origin, `${named.label}: ${keyed}`, {
        // A Hub config cannot be edited; the plan can name the family to follow.
        expected:
          named.fromHub && keyPath.join('.') === 'model_type'
            ? `model: { base: ${named.name}, family: <a supported model_type> }`
            : undefined,
      }),
    );
    return resolved(named.name, architecture, named.notes);
  }
  if (node.kind !== 'map') {
    check.invalidType(node, MODEL_SHAPE);
    return null;
  }
  if (reportForbiddenKeys(node, check)) return null;
  const familyNode = node.entries.get('family');
  const family = familyNode === undefined ? null : check.string(familyNode);
  if (familyNode !== undefined && family === null) return null;

  if (node.entries.has('config')) return resolveConfigFile(node, family, check, context);
  if (node.entries.has('base')) return resolveBase(node, family, check, context);

  const fields = new Map(node.entries);
  fields.delete('family');
  const inline: MapNode = { kind: 'map', entries: fields, origin: node.origin };
  const config = toPlainValue(inline) as Record<string, unknown>;
  const architecture = buildArchitecture(config, family, (keyPath, message, keyed) => {
    const written = nodeAt(inline, keyPath);
    if (written) check.report('invalid_model_config', written.origin, message);
    else check.report('invalid_model_config', node.origin, keyed, { at: 'key' });
  });
  return resolved('inline', architecture);
}

async function resolveConfigFile(
  node: MapNode,
  family: string | null,
  check: PlanChecker,
  context: ModelContext,
): Promise<ResolvedModel | null> {
  check.map(node, ['config', 'family'], MODEL_SHAPE);
  const configNode = node.entries.get('config');
  const relative = check.string(configNode, 1000);
  if (relative === null || configNode === undefined) return null;
  if (path.isAbsolute(relative)) {
    check.report('path_outside_workspace', configNode.origin, `"${relative}" is absolute`, {
      expected: 'a path relative to the plan file, inside the workspace',
    });
    return null;
  }
  const file = path.normalize(path.join(path.dirname(context.planFile), relative));
  if (file === '..' || file.startsWith(`..${path.sep}`)) {
    check.report('path_outside_workspace', configNode.origin, `"${relative}" leads outside the workspace`, {
      expected: 'a path relative to the plan file, inside the workspace',
    });
    return null;
  }
  const { document, issues } = await context.loadDocument(file);
  if (document === null) {
    // A missing file is reported at the plan's `config:` value; a file that cannot be used is reported in itself.
    for (const issue of issues) {
      if (issue.code === 'file_not_found') {
        check.report(issue.code, configNode.origin, `no such file: ${file} (relative to the plan file)`);
      } else if (issue.code === 'path_outside_workspace') {
        check.report(issue.code, configNode.origin, issue.message);
      } else check.issues.push(issue);
    }
    return null;
  }
  const result = architectureFromConfigDocument(document, family);
  check.issues.push(...result.issues);
  return resolved(file.split(path.sep).join('/'), result.architecture);
}

/**
 * A parsed config.json → Architecture; problems are issues at file:line:column inside that file (a key the adapter
 * needs but the file lacks points at the file's first line).
 */
export function architectureFromConfigDocument(
  document: YamlDocument,
  family: string | null,
): { architecture: Architecture | null; issues: readonly PlanIssue[] } {
  const configCheck = new PlanChecker(document);
  const root = toPlanNode(document.value, []);
  if (root.kind !== 'map') {
    configCheck.invalidType(root, 'a JSON object (a Hugging Face config.json)');
    return { architecture: null, issues: configCheck.issues };
  }
  if (reportForbiddenKeys(root, configCheck)) return { architecture: null, issues: configCheck.issues };
  const architecture = buildArchitecture(
    toPlainValue(root) as Record<string, unknown>,
    family,
    (keyPath, message, keyed) => {
      const written = nodeAt(root, keyPath);
      if (written) configCheck.report('invalid_model_config', written.origin, message);
      else configCheck.report('invalid_model_config', [], keyed);
    },
  );
  return { architecture, issues: configCheck.issues };
}

async function resolveBase(
  node: MapNode,
  family: string | null,
  check: PlanChecker,
  context: ModelContext,
): Promise<ResolvedModel | null> {
  const baseNode = node.entries.get('base');
  const id = check.string(baseNode, 300);
  if (id === null || baseNode === undefined) return null;
  const named = await lookupModelId(id, baseNode, check, context);
  if (named === null) return null;
  const overrides = new Map(node.entries);
  overrides.delete('base');
  overrides.delete('family');
  const overrideNode: MapNode = { kind: 'map', entries: overrides, origin: node.origin };
  const merged = mergeNodes(toPlanNode(named.config, []), overrideNode);
  const architecture = buildArchitecture(
    toPlainValue(merged) as Record<string, unknown>,
    family,
    (keyPath, message, keyed) => {
      const written = nodeAt(overrideNode, keyPath);
      if (written) check.report('invalid_model_config', written.origin, message);
      else check.report('invalid_model_config', baseNode.origin, `${named.label} with its overrides: ${keyed}`);
    },
  );
  return resolved(named.name, architecture, named.notes);
}
