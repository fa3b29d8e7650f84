/**
 * One HTTP(S) GET with the limits reading from the Hub needs: a deadline for the whole exchange, a cap on the body's
 * size, and redirects followed only within the first URL's origin (scheme, host and port), so a credential sent to the
 * Hub is never sent anywhere else. Over node:http/node:https, which start faster than Node's fetch (see
 * src/action/http-fetch.ts) and let the body be cut off at the cap.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export interface BoundedGetOptions {
  readonly headers: Readonly<Record<string, string>>;
  /** The whole exchange, redirects included, fails after this many milliseconds. */
  readonly timeoutMs: number;
  /** A body longer than this fails (and is not read further). */
  readonly maxBytes: number;
  /** Same-origin redirects followed at most. */
  readonly maxRedirects: number;
}

export type BoundedGetResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: IncomingHttpHeaders;
      readonly body: Buffer;
      /** The URL that answered, after redirects. */
      readonly url: string;
    }
  | { readonly kind: 'timeout' | 'too_large' | 'foreign_redirect' | 'network'; readonly message: string };

class BodyTooLarge extends Error {}

function requestOnce(url: URL, options: BoundedGetOptions, signal: AbortSignal): Promise<IncomingMessage> {
  return (async () => {
    const transport = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = transport.get(url, { headers: options.headers, signal }, resolve);
      request.on('error', reject);
    });
  })();
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new BodyTooLarge(`the answer declares ${declared} bytes`));
      response.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Settled first: destroying the stream reports the cut-off connection too.
        reject(new BodyTooLarge(`the answer exceeds ${maxBytes} bytes`));
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('the connection closed before the answer was complete')));
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function boundedGet(input: string, options: BoundedGetOptions): Promise<BoundedGetResult> {
  const first = new URL(input);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    let url = first;
    for (let redirects = 0; ; redirects += 1) {
      const response = await requestOnce(url, options, controller.signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location !== undefined) {
        response.resume();
        const next = new URL(location, url);
        if (next.origin !== first.origin) {
          return {
            kind: 'foreign_redirect',
            message: `${url.origin} redirected to another host, ${next.origin}; only redirects within ${first.origin} are followed`,
          };
        }
        if (redirects >= options.maxRedirects) {
          return { kind: 'network', message: `more than ${options.maxRedirects} redirects from ${first.href}` };
        }
        url = next;
        continue;
      }
      const body = await readBody(response, options.maxBytes);
      return { kind: 'response', status, headers: response.headers, body, url: url.href };
    }
  } catch (error) {
    if (timedOut)
      return { kind: 'timeout', message: `no complete answer from ${first.origin} in ${options.timeoutMs} ms` };
    if (error instanceof BodyTooLarge) {
      return {
        kind: 'too_large',
        message: `${error.message}; config.json files are limited to ${options.maxBytes} bytes`,
      };
    }
    return { kind: 'network', message: `${first.origin}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}
