/**
 * The Octokit REST client for the comment API. @actions/github's getOctokit is @octokit/core with the paginate and
 * REST-endpoint plugins plus proxy support through @actions/http-client; loading that proxy stack (undici) takes
 * about 110 ms, more than a bare Node start, so the client is built here from @octokit/core and its paginate plugin
 * (calls name their routes, `octokit.request('GET /user')`, so the large endpoint table is not needed), and
 * @actions/github is loaded only when a proxy is configured (HTTPS_PROXY / HTTP_PROXY), to get its proxy agent.
 * Requests go through node:http / node:https (http-fetch.ts) rather than the global fetch, for the same reason.
 * `baseUrl` is GITHUB_API_URL as read when the client is made (GitHub Enterprise Server: https://HOST/api/v3).
 */
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { createNodeFetch, DEFAULT_FETCH_LIMITS, type FetchLimits } from './http-fetch.js';

const RestOctokit = Octokit.plugin(paginateRest);

export type RestClient = InstanceType<typeof RestOctokit>;

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARIABLES.some((name) => (env[name] ?? '') !== '');
}

/** `limits`: each request's timeouts and largest answer (http-fetch.ts; tests pass short ones). */
export async function createRestClient(
  token: string,
  apiUrl: string,
  env: NodeJS.ProcessEnv,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<RestClient> {
  const baseUrl = apiUrl.replace(/\/+$/, '');
  if (proxyConfigured(env)) {
    // @actions/github chooses its proxy agent for GITHUB_API_URL when it loads; on a runner that is `apiUrl`.
    const github = await import('@actions/github');
    return github.getOctokit(token, { baseUrl }) as unknown as RestClient;
  }
  return new RestOctokit({
    auth: token,
    baseUrl,
    userAgent: 'train-memory-action',
    request: { fetch: createNodeFetch(limits) },
  });
}
