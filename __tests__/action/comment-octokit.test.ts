/** The REST client: direct by default, through @actions/github's proxy agent when HTTP(S)_PROXY is set. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/fake-github-api.js';
import { createRestClient, proxyConfigured } from '../../src/action/comment-octokit.js';

/** A forward proxy on 127.0.0.1 that records the targets it was asked for (CONNECT tunnels and absolute URLs) and
 * sends every one of them to 127.0.0.1, whatever the host name: the client resolves no name itself. */
async function startProxy(): Promise<{ url: string; targets: string[]; server: Server }> {
  const targets: string[] = [];
  const server = createServer((request, response) => {
    targets.push(request.url ?? '');
    const target = new URL(request.url!);
    target.hostname = '127.0.0.1';
    const upstream = httpRequest(target, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(upstream);
  });
  server.on('connect', (request, client, head) => {
    targets.push(request.url ?? '');
    const port = Number((request.url ?? '').split(':')[1]);
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, targets, server };
}

describe('createRestClient', () => {
  let github: FakeGitHub | null = null;
  let proxy: Server | null = null;
  const saved = { ...process.env };
  afterEach(async () => {
    process.env = { ...saved };
    await github?.close();
    if (proxy !== null) {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy!.close(() => resolve()));
    }
    github = null;
    proxy = null;
  });

  it.each([
    [{}, false],
    [{ HTTPS_PROXY: 'http://proxy:3128' }, true],
    [{ http_proxy: 'http://proxy:3128' }, true],
    [{ HTTPS_PROXY: '' }, false],
  ])('proxyConfigured(%j) → %s', (env, expected) => {
    expect(proxyConfigured(env)).toBe(expected);
  });

  it('talks to GITHUB_API_URL directly, with the token', async () => {
    github = await startFakeGitHub({ userLogin: 'ci-bot', writerLogin: 'ci-bot' });
    const client = await createRestClient('ghp_token', `${github.url}/`, {});
    const { data } = await client.request('GET /user');
    expect(data.login).toBe('ci-bot');
    expect(github.requests).toEqual([
      { method: 'GET', url: '/user', body: undefined, authorization: 'token ghp_token' },
    ]);
  });

  it('goes through the proxy when one is configured', async () => {
    github = await startFakeGitHub({ userLogin: 'ci-bot', writerLogin: 'ci-bot' });
    const started = await startProxy();
    proxy = started.server;
    // @actions/http-client reads the proxy settings from the process environment and never proxies loopback
    // addresses, so the API is named by a host only the proxy resolves (to 127.0.0.1).
    for (const name of ['NO_PROXY', 'no_proxy', 'HTTPS_PROXY', 'https_proxy']) delete process.env[name];
    process.env['HTTP_PROXY'] = started.url;
    const apiUrl = `http://api.github.test:${new URL(github.url).port}`;
    // @actions/github picks its proxy agent for GITHUB_API_URL when it loads, as on a runner.
    process.env['GITHUB_API_URL'] = apiUrl;
    const client = await createRestClient('ghp_token', apiUrl, process.env);
    const { data } = await client.request('GET /user');
    expect(data.login).toBe('ci-bot');
    expect(started.targets[0]).toContain('api.github.test');
    expect(github.requests.map((r) => r.authorization)).toEqual(['token ghp_token']);
  });
});
