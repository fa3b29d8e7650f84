import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeFetch } from '../../src/action/http-fetch.js';

describe('createNodeFetch', () => {
  let server: Server;
  let base: string;
  const seen: { method: string; url: string; body: string; authorization: string | undefined }[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        seen.push({ method: request.method!, url: request.url!, body, authorization: request.headers.authorization });
        if (request.url === '/moved') {
          response.writeHead(301, { location: '/json' });
          response.end();
        } else if (request.url === '/see-other') {
          response.writeHead(303, { location: '/json' });
          response.end();
        } else {
          response.writeHead(request.url === '/missing' ? 404 : 200, {
            'content-type': 'application/json; charset=utf-8',
            'x-ratelimit-remaining': '4999',
            'set-cookie': ['a=1', 'b=2'],
          });
          response.end(JSON.stringify({ method: request.method, body }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends method, headers and body and reads status, headers and text', async () => {
    const fetch = createNodeFetch();
    const response = await fetch(`${base}/json?x=1`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { authorization: 'token t' },
    });
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${base}/json?x=1`);
    expect(response.headers.get('X-RateLimit-Remaining')).toBe('4999');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(Object.fromEntries(response.headers)['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(await response.text())).toEqual({ method: 'POST', body: '{"a":1}' });
    expect(seen.at(-1)).toEqual({ method: 'POST', url: '/json?x=1', body: '{"a":1}', authorization: 'token t' });
  });

  it('returns error statuses as responses', async () => {
    expect((await createNodeFetch()(`${base}/missing`)).status).toBe(404);
  });

  it('follows redirects: 301 keeps the method of a PATCH, 303 turns into GET without a body', async () => {
    const fetch = createNodeFetch();
    const moved = await fetch(`${base}/moved`, { method: 'PATCH', body: 'x' });
    expect(JSON.parse(await moved.text())).toEqual({ method: 'PATCH', body: 'x' });
    expect(moved.url).toBe(`${base}/json`);
    const other = await fetch(`${base}/see-other`, { method: 'POST', body: 'x' });
    expect(JSON.parse(await other.text())).toEqual({ method: 'GET', body: '' });
  });

  it('fails on a closed port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(createNodeFetch()(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
