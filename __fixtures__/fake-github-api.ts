/**
 * A fake of the GitHub REST endpoints the action uses, on 127.0.0.1 (tests never touch the internet): GET /user,
 * the issue-comment list with `Link` pagination, create, update and delete, and the files of chosen commits through
 * the contents API and the git trees API (recursive, or one directory at a time; `truncatedTrees` answers every
 * recursive listing as truncated, as GitHub does for trees over its limit). It records every request and can answer
 * chosen requests with a failure a number of times: a status, a body that is not JSON, no answer at all, or an
 * answer whose body never ends.
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
  /**
   * `status` (default): the status, headers and body; `malformed-json`: the status with a JSON content type and a body
   * that is not JSON; `hang`: no answer; `slow-body`: the status and headers, then a byte every 50 ms, never ending.
   */
  readonly behaviour?: 'status' | 'malformed-json' | 'hang' | 'slow-body';
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
  /** Files of each commit, by SHA: path from the repository root → text. */
  readonly commits?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Answer `recursive=1` tree listings as truncated (and empty), so the client lists directory by directory. */
  readonly truncatedTrees?: boolean;
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

/** Entries of the git trees API for `directory` of a commit's files: every one below it (recursive, paths from the
 * directory) or its direct children (files as blobs, directories as trees with SHA "<commit>:<path>"). */
function treeEntries(
  files: Readonly<Record<string, string>>,
  commit: string,
  directory: string,
  recursive: boolean,
): { path: string; type: string; mode: string; sha: string }[] {
  const prefix = directory === '' ? '' : `${directory}/`;
  const entries = new Map<string, { path: string; type: string; mode: string; sha: string }>();
  for (const file of Object.keys(files).sort()) {
    if (!file.startsWith(prefix)) continue;
    const parts = file.slice(prefix.length).split('/');
    const depth = recursive ? parts.length : 1;
    for (let i = 1; i <= depth; i += 1) {
      const relative = parts.slice(0, i).join('/');
      const isFile = i === parts.length;
      entries.set(relative, {
        path: relative,
        type: isFile ? 'blob' : 'tree',
        mode: isFile ? '100644' : '040000',
        sha: isFile ? `blob-${relative}` : `${commit}:${prefix}${relative}`,
      });
    }
  }
  return [...entries.values()];
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const comments = options.comments ?? [];
  const failures = options.failures ?? [];
  const requests: RecordedRequest[] = [];
  /** Answers left open by `hang` and `slow-body` failures, ended when the server closes. */
  const hanging = new Set<ServerResponse>();
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
      switch (failure.behaviour ?? 'status') {
        case 'status':
          send(response, failure.status, failure.body, { ...failure.headers });
          break;
        case 'malformed-json':
          response.writeHead(failure.status, { 'content-type': 'application/json; charset=utf-8' });
          response.end('{"id": 12, "body": "unterminated');
          break;
        case 'hang':
          hanging.add(response);
          break;
        case 'slow-body': {
          response.writeHead(failure.status, { 'content-type': 'application/json; charset=utf-8' });
          const timer = setInterval(() => response.write(' '), 50);
          response.on('close', () => clearInterval(timer));
          hanging.add(response);
          break;
        }
      }
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
    const tree = /^\/repos\/([^/]+)\/([^/]+)\/git\/trees\/([^/]+)$/.exec(url.pathname);
    if (tree !== null && method === 'GET') {
      // A tree SHA here is the commit SHA, or "<commit>:<directory>" for the trees under it.
      const [commit = '', directory = ''] = decodeURIComponent(tree[3]!).split(':');
      const files = options.commits?.[commit];
      if (files === undefined) {
        send(response, 404, { message: 'Not Found' });
        return;
      }
      const recursive = url.searchParams.get('recursive') !== null;
      if (recursive && options.truncatedTrees === true) {
        send(response, 200, { sha: commit, tree: [], truncated: true });
        return;
      }
      send(response, 200, { sha: commit, tree: treeEntries(files, commit, directory, recursive), truncated: false });
      return;
    }
    const contents = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(url.pathname);
    if (contents !== null && method === 'GET') {
      const files = options.commits?.[url.searchParams.get('ref') ?? ''];
      const file = contents[3]!.split('/').map(decodeURIComponent).join('/');
      const text = files?.[file];
      if (files === undefined) {
        send(response, 404, { message: `No commit found for the ref ${url.searchParams.get('ref') ?? ''}` });
      } else if (text !== undefined) {
        const bytes = Buffer.from(text, 'utf8');
        send(response, 200, {
          type: 'file',
          encoding: 'base64',
          size: bytes.length,
          name: file.split('/').pop(),
          path: file,
          content: bytes.toString('base64').replace(/(.{60})/g, '$1\n'),
        });
      } else if (Object.keys(files).some((path) => path.startsWith(`${file}/`))) {
        send(
          response,
          200,
          treeEntries(files, '', file, false).map((entry) => ({ ...entry, name: entry.path })),
        );
      } else {
        send(response, 404, { message: 'Not Found' });
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
    close: () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
