/**
 * Reading a Hub repository's config.json: the local cache first, then HF_ENDPOINT, against a real loopback server
 * (never the internet). The Hub answers `/{repo}/resolve/main/config.json` for a small file with a 307 to
 * `/api/resolve-cache/models/{repo}/{commit}/config.json?…` on its own host and the commit in X-Repo-Commit
 * (huggingface/swift-transformers#209 shows the exchange); missing and gated repositories carry X-Error-Code
 * (huggingface_hub utils/_http.py hf_raise_for_status).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createHubConfigReader } from '../../src/io/hub-config-reader.js';
import type { HubSettings } from '../../src/io/hub-settings.js';
import { MAX_FILE_BYTES } from '../../src/plan/file-reader.js';

const CONFIG = '{"model_type": "llama", "hidden_size": 8}';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

interface Seen {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

type Route = (response: ServerResponse, attempt: number) => void;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('createHubConfigReader', () => {
  let hub: Server;
  let other: Server;
  let endpoint: string;
  let otherOrigin: string;
  const seen: Seen[] = [];
  const otherSeen: Seen[] = [];
  const routes = new Map<string, Route>();
  const attempts = new Map<string, number>();
  let emptyCache: string;

  beforeAll(async () => {
    hub = createServer((request, response) => {
      seen.push({ url: request.url!, headers: request.headers });
      const url = request.url!.split('?')[0]!;
      const attempt = (attempts.get(url) ?? 0) + 1;
      attempts.set(url, attempt);
      const route = routes.get(url);
      if (route === undefined) {
        response.writeHead(404, { 'x-error-code': 'RepoNotFound' });
        response.end('Repository not found');
      } else route(response, attempt);
    });
    other = createServer((request, response) => {
      otherSeen.push({ url: request.url!, headers: request.headers });
      response.end(CONFIG);
    });
    endpoint = await listen(hub);
    otherOrigin = await listen(other);
    emptyCache = mkdtempSync(path.join(tmpdir(), 'hub-cache-empty-'));
  });
  afterAll(async () => {
    await close(hub);
    await close(other);
  });
  beforeEach(() => {
    seen.length = 0;
    otherSeen.length = 0;
    routes.clear();
    attempts.clear();
  });

  const settings = (overrides: Partial<HubSettings> = {}): HubSettings => ({
    cacheDirectory: emptyCache,
    endpoint,
    token: null,
    offline: false,
    ...overrides,
  });
  const reader = (overrides: Partial<HubSettings> = {}, timeoutMs = 2000) =>
    createHubConfigReader(settings(overrides), { timeoutMs, retryDelayMs: 0 });

  /** The Hub's answer for a small file: a same-host redirect to its resolve cache, which serves the file. */
  const serveLikeTheHub = (repo: string, body: string = CONFIG): void => {
    const cached = `/api/resolve-cache/models/${repo}/${COMMIT}/config.json`;
    routes.set(`/${repo}/resolve/main/config.json`, (response) => {
      response.writeHead(307, { location: `${cached}?etag=%22abc%22`, 'x-repo-commit': COMMIT });
      response.end();
    });
    routes.set(cached, (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-repo-commit': COMMIT });
      response.end(body);
    });
  };

  test('200 through the same-host redirect: the text, the revision, HF_TOKEN sent to the Hub', async () => {
    serveLikeTheHub('org/model');
    const result = await reader({ token: 'hf_secret' }).readConfig('org/model');
    expect(result).toEqual({ ok: true, text: CONFIG, source: `${endpoint}/org/model (revision 0123456789ab)` });
    expect(seen.map((request) => request.url.split('?')[0])).toEqual([
      '/org/model/resolve/main/config.json',
      `/api/resolve-cache/models/org/model/${COMMIT}/config.json`,
    ]);
    for (const request of seen) expect(request.headers.authorization).toBe('Bearer hf_secret');
  });

  test('without HF_TOKEN no authorization header is sent', async () => {
    serveLikeTheHub('org/model');
    await reader().readConfig('org/model');
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  test('each repository is fetched once per run', async () => {
    serveLikeTheHub('org/model');
    const hubReader = reader();
    await Promise.all([hubReader.readConfig('org/model'), hubReader.readConfig('org/model')]);
    await hubReader.readConfig('org/model');
    expect(seen.filter((request) => request.url.startsWith('/org/model/'))).toHaveLength(1);
  });

  test.each([
    ['401 GatedRepo', 401, 'GatedRepo', 'gated', 'is gated or private'],
    ['403 GatedRepo', 403, 'GatedRepo', 'gated', 'is gated or private'],
    ['401 without a code', 401, '', 'gated', 'is gated or private'],
    ['404 RepoNotFound', 404, 'RepoNotFound', 'not_found', 'no model repository org/model'],
    [
      '401 RepoNotFound (private or missing, no token)',
      401,
      'RepoNotFound',
      'not_found',
      'or it is private: set HF_TOKEN',
    ],
    ['404 EntryNotFound', 404, 'EntryNotFound', 'not_found', 'org/model has no config.json'],
    ['429', 429, '', 'unavailable', 'answered 429'],
  ])('%s', async (_name, status, code, failure, text) => {
    routes.set('/org/model/resolve/main/config.json', (response) => {
      response.writeHead(status, code === '' ? {} : { 'x-error-code': code });
      response.end('{"error": "…"}');
    });
    const result = await reader().readConfig('org/model');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toBe(failure);
    expect(result.message).toContain(text);
    expect(attempts.get('/org/model/resolve/main/config.json')).toBe(1);
  });

  test('500 then 200: one retry', async () => {
    routes.set('/org/model/resolve/main/config.json', (response, attempt) => {
      response.writeHead(attempt === 1 ? 500 : 200);
      response.end(attempt === 1 ? 'busy' : CONFIG);
    });
    const result = await reader().readConfig('org/model');
    expect(result).toMatchObject({ ok: true, text: CONFIG });
    expect(attempts.get('/org/model/resolve/main/config.json')).toBe(2);
  });

  test('500 twice: unavailable after one retry, no third request', async () => {
    routes.set('/org/model/resolve/main/config.json', (response) => {
      response.writeHead(503);
      response.end();
    });
    const result = await reader().readConfig('org/model');
    expect(result).toMatchObject({ ok: false, failure: 'unavailable', message: expect.stringContaining('503') });
    expect(attempts.get('/org/model/resolve/main/config.json')).toBe(2);
  });

  test('a Hub that does not answer in time: unavailable, no retry', async () => {
    routes.set('/org/model/resolve/main/config.json', () => {
      // Never answers.
    });
    const started = performance.now();
    const result = await reader({}, 150).readConfig('org/model');
    expect(result).toMatchObject({ ok: false, failure: 'unavailable', message: expect.stringContaining('in 150 ms') });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(attempts.get('/org/model/resolve/main/config.json')).toBe(1);
  });

  test('a body over the size cap, declared: refused without reading it', async () => {
    routes.set('/org/model/resolve/main/config.json', (response) => {
      response.writeHead(200, { 'content-length': String(MAX_FILE_BYTES + 1) });
      response.end(' '.repeat(MAX_FILE_BYTES + 1));
    });
    const result = await reader().readConfig('org/model');
    expect(result).toMatchObject({ ok: false, failure: 'unavailable', message: expect.stringContaining('limited to') });
  });

  test('a body over the size cap, streamed without a length: cut off at the cap', async () => {
    routes.set('/org/model/resolve/main/config.json', (response) => {
      response.writeHead(200, { 'transfer-encoding': 'chunked' });
      const chunk = ' '.repeat(64 * 1024);
      for (let sent = 0; sent <= MAX_FILE_BYTES; sent += chunk.length) response.write(chunk);
      response.end();
    });
    const result = await reader().readConfig('org/model');
    expect(result).toMatchObject({ ok: false, failure: 'unavailable', message: expect.stringContaining('exceeds') });
  });

  test('a redirect to another host is not followed, so the token goes nowhere else', async () => {
    routes.set('/org/model/resolve/main/config.json', (response) => {
      response.writeHead(302, { location: `${otherOrigin}/cdn/config.json` });
      response.end();
    });
    const result = await reader({ token: 'hf_secret' }).readConfig('org/model');
    expect(result).toMatchObject({
      ok: false,
      failure: 'unavailable',
      message: expect.stringContaining('another host'),
    });
    expect(otherSeen).toEqual([]);
  });

  test('HF_HUB_OFFLINE: no request; says the cache lacks it', async () => {
    const result = await reader({ offline: true }).readConfig('org/model');
    expect(result).toMatchObject({ ok: false, failure: 'offline', message: expect.stringContaining('HF_HUB_OFFLINE') });
    expect(seen).toEqual([]);
  });

  test('an HF_ENDPOINT that is not an http(s) URL: unavailable, said plainly', async () => {
    const result = await reader({ endpoint: 'ftp://mirror' }).readConfig('org/model');
    expect(result).toMatchObject({
      ok: false,
      failure: 'unavailable',
      message: expect.stringContaining('HF_ENDPOINT'),
    });
  });

  test('an endpoint that refuses connections: unavailable after one retry', async () => {
    const closed = createServer();
    const origin = await listen(closed);
    await close(closed);
    const result = await createHubConfigReader(settings({ endpoint: origin }), { retryDelayMs: 0 }).readConfig(
      'org/model',
    );
    expect(result).toMatchObject({ ok: false, failure: 'unavailable' });
  });

  describe('the local cache', () => {
    /** models--org--model/{refs/main, snapshots/<commit>/config.json → ../../blobs/<hash>}, as huggingface_hub writes. */
    function fakeCache(text = CONFIG, refsMain = `${COMMIT}\n`): string {
      const cache = mkdtempSync(path.join(tmpdir(), 'hub-cache-'));
      const folder = path.join(cache, 'models--org--model');
      mkdirSync(path.join(folder, 'refs'), { recursive: true });
      mkdirSync(path.join(folder, 'blobs'));
      mkdirSync(path.join(folder, 'snapshots', COMMIT), { recursive: true });
      writeFileSync(path.join(folder, 'refs', 'main'), refsMain);
      writeFileSync(path.join(folder, 'blobs', 'f5c3703b'), text);
      symlinkSync('../../blobs/f5c3703b', path.join(folder, 'snapshots', COMMIT, 'config.json'));
      return cache;
    }

    test('a cached config is read without the network, also offline', async () => {
      const cache = fakeCache();
      const result = await reader({ cacheDirectory: cache, offline: true }).readConfig('org/model');
      expect(result).toMatchObject({ ok: true, text: CONFIG });
      if (result.ok) expect(result.source).toContain('the local Hugging Face cache');
      expect(seen).toEqual([]);
    });

    test('another repository is not taken from the cache', async () => {
      const cache = fakeCache();
      serveLikeTheHub('org/other');
      const result = await reader({ cacheDirectory: cache }).readConfig('org/other');
      expect(result).toMatchObject({ ok: true, source: expect.stringContaining(endpoint) });
    });

    test('refs/main that is not a commit is ignored: the Hub is asked', async () => {
      const cache = fakeCache(CONFIG, '../../../etc');
      serveLikeTheHub('org/model');
      const result = await reader({ cacheDirectory: cache }).readConfig('org/model');
      expect(result).toMatchObject({ ok: true, source: expect.stringContaining(endpoint) });
    });

    test('a cached file over the size cap is refused', async () => {
      const cache = fakeCache(' '.repeat(MAX_FILE_BYTES + 1));
      const result = await reader({ cacheDirectory: cache }).readConfig('org/model');
      expect(result).toMatchObject({ ok: false, failure: 'unavailable', message: expect.stringContaining('1 MiB') });
    });
  });
});
