/**
 * The HubConfigSource the CLI and the action use: a repository's config.json from the local Hugging Face cache when it
 * is there, else from the Hub (`{endpoint}/{repo}/resolve/main/config.json`, with HF_TOKEN as a bearer token). The
 * Hub answers that URL for a small file with a redirect within its own host (`/api/resolve-cache/…`); a redirect to
 * another host (a CDN serves large LFS files, never config.json) is refused rather than followed with the token.
 * One retry after a 5xx or a broken connection; each repository is read once per run.
 */
import { decodeUtf8, FileReadError, MAX_FILE_BYTES } from '../plan/file-reader.js';
import type { HubConfig, HubConfigSource } from '../plan/hub-config-source.js';
import { boundedGet, type BoundedGetResult } from './bounded-get.js';
import { readCachedConfig } from './hub-cache.js';
import type { HubSettings } from './hub-settings.js';

export interface HubReaderOptions {
  /** Per attempt, redirects included. */
  readonly timeoutMs?: number;
  /** Wait before the one retry. */
  readonly retryDelayMs?: number;
  readonly userAgent?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY_DELAY_MS = 1_000;
const MAX_REDIRECTS = 5;

/** The Hub's reason for a 4xx, from its `X-Error-Code` header (huggingface_hub utils/_http.py hf_raise_for_status). */
function errorCode(result: Extract<BoundedGetResult, { kind: 'response' }>): string {
  const value = result.headers['x-error-code'];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function answer(repo: string, result: BoundedGetResult, settings: HubSettings): HubConfig {
  const page = `${settings.endpoint}/${repo}`;
  if (result.kind !== 'response') {
    return { ok: false, failure: 'unavailable', message: `could not read ${repo}'s config.json: ${result.message}` };
  }
  const { status } = result;
  const code = errorCode(result);
  if (status === 200) {
    try {
      const text = decodeUtf8(result.body, `${page}/resolve/main/config.json`);
      const commit = result.headers['x-repo-commit'];
      const revision = typeof commit === 'string' && commit !== '' ? `revision ${commit.slice(0, 12)}` : 'main';
      return { ok: true, text, source: `${page} (${revision})` };
    } catch (error) {
      if (error instanceof FileReadError) return { ok: false, failure: 'unavailable', message: error.message };
      throw error;
    }
  }
  if (code === 'GatedRepo' || ((status === 401 || status === 403) && code !== 'RepoNotFound')) {
    return {
      ok: false,
      failure: 'gated',
      message: `${repo} is gated or private on the Hugging Face Hub (${page}: ${status}${settings.token === null ? ', no HF_TOKEN set' : ' with the HF_TOKEN given'})`,
    };
  }
  if (status === 404 || code === 'RepoNotFound' || code === 'EntryNotFound') {
    const what =
      code === 'EntryNotFound'
        ? `${repo} has no config.json on the Hugging Face Hub`
        : `no model repository ${repo} on the Hugging Face Hub${status === 401 && settings.token === null ? ' (or it is private: set HF_TOKEN)' : ''}`;
    return { ok: false, failure: 'not_found', message: `${what} (${page}: ${status})` };
  }
  return {
    ok: false,
    failure: 'unavailable',
    message: `the Hugging Face Hub answered ${status} for ${repo}'s config.json`,
  };
}

/** The longest `Retry-After` of a 429 that is waited for (the Hub's rate limits reset within minutes; a run does not wait
 * that long). */
const MAX_RETRY_AFTER_SECONDS = 10;

/** Milliseconds to wait before the one retry, or null for no retry: a network error or a 5xx after the usual delay, a
 * 429 after its Retry-After when that is short. */
function retryDelay(result: BoundedGetResult, usualMs: number): number | null {
  if (result.kind === 'network') return usualMs;
  if (result.kind !== 'response') return null;
  if (result.status >= 500) return usualMs;
  if (result.status !== 429) return null;
  const seconds = Number(result.headers['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_RETRY_AFTER_SECONDS ? seconds * 1000 : null;
}

export function createHubConfigReader(settings: HubSettings, options: HubReaderOptions = {}): HubConfigSource {
  const read = new Map<string, Promise<HubConfig>>();
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? 'train-memory',
    accept: 'application/json',
  };
  if (settings.token !== null) headers['authorization'] = `Bearer ${settings.token}`;

  const fetchConfig = async (repo: string): Promise<HubConfig> => {
    try {
      const cached = await readCachedConfig(settings.cacheDirectory, repo);
      if (cached !== null) {
        return {
          ok: true,
          text: cached.text,
          source: `the local Hugging Face cache (revision ${cached.revision.slice(0, 12)})`,
        };
      }
    } catch (error) {
      if (error instanceof FileReadError) return { ok: false, failure: 'unavailable', message: error.message };
      throw error;
    }
    if (settings.offline) {
      return {
        ok: false,
        failure: 'offline',
        message: `${repo} is not in the local Hugging Face cache (${settings.cacheDirectory}) and HF_HUB_OFFLINE forbids the network`,
      };
    }
    if (!/^https?:\/\/[^/]/.test(settings.endpoint) || !URL.canParse(settings.endpoint)) {
      return {
        ok: false,
        failure: 'unavailable',
        message: `HF_ENDPOINT "${settings.endpoint}" is not an http(s) URL, so ${repo}'s config.json cannot be read`,
      };
    }
    const url = `${settings.endpoint}/${repo}/resolve/main/config.json`;
    const get = () =>
      boundedGet(url, {
        headers,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBytes: MAX_FILE_BYTES,
        maxRedirects: MAX_REDIRECTS,
      });
    let result = await get();
    const delay = retryDelay(result, options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
    if (delay !== null) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      result = await get();
    }
    return answer(repo, result, settings);
  };

  return {
    readConfig(repo) {
      let pending = read.get(repo);
      if (pending === undefined) {
        pending = fetchConfig(repo);
        read.set(repo, pending);
      }
      return pending;
    },
  };
}
