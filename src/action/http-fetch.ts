/**
 * The part of `fetch` that Octokit's request layer uses (@octokit/request `fetchWrapper`: status, url, headers as
 * an iterable with `get`, `text()`, `arrayBuffer()`), over node:http and node:https. Node's global fetch loads its
 * own copy of undici on first use, which costs more than a bare Node start; these modules are part of Node's
 * start-up snapshot. One keep-alive agent per protocol reuses connections (idle sockets do not hold the process).
 */
import type { Agent, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';

/** Redirects followed at most (GitHub answers 301/307 for renamed repositories). */
const MAX_REDIRECTS = 3;

export interface FetchLimits {
  /** A request with no byte sent or received for this long fails (Octokit turns it into a retryable 500). */
  readonly idleTimeoutMs: number;
  /** A request whose answer is not complete this long after it was sent fails too (a body that trickles). */
  readonly totalTimeoutMs: number;
  /** An answer longer than this fails (the largest the action reads: a tree listing of a large repository). */
  readonly maxBodyBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  idleTimeoutMs: 20_000,
  totalTimeoutMs: 30_000,
  maxBodyBytes: 64 * 1024 * 1024,
};

export interface FetchInit {
  readonly method?: string;
  readonly body?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
}

export class ResponseHeaders implements Iterable<[string, string]> {
  readonly #entries: Map<string, string>;
  constructor(headers: IncomingHttpHeaders) {
    this.#entries = new Map();
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) this.#entries.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }
  get(name: string): string | null {
    return this.#entries.get(name.toLowerCase()) ?? null;
  }
  [Symbol.iterator](): Iterator<[string, string]> {
    return this.#entries[Symbol.iterator]();
  }
}

export interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: ResponseHeaders;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

type Transport = {
  request(options: RequestOptions, callback: (response: IncomingMessage) => void): import('node:http').ClientRequest;
  Agent: new (options: { keepAlive: boolean }) => Agent;
};

export function createNodeFetch(
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): (url: string, init?: FetchInit) => Promise<FetchResponse> {
  const agents = new Map<string, { transport: Transport; agent: Agent }>();
  const transportFor = async (protocol: string) => {
    let entry = agents.get(protocol);
    if (entry === undefined) {
      if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(`unsupported protocol ${protocol}`);
      const transport = (protocol === 'https:' ? await import('node:https') : await import('node:http')) as Transport;
      entry = { transport, agent: new transport.Agent({ keepAlive: true }) };
      agents.set(protocol, entry);
    }
    return entry;
  };

  const once = async (url: URL, init: FetchInit): Promise<{ response: IncomingMessage; body: Buffer }> => {
    const { transport, agent } = await transportFor(url.protocol);
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | null, result?: { response: IncomingMessage; body: Buffer }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (error === null) resolve(result!);
        else {
          request.destroy();
          reject(error);
        }
      };
      const request = transport.request(
        {
          method: init.method ?? 'GET',
          hostname: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          headers: init.headers,
          agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > limits.maxBodyBytes) {
              finish(new Error(`the answer from ${url.host} is over ${limits.maxBodyBytes} bytes`));
              response.destroy();
            } else chunks.push(chunk);
          });
          response.on('end', () => finish(null, { response, body: Buffer.concat(chunks) }));
          response.on('error', (error) => finish(error));
          response.on('aborted', () => finish(new Error(`the answer from ${url.host} ended early`)));
        },
      );
      const deadline = setTimeout(
        () => finish(new Error(`no complete answer from ${url.host} in ${limits.totalTimeoutMs} ms`)),
        limits.totalTimeoutMs,
      );
      request.setTimeout(limits.idleTimeoutMs, () =>
        finish(new Error(`no answer from ${url.host} in ${limits.idleTimeoutMs} ms`)),
      );
      request.on('error', (error) => finish(error));
      request.end(init.body ?? undefined);
    });
  };

  return async (input, init = {}) => {
    let url = new URL(input);
    let current = init;
    for (let redirects = 0; ; redirects += 1) {
      const { response, body } = await once(url, current);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location !== undefined && redirects < MAX_REDIRECTS) {
        const next = new URL(location, url);
        // 303, and 301/302 after POST, become GET without a body (the fetch standard's rule).
        const toGet = status === 303 || ((status === 301 || status === 302) && current.method === 'POST');
        const headers = { ...current.headers };
        // Credentials are not sent to another host.
        if (next.host !== url.host) delete (headers as Record<string, string>)['authorization'];
        current = { ...current, headers, ...(toGet ? { method: 'GET', body: null } : {}) };
        url = next;
        continue;
      }
      return {
        status,
        statusText: response.statusMessage ?? '',
        url: url.toString(),
        headers: new ResponseHeaders(response.headers),
        text: () => Promise.resolve(body.toString('utf8')),
        arrayBuffer: () =>
          Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer),
      };
    }
  };
}
