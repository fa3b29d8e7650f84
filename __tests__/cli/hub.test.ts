/**
 * The CLI with a Hub reader over a loopback HF_ENDPOINT (the binary builds the same reader from the environment):
 * a plan naming a Hub repository is estimated; a gated or missing one exits 2 at the plan's line and column.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHubConfigReader } from '../../src/io/hub-config-reader.js';
import { hubSettingsFromEnvironment } from '../../src/io/hub-settings.js';
import { TOY_LLAMA_CONFIG } from '../../__fixtures__/toy-llama.js';
import { runCli, STACK_FRAME } from './run-cli.js';

let server: Server;
let workspace: string;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/org/toy/resolve/main/config.json') {
      response.writeHead(200, { 'x-repo-commit': 'abcdef0123456789abcdef0123456789abcdef01' });
      response.end(JSON.stringify(TOY_LLAMA_CONFIG));
    } else if (request.url === '/org/gated/resolve/main/config.json') {
      response.writeHead(401, { 'x-error-code': 'GatedRepo' });
      response.end();
    } else {
      response.writeHead(404, { 'x-error-code': 'RepoNotFound' });
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workspace = mkdtempSync(path.join(os.tmpdir(), 'train-memory-hub-'));
  const plan = (model: string) =>
    `version: 1\nplans:\n  - name: p\n    model: ${model}\n    hardware: { gpu: h100-sxm-80gb }\n`;
  writeFileSync(path.join(workspace, 'toy.yml'), plan('org/toy'));
  writeFileSync(path.join(workspace, 'gated.yml'), plan('org/gated'));
  writeFileSync(path.join(workspace, 'missing.yml'), plan('meta-llama/Llama-3.1-8B-Instrukt'));
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const hub = () =>
  createHubConfigReader(
    hubSettingsFromEnvironment({ HF_ENDPOINT: endpoint, HF_HUB_CACHE: path.join(workspace, 'no-cache') }, '/nowhere'),
    { retryDelayMs: 0 },
  );

describe('train-memory with Hugging Face Hub models', () => {
  it('estimates a plan whose model is a Hub repository, and says where its config came from', async () => {
    const run = await runCli(['estimate', 'toy.yml'], workspace, { hub: hub() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('model: org/toy is not in the catalogue; its config.json was read from');
    expect(run.stdout).toContain(`${endpoint}/org/toy (revision abcdef012345)`);
  });

  it('a gated repository exits 2 at the plan line, saying to set HF_TOKEN', async () => {
    const run = await runCli(['estimate', 'gated.yml'], workspace, { hub: hub() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'gated.yml:4:12: plans[0].model: org/gated is gated or private on the Hugging Face Hub',
    );
    expect(run.stderr).toContain('HF_TOKEN');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('a missing repository exits 2 and names the nearest catalogue ids', async () => {
    const run = await runCli(['estimate', 'missing.yml'], workspace, { hub: hub() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'missing.yml:4:12: plans[0].model: no model repository meta-llama/Llama-3.1-8B-Instrukt',
    );
    expect(run.stderr).toContain('hint: nearest catalogue ids: meta-llama/Llama-3.1-8B');
  });

  it('params reads a Hub repository too', async () => {
    const run = await runCli(['params', 'org/toy', '--format', 'json'], workspace, { hub: hub() });
    expect(run.code).toBe(0);
    // The toy Llama: 1,704 parameters (__tests__/core/architecture/architecture.test.ts, by hand).
    expect(JSON.parse(run.stdout).total).toBe(1704);
  });
});
