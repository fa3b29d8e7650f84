/**
 * A fake of the GitHub REST endpoints the action uses, on 127.0.0.1 (tests never touch the internet): GET /user,
 * the issue-comment list with `Link` pagination, create, update and delete. It records every request and can
 * answer chosen requests with a failure once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string };
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly body: unknown;
  readonly authorization: string | undefined;
}

export interface InjectedFailure {
  readonly method: string;
  /** Matches the path (without query). */
  readonly path: RegExp;
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** How many matching requests fail; then requests pass. */
  times: number;
}

export interface FakeGitHubOptions {
  /** Login for GET /user; null answers 403 as GitHub does for a job's GITHUB_TOKEN. */
  readonly userLogin: string | null;
  /** Author of comments the token creates: the token's identity. */
  readonly writerLogin: string;
  readonly comments?: FakeComment[];
  readonly failures?: InjectedFailure[];
}

export interface FakeGitHub {
  readonly url: string;
  readonly comments: FakeComment[];
  readonly requests: RecordedRequest[];
  readonly failures: InjectedFailure[];
  close(): Promise<void>;
}

const PAGE_SIZE_MAX = 100;

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const comments = options.comments ?? [];
  const failures = options.failures ?? [];
  const requests: RecordedRequest[] = [];
  let nextId = Math.max(1000, ...comments.map((comment) => comment.id)) + 1;
  let baseUrl = '';

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const body = await readJson(request);
    requests.push({ method, url: `${url.pathname}${url.search}`, body, authorization: request.headers.authorization });

    const failure = failures.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
    if (failure !== undefined) {
      failure.times -= 1;
      send(response, failure.status, failure.body, { ...failure.headers });
      return;
    }
    if (method === 'GET' && url.pathname === '/user') {
      if (options.userLogin === null) {
        send(response, 403, { message: 'Resource not accessible by integration', status: '403' });
      } else {
        send(response, 200, { login: options.userLogin, id: 1, type: 'User' });
      }
      return;
    }
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (list !== null && method === 'GET') {
      const perPage = Math.min(PAGE_SIZE_MAX, Number(url.searchParams.get('per_page') ?? '30'));
      const page = Number(url.searchParams.get('page') ?? '1');
      const lastPage = Math.max(1, Math.ceil(comments.length / perPage));
      const links: string[] = [];
      const pageUrl = (n: number): string => `${baseUrl}${url.pathname}?per_page=${perPage}&page=${n}`;
      if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
      if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`);
      send(
        response,
        200,
        comments.slice((page - 1) * perPage, page * perPage),
        links.length > 0 ? { link: links.join(', ') } : {},
      );
      return;
    }
    if (list !== null && method === 'POST') {
      const comment = { id: nextId, body: (body as { body: string }).body, user: { login: options.writerLogin } };
      nextId += 1;
      comments.push(comment);
      send(response, 201, comment);
      return;
    }
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (one !== null) {
      const index = comments.findIndex((comment) => comment.id === Number(one[3]));
      if (index === -1) {
        send(response, 404, { message: 'Not Found' });
      } else if (method === 'PATCH') {
        comments[index] = { ...comments[index]!, body: (body as { body: string }).body };
        send(response, 200, comments[index]);
      } else if (method === 'DELETE') {
        comments.splice(index, 1);
        response.writeHead(204);
        response.end();
      } else {
        send(response, 405, { message: 'Method Not Allowed' });
      }
      return;
    }
    send(response, 404, { message: `Not Found: ${method} ${url.pathname}` });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    comments,
    requests,
    failures,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
