/** `train-memory params <catalogue-id | config.json>`: exact parameter counts of one model. */
import type { Catalog } from '../catalog/catalog.js';
import { ArchitectureConfigError, architectureFromHfConfig } from '../core/architecture/hf-config.js';
import { countParameters } from '../core/architecture/parameters.js';
import type { Architecture } from '../core/architecture/types.js';
import type { ParameterBreakdown, ParameterCount } from '../core/estimate-types.js';
import { didYouMean } from '../plan/did-you-mean.js';
import type { FileReader } from '../plan/file-reader.js';
import { isHubRepoId, type HubConfigSource } from '../plan/hub-config-source.js';
import { createDocumentSource } from '../plan/load-plans.js';
import type { PlanIssue } from '../plan/plan-issue.js';
import { architectureFromConfigDocument } from '../plan/resolve-model.js';
import { parseYamlDocument } from '../plan/yaml-document.js';
import { formatCount, formatCountShort } from '../report/format.js';
import { UsageError } from './cli-settings.js';

export type ParamsResult =
  { readonly ok: true; readonly output: string } | { readonly ok: false; readonly issues: readonly PlanIssue[] };

const BREAKDOWN_LABELS: readonly (readonly [keyof ParameterBreakdown, string])[] = [
  ['embedding', 'embedding'],
  ['attention', 'attention'],
  ['mlp', 'mlp (dense, shared experts)'],
  ['experts', 'routed experts'],
  ['router', 'router'],
  ['norms', 'norms'],
  ['lmHead', 'lm head'],
  ['mtp', 'mtp (not in total)'],
];

function renderText(name: string, architecture: Architecture, count: ParameterCount): string {
  const row = (label: string, value: number, short = false): string =>
    `  ${label.padEnd(30)}${formatCount(value).padStart(19)}${short ? `  (${formatCountShort(value)})` : ''}`;
  const lines = [
    `${name} (${architecture.modelType})`,
    row('total', count.total, true),
    row('trainable', count.trainable),
    row('active per token', count.activePerToken, count.activePerToken !== count.total),
    '  breakdown',
    ...BREAKDOWN_LABELS.filter(([key]) => key !== 'mtp' || count.breakdown.mtp > 0).map(([key, label]) =>
      row(`  ${label}`, count.breakdown[key]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function render(name: string, architecture: Architecture, format: 'text' | 'json'): string {
  const count = countParameters(architecture);
  if (format === 'json') {
    const { total, trainable, activePerToken, breakdown } = count;
    return `${JSON.stringify({ total, trainable, activePerToken, breakdown }, null, 2)}\n`;
  }
  return renderText(name, architecture, count);
}

export async function runParams(
  target: string,
  family: string | null,
  format: 'text' | 'json',
  catalog: Catalog,
  reader: FileReader,
  hub?: HubConfigSource,
): Promise<ParamsResult> {
  const entry = catalog.findModel(target);
  if (entry !== null) {
    try {
      const architecture = architectureFromHfConfig(entry.config, family === null ? {} : { family });
      return { ok: true, output: render(entry.id, architecture, format) };
    } catch (error) {
      if (error instanceof ArchitectureConfigError) {
        throw new UsageError(
          `${entry.id}: ${error.issues.map((issue) => `${issue.key}: ${issue.message}`).join('; ')}`,
        );
      }
      throw error;
    }
  }
  const looksLikeFile =
    /\.(json|ya?ml)$/i.test(target) || target.startsWith('.') || target.startsWith('/') || target.includes('\\');
  if (!looksLikeFile && hub !== undefined && isHubRepoId(target)) {
    // A Hub repository's config.json (the local cache first); problems point into that file.
    const config = await hub.readConfig(target);
    if (!config.ok) throw new UsageError(config.message);
    const parsed = parseYamlDocument(`${target}/config.json`, config.text);
    if (parsed.document === null) return { ok: false, issues: parsed.issues };
    const result = architectureFromConfigDocument(parsed.document, family);
    if (result.architecture === null) return { ok: false, issues: result.issues };
    return { ok: true, output: render(target, result.architecture, format) };
  }
  if (!looksLikeFile) {
    const hint = didYouMean(target, catalog.modelNames());
    throw new UsageError(
      `unknown model "${target}"${hint === undefined ? '' : `; ${hint}`}\n` +
        'give a catalogue id (see `train-memory models`) or the path of a config.json',
    );
  }
  const { document, issues } = await createDocumentSource(reader)(target);
  if (document === null) return { ok: false, issues };
  const result = architectureFromConfigDocument(document, family);
  if (result.architecture === null) return { ok: false, issues: result.issues };
  return { ok: true, output: render(target, result.architecture, format) };
}
