/**
 * `model:` ids outside the catalogue, read through the HubConfigSource the shells pass (here a table of answers):
 * what the plan resolves to, what it assumes, and every failure as an exit-2 issue at the plan's line and column.
 */
import { describe, expect, test } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { countParameters } from '../../src/core/architecture/parameters.js';
import type { HubConfig, HubConfigSource } from '../../src/plan/hub-config-source.js';
import { isHubRepoId } from '../../src/plan/hub-config-source.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import { TOY_LLAMA_CONFIG } from '../../__fixtures__/toy-llama.js';
import { memoryReader } from './memory-reader.js';

const SOURCE = 'https://huggingface.co/org/toy (revision 0123456789ab)';

function hubOf(answers: Readonly<Record<string, HubConfig>>): HubConfigSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    readConfig: async (repo) => {
      asked.push(repo);
      return (
        answers[repo] ?? {
          ok: false,
          failure: 'not_found',
          message: `no model repository ${repo} on the Hugging Face Hub (404)`,
        }
      );
    },
  };
}

const found = (config: unknown): HubConfig => ({ ok: true, text: JSON.stringify(config), source: SOURCE });

async function load(plan: string, hub: HubConfigSource | undefined) {
  const text = `version: 1\nplans:\n  - name: p\n${plan}    hardware: { gpu: h100 }\n`;
  return loadPlans(memoryReader({ 'train-plan.yml': text }), ['train-plan.yml'], builtInCatalog, hub ? { hub } : {});
}

const brief = (issues: readonly { line: number; column: number; code: string; message: string }[]) =>
  issues.map((i) => `${i.line}:${i.column} ${i.code} ${i.message}`);

describe('a Hub repository as model', () => {
  test('its config.json is read, and where from is an assumption', async () => {
    const hub = hubOf({ 'org/toy': found(TOY_LLAMA_CONFIG) });
    const result = await load('    model: org/toy\n', hub);
    expect(result.issues).toEqual([]);
    const plan = result.plans[0]!.plan;
    expect(plan.modelName).toBe('org/toy');
    // The toy Llama: 1,704 parameters (__tests__/core/architecture/architecture.test.ts, by hand).
    expect(countParameters(plan.architecture).total).toBe(1704);
    expect(plan.assumptions[0]).toBe(`model: org/toy is not in the catalogue; its config.json was read from ${SOURCE}`);
  });

  test('catalogue ids never reach the Hub', async () => {
    const hub = hubOf({});
    const result = await load('    model: meta-llama/Llama-3.1-8B\n', hub);
    expect(result.issues).toEqual([]);
    expect(hub.asked).toEqual([]);
  });

  test('base: a Hub id with overrides and the family to follow', async () => {
    const hub = hubOf({ 'org/yi-like': found({ ...TOY_LLAMA_CONFIG, model_type: 'Yi' }) });
    const result = await load('    model: { base: org/yi-like, family: llama, num_hidden_layers: 1 }\n', hub);
    expect(result.issues).toEqual([]);
    // One layer of the toy Llama: 1,704 − 592 = 1,112.
    expect(countParameters(result.plans[0]!.plan.architecture).total).toBe(1112);
  });

  test('an unsupported model_type in disguise says which family to name', async () => {
    const hub = hubOf({
      'org/renamed': found({ ...TOY_LLAMA_CONFIG, model_type: 'my_llama', architectures: ['LlamaForCausalLM'] }),
    });
    const result = await load('    model: org/renamed\n', hub);
    expect(brief(result.issues)).toEqual([
      '4:12 invalid_model_config config.json of org/renamed: model_type: model_type "my_llama" is not supported, but its architectures field names LlamaForCausalLM: name `family: llama` to read it as llama',
    ]);
    expect(result.issues[0]!.expected).toBe('model: { base: org/renamed, family: <a supported model_type> }');
  });

  test('a multimodal checkpoint is estimated as its language model, and says so', async () => {
    const hub = hubOf({
      'org/vlm': found({
        model_type: 'llava',
        vision_config: { model_type: 'clip_vision_model', hidden_size: 1024 },
        text_config: TOY_LLAMA_CONFIG,
      }),
    });
    const result = await load('    model: org/vlm\n', hub);
    expect(result.issues).toEqual([]);
    const plan = result.plans[0]!.plan;
    expect(countParameters(plan.architecture).total).toBe(1704);
    expect(plan.assumptions).toContain(
      'model: org/vlm is multimodal (llava); the estimate covers its language model (llama) only, not the vision or audio encoder and projector',
    );
  });

  test.each<[string, HubConfig, string, string | undefined, RegExp]>([
    [
      // Llama-3.1-8B is a prefix of the id; then by edit distance: Llama-3.3-70B-Instruct 4 edits (1→3, 8→7, +0,
      // k→c), Llama-3.1-70B 11 (8→7, +0, −"-instrukt" 9), Llama-3.2-1B likewise 11 and listed after it.
      '404: names the repository and the nearest catalogue ids',
      {
        ok: false,
        failure: 'not_found',
        message:
          'no model repository meta-llama/Llama-3.1-8B-Instrukt on the Hugging Face Hub (https://huggingface.co/meta-llama/Llama-3.1-8B-Instrukt: 404)',
      },
      'hub_not_found',
      'nearest catalogue ids: meta-llama/Llama-3.1-8B, meta-llama/Llama-3.3-70B-Instruct, meta-llama/Llama-3.1-70B',
      /catalogue id/,
    ],
    [
      '401 gated: set HF_TOKEN and accept the licence',
      {
        ok: false,
        failure: 'gated',
        message:
          'meta-llama/Llama-3.1-8B-Instrukt is gated or private on the Hugging Face Hub (https://huggingface.co/meta-llama/Llama-3.1-8B-Instrukt: 401, no HF_TOKEN set)',
      },
      'hub_gated',
      undefined,
      /HF_TOKEN.*accepted the model's licence/,
    ],
    [
      'offline',
      {
        ok: false,
        failure: 'offline',
        message:
          'meta-llama/Llama-3.1-8B-Instrukt is not in the local Hugging Face cache (/c) and HF_HUB_OFFLINE forbids the network',
      },
      'hub_unavailable',
      undefined,
      /HF_HUB_OFFLINE unset/,
    ],
    [
      'network',
      { ok: false, failure: 'unavailable', message: 'the Hugging Face Hub answered 503 twice' },
      'hub_unavailable',
      undefined,
      /HF_ENDPOINT/,
    ],
  ])('%s', async (_name, answer, code, hint, expected) => {
    const hub = hubOf({ 'meta-llama/Llama-3.1-8B-Instrukt': answer });
    const result = await load('    model: meta-llama/Llama-3.1-8B-Instrukt\n', hub);
    expect(result.plans).toEqual([]);
    expect(result.issues).toHaveLength(1);
    const issue = result.issues[0]!;
    expect([issue.file, issue.line, issue.column, issue.code]).toEqual(['train-plan.yml', 4, 12, code]);
    expect(issue.message).toContain(answer.ok ? '' : answer.message);
    expect(issue.hint).toBe(hint);
    expect(issue.expected).toMatch(expected);
  });

  test('a config.json that is not a JSON object is an issue at the plan', async () => {
    const hub = hubOf({ 'org/broken': { ok: true, text: '[1, 2', source: SOURCE } });
    const result = await load('    model: org/broken\n', hub);
    expect(brief(result.issues)[0]).toMatch(
      /^4:12 invalid_model_config config.json of org\/broken \(.*\) is not a JSON object/,
    );
  });

  test('without a Hub reader an unknown id stays an unknown model', async () => {
    const result = await load('    model: org/toy\n', undefined);
    expect(brief(result.issues)).toEqual(['4:12 unknown_catalog_id unknown model "org/toy"']);
  });

  test('ids that are not Hub repository ids are not looked up', async () => {
    const hub = hubOf({});
    await load('    model: ../../etc/passwd\n', hub);
    await load('    model: llama\n', hub);
    expect(hub.asked).toEqual([]);
  });
});

test.each([
  ['meta-llama/Llama-3.1-8B', true],
  ['Qwen/Qwen2.5-0.5B', true],
  ['org/name_with.dots-and_underscores', true],
  ['gpt2', false],
  ['a/b/c', false],
  ['../etc', false],
  ['org/..', false],
  ['org/a--b', false],
  ['org/-name', false],
  ['org/name.', false],
  ['org/na me', false],
  [`org/${'x'.repeat(97)}`, false],
])('isHubRepoId(%s) is %s', (id, expected) => {
  expect(isHubRepoId(id)).toBe(expected);
});
