/**
 * End to end, the comparison with the base: the committed bundle (dist/index.js) run as a runner runs it, against a
 * fake GitHub API on 127.0.0.1 that serves the base commit's files through the contents and git trees endpoints.
 * Runs under Node 24 (the action's runtime) when the test can get it, else under the test runner's Node.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import * as path from 'node:path';
import { runAction, type ActionRun } from '../../__fixtures__/action-runner.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../__fixtures__/fake-github-api.js';
import { ensureNode24 } from '../../__fixtures__/node24.js';

// Each case starts a Node process; on a loaded two-core machine that can take seconds.
jest.setTimeout(60_000);

const BUNDLE = path.resolve(process.env['TRAIN_MEMORY_ACTION_BUNDLE'] ?? 'dist/index.js');
const node24 = ensureNode24();
const NODE = 'path' in node24 ? node24.path : process.execPath;

const BOT = 'github-actions[bot]';
const HEAD_SHA = '3f2c1ab9d0e4c2b7a8f6e5d4c3b2a1f0e9d8c7b6';
const BASE_SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const BASE_LABEL = 'main at 1a2b3c4';

/** Qwen2.5-0.5B, full fine-tuning on 8 H100s with a 95% memory budget: it fits (e2e.test.ts uses the same plan). */
const PLAN = `version: 1
plans:
  - name: qwen2.5-0.5b-sft
    model: Qwen/Qwen2.5-0.5B
    training:
      micro_batch_size: 1
      sequence_length: 2048
      tokens: 1B
    hardware:
      gpu: h100-sxm-80gb
      gpus: 8
      price_per_gpu_hour: 2.5
    budget:
      max_memory_per_gpu: 95%
`;

/** A 1 GiB memory budget, which no full fine-tuning of a 0.5B model meets: its bf16 weights alone, 0.49B × 2 bytes,
 * are 0.92 GiB before gradients and optimizer states. */
const OVER_BUDGET = PLAN.replace('max_memory_per_gpu: 95%', 'max_memory_per_gpu: 1GiB');

/**
 * The plan with 32 sequences per micro batch, which no H100 holds: the fp32 upcast of the logits and their
 * log-softmax alone are 32 × 2,048 tokens × 151,936 (Qwen2.5's vocabulary, config.json) × 2 × 4 bytes = 74.2 GiB, and
 * the model states 0.494B parameters × 16 bytes (bf16 weights and gradients, fp32 master weights and two AdamW
 * moments: the ZeRO paper's count) = 7.4 GiB more, over the 79.6 GiB (81,559 MiB) an H100 SXM offers. At one
 * sequence the plan fits (the first case of e2e.test.ts).
 */
const GROWN = PLAN.replace('micro_batch_size: 1', 'micro_batch_size: 32');

function pullRequestPayload(): unknown {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      updated_at: '2026-11-27T18:00:00Z',
      head: { sha: HEAD_SHA, ref: 'feature' },
      base: { sha: BASE_SHA, ref: 'main' },
    },
    repository: { full_name: 'octo-org/models' },
  };
}

let api: FakeGitHub | null = null;
async function fakeApi(options: Partial<FakeGitHubOptions> = {}): Promise<FakeGitHub> {
  api = await startFakeGitHub({ userLogin: null, writerLogin: BOT, ...options });
  return api;
}
afterEach(async () => {
  await api?.close();
  api = null;
});

function run(
  github: FakeGitHub,
  files: Record<string, string>,
  options: { inputs?: Record<string, string>; eventName?: string; payload?: unknown } = {},
): Promise<ActionRun> {
  return runAction({
    node: NODE,
    bundle: BUNDLE,
    files,
    eventName: options.eventName ?? 'pull_request',
    payload: options.payload ?? pullRequestPayload(),
    apiUrl: github.url,
    ...(options.inputs === undefined ? {} : { inputs: options.inputs }),
  });
}

const writes = (github: FakeGitHub) => github.requests.filter((request) => request.method !== 'GET');
const baseReads = (github: FakeGitHub) =>
  github.requests.filter((request) => /\/(contents|git\/trees)\//.test(request.url)).map((request) => request.url);

describe('the bundled action compares with the base commit', () => {
  it('reads the base through the trees and contents APIs and says nothing changed', async () => {
    const github = await fakeApi({ commits: { [BASE_SHA]: { 'train-plan.yml': PLAN } } });
    const result = await run(github, { 'train-plan.yml': PLAN });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(baseReads(github)).toEqual([
      `/repos/octo-org/models/git/trees/${BASE_SHA}?recursive=1`,
      `/repos/octo-org/models/contents/train-plan.yml?ref=${BASE_SHA}`,
    ]);
    const body = github.comments[0]!.body;
    expect(body).toContain('### ✅ No change from the base; the training plan fits its budget');
    expect(body).toContain('✅ **qwen2.5-0.5b-sft** is unchanged from the base:');
    expect(body).toContain(`compared with ${BASE_LABEL}`);
    expect(result.outputs['changed']).toBe('false');
    expect(result.summary).toContain('No change from the base');
  });

  it('with comment-when: changed, creates no comment while nothing changed', async () => {
    const github = await fakeApi({ commits: { [BASE_SHA]: { 'train-plan.yml': PLAN } } });
    const result = await run(github, { 'train-plan.yml': PLAN }, { inputs: { 'comment-when': 'changed' } });
    expect(result.exitCode).toBe(0);
    expect(writes(github)).toEqual([]);
    expect(result.stdout).toContain('No comment: `comment-when` is `changed` and no plan changed beyond the threshold');
    expect(result.outputs['comment-id']).toBe('');
    expect(result.outputs['comment-body']).toContain('No change from the base');
  });

  it('with comment-when: changed, still updates an existing comment when nothing changed', async () => {
    const existing = {
      id: 42,
      body: '<!-- train-memory-action key=default head=abc1234 updated=2026-11-27T17:00:00Z -->\nold report',
      user: { login: BOT },
    };
    const github = await fakeApi({ comments: [existing], commits: { [BASE_SHA]: { 'train-plan.yml': PLAN } } });
    const result = await run(github, { 'train-plan.yml': PLAN }, { inputs: { 'comment-when': 'changed' } });
    expect(result.exitCode).toBe(0);
    expect(writes(github).map((r) => `${r.method} ${r.url}`)).toEqual([
      'PATCH /repos/octo-org/models/issues/comments/42',
    ]);
    expect(result.outputs['comment-id']).toBe('42');
  });

  it('with comment-when: violation, comments only when a plan violates', async () => {
    const github = await fakeApi({ commits: { [BASE_SHA]: {} } });
    const fitting = await run(github, { 'train-plan.yml': PLAN }, { inputs: { 'comment-when': 'violation' } });
    expect(fitting.exitCode).toBe(0);
    expect(writes(github)).toEqual([]);
    const violating = await run(
      github,
      { 'train-plan.yml': OVER_BUDGET },
      { inputs: { 'comment-when': 'violation', 'fail-on': 'never' } },
    );
    expect(violating.exitCode).toBe(0);
    expect(writes(github).map((r) => r.method)).toEqual(['POST']);
  });

  it('makes every plan new when the base has no plan files', async () => {
    const github = await fakeApi({ commits: { [BASE_SHA]: { 'README.md': '# models\n' } } });
    const result = await run(github, { 'train-plan.yml': PLAN });
    expect(result.exitCode).toBe(0);
    const body = github.comments[0]!.body;
    expect(body).toContain('### ✅ 1 new plan; it fits its budget');
    expect(body).toContain('- **qwen2.5-0.5b-sft**: new plan');
    expect(body).toContain('#### ✅ qwen2.5-0.5b-sft (new)');
    expect(result.outputs['changed']).toBe('true');
  });

  it('pairs plans by name: a renamed plan is new, its old name removed', async () => {
    const github = await fakeApi({
      commits: { [BASE_SHA]: { 'train-plan.yml': PLAN.replace('qwen2.5-0.5b-sft', 'qwen-sft') } },
    });
    const result = await run(github, { 'train-plan.yml': PLAN });
    expect(result.exitCode).toBe(0);
    const body = github.comments[0]!.body;
    expect(body).toContain('### ✅ 1 new plan; 1 plan removed; it fits its budget');
    expect(body).toMatch(/- \*\*qwen-sft\*\*: removed \(was [\d.]+ GiB per GPU, [\d.]+ GPU-hours\)/);
    const report = JSON.parse((await import('node:fs')).readFileSync(result.outputs['report']!, 'utf8')) as {
      plans: { base: unknown }[];
      removedPlans: string[];
    };
    expect(report.plans[0]!.base).toBeNull();
    expect(report.removedPlans).toEqual(['qwen-sft']);
  });

  it('notes an invalid base and compares nothing', async () => {
    const github = await fakeApi({
      commits: { [BASE_SHA]: { 'train-plan.yml': PLAN.replace('micro_batch_size', 'micro_batch_sise') } },
    });
    const result = await run(github, { 'train-plan.yml': PLAN });
    expect(result.exitCode).toBe(0);
    const body = github.comments[0]!.body;
    expect(body).toContain('### ✅ The training plan fits its budget');
    expect(body).toContain(
      `> No comparison with ${BASE_LABEL}: its plan files could not be read \\(train-plan.yml:6:7:`,
    );
    expect(result.stdout).toMatch(/::warning::No comparison with main at 1a2b3c4: its plan files could not be read/);
    expect(result.outputs['changed']).toBe('true');
  });

  it('makes a plan new when a file it names is missing at the base (404)', async () => {
    const config = JSON.stringify({
      model_type: 'llama',
      hidden_size: 1024,
      intermediate_size: 4096,
      num_hidden_layers: 8,
      num_attention_heads: 16,
      num_key_value_heads: 4,
      vocab_size: 32000,
    });
    const plan = PLAN.replace('model: Qwen/Qwen2.5-0.5B', 'model: { config: models/tiny/config.json }');
    const github = await fakeApi({ commits: { [BASE_SHA]: { 'train-plan.yml': plan } } });
    const result = await run(github, { 'train-plan.yml': plan, 'models/tiny/config.json': config });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(github.comments[0]!.body).toContain('### ✅ 1 new plan; it fits its budget');
    expect(baseReads(github)).toContain(`/repos/octo-org/models/contents/models/tiny/config.json?ref=${BASE_SHA}`);
  });

  it('with fail-on: new-violation, passes on a violation the base had too', async () => {
    const github = await fakeApi({ commits: { [BASE_SHA]: { 'train-plan.yml': OVER_BUDGET } } });
    const result = await run(github, { 'train-plan.yml': OVER_BUDGET }, { inputs: { 'fail-on': 'new-violation' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs['within-budget']).toBe('false');
    expect(result.stdout).toMatch(
      /::warning title=Plan "qwen2\.5-0\.5b-sft" exceeds its budget,file=train-plan\.yml,line=3::memory per GPU .* \(as on the base\)/,
    );
    expect(result.stdout).toContain('the base has these violations too; the job is not failed');
    expect(result.stdout).not.toContain('::error');
    expect(github.comments[0]!.body).toContain(
      '### ❌ No change from the base; the training plan still exceeds its budget',
    );
  });

  it('with fail-on: new-violation, fails on a violation the base did not have, with an annotation on the line', async () => {
    const github = await fakeApi({ commits: { [BASE_SHA]: { 'train-plan.yml': PLAN } } });
    const result = await run(github, { 'train-plan.yml': GROWN }, { inputs: { 'fail-on': 'new-violation' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::error title=Plan "qwen2\.5-0\.5b-sft" exceeds its budget,file=train-plan\.yml,line=3::memory per GPU .* \(new\)/,
    );
    // The changed line (line 6 of the plan) says what it did.
    expect(result.stdout).toMatch(
      /::warning title=Plan "qwen2\.5-0\.5b-sft" now exceeds its budget,file=train-plan\.yml,line=6::training\.micro_batch_size 1 → 32: logits \+[\d.]+ GiB, activations \+[\d.]+ GiB, now over the 79\.6 GiB usable on the GPU$/m,
    );
    const body = github.comments[0]!.body;
    expect(body).toContain('### ❌ 1 plan needs more memory; 1 now exceeds its budget');
    expect(body).toMatch(
      /- \*\*qwen2\.5-0\.5b-sft\*\*: memory per GPU [\d.]+ → [\d.]+ GiB \(\+\d+%\) ↑, now over the 79\.6 GiB usable on the GPU;/,
    );
  });

  it('expands globs on the base tree: an added file is new, a deleted one removed', async () => {
    const second = PLAN.replace('qwen2.5-0.5b-sft', 'qwen-second');
    const third = PLAN.replace('qwen2.5-0.5b-sft', 'qwen-third');
    const github = await fakeApi({
      commits: { [BASE_SHA]: { 'plans/a.yml': PLAN, 'plans/c.yml': third, 'other/x.yml': second } },
    });
    const result = await run(
      github,
      { 'plans/a.yml': PLAN, 'plans/b.yml': second },
      { inputs: { config: 'plans/*.yml' } },
    );
    expect(result.exitCode).toBe(0);
    const body = github.comments[0]!.body;
    expect(body).toContain('### ✅ 1 new plan; 1 plan removed; all 2 fit their budgets');
    expect(body).toContain('- **qwen-second**: new plan');
    expect(body).toContain('- **qwen-third**: removed');
    expect(baseReads(github)).not.toContain(`/repos/octo-org/models/contents/other/x.yml?ref=${BASE_SHA}`);
  });

  it('lists a truncated tree directory by directory', async () => {
    const github = await fakeApi({ truncatedTrees: true, commits: { [BASE_SHA]: { 'plans/a.yml': PLAN } } });
    const result = await run(github, { 'plans/a.yml': PLAN }, { inputs: { config: 'plans/**/*.yml' } });
    expect(result.exitCode).toBe(0);
    expect(github.comments[0]!.body).toContain('No change from the base');
    expect(baseReads(github).filter((url) => url.includes('/git/trees/'))).toEqual([
      `/repos/octo-org/models/git/trees/${BASE_SHA}?recursive=1`,
      `/repos/octo-org/models/git/trees/${BASE_SHA}`,
      `/repos/octo-org/models/git/trees/${BASE_SHA}%3Aplans`,
    ]);
  });

  it('warns and compares nothing when the contents API refuses (403)', async () => {
    const github = await fakeApi({
      commits: { [BASE_SHA]: { 'train-plan.yml': PLAN } },
      failures: [
        {
          method: 'GET',
          path: /\/contents\//,
          status: 403,
          body: { message: 'Resource not accessible by integration' },
          times: 1,
        },
      ],
    });
    const result = await run(github, { 'train-plan.yml': PLAN });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/::warning::No comparison with main at 1a2b3c4: .*HTTP 403/);
    expect(github.comments[0]!.body).toContain('### ✅ The training plan fits its budget');
    expect(github.comments[0]!.body).toContain('> No comparison with main at 1a2b3c4');
  });

  it('retries a 500 of the contents API, then warns and compares nothing', async () => {
    const github = await fakeApi({
      commits: { [BASE_SHA]: { 'train-plan.yml': PLAN } },
      failures: [
        // retry-after: 0 keeps the test fast; the retries are those of the comment calls (4 tries).
        {
          method: 'GET',
          path: /\/contents\//,
          status: 500,
          body: { message: 'Server Error' },
          headers: { 'retry-after': '0' },
          times: 10,
        },
      ],
    });
    const result = await run(github, { 'train-plan.yml': PLAN });
    expect(result.exitCode).toBe(0);
    expect(baseReads(github).filter((url) => url.includes('/contents/'))).toHaveLength(4);
    expect(result.stdout).toMatch(/::warning::No comparison with main at 1a2b3c4: .*HTTP 500/);
    expect(github.comments).toHaveLength(1);
  });

  it('on push, compares with `before` and puts the change in the summary', async () => {
    const github = await fakeApi({
      commits: { [BASE_SHA]: { 'train-plan.yml': PLAN.replace('gpus: 8', 'gpus: 16') } },
    });
    const result = await run(
      github,
      { 'train-plan.yml': PLAN },
      { eventName: 'push', payload: { ref: 'refs/heads/main', before: BASE_SHA, after: HEAD_SHA } },
    );
    expect(result.exitCode).toBe(0);
    expect(writes(github)).toEqual([]);
    expect(result.summary).toContain('compared with 1a2b3c4 \\(before the push\\)');
    expect(result.summary).toMatch(/GPUs 16 → 8/);
    expect(result.outputs['changed']).toBe('true');
  });

  it('with compare-base: false, reads nothing of the base', async () => {
    const github = await fakeApi({ commits: { [BASE_SHA]: { 'train-plan.yml': PLAN } } });
    const result = await run(github, { 'train-plan.yml': PLAN }, { inputs: { 'compare-base': 'false' } });
    expect(result.exitCode).toBe(0);
    expect(baseReads(github)).toEqual([]);
    expect(github.comments[0]!.body).toContain('### ✅ The training plan fits its budget');
  });
});
