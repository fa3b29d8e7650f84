/**
 * README's "Your stack → what to write": every row's fragment, put into a plan, loads without an issue and gives
 * the training code and sharding engine it says.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { builtInCatalog } from '../../src/catalog/index.js';
import { DEFAULT_SHARDING } from '../../src/core/plan.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import { memoryReader } from '../plan/memory-reader.js';

const readme = readFileSync('README.md', 'utf8');
const table = readme.slice(readme.indexOf('<!-- stacks:start -->'), readme.indexOf('<!-- stacks:end -->'));
const rows = [...table.matchAll(/^\| (.+?) \| `(.+)` \|$/gm)].map((match) => [match[1]!, match[2]!] as const);

describe("README's stack table", () => {
  it('has a row for each stack the issue names', () => {
    expect(rows.length).toBeGreaterThanOrEqual(11);
  });

  it.each(rows)('%s: %s loads', async (_stack, fragment) => {
    const plan = `version: 1\nplans:\n  - { name: row, model: meta-llama/Llama-3.2-1B, hardware: { gpu: h100, gpus: 8 }, ${fragment} }\n`;
    const result = await loadPlans(memoryReader({ 'train-plan.yml': plan }), ['train-plan.yml'], builtInCatalog);
    expect(result.issues).toEqual([]);
    const { framework, parallelism } = result.plans[0]!.plan;
    expect(fragment).toContain(`framework: ${framework}`);
    const written = /sharding: (\w+)/.exec(fragment)?.[1];
    expect(parallelism.sharding).toBe(written ?? DEFAULT_SHARDING[framework]);
  });
});
