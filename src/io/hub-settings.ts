/**
 * Where the Hugging Face Hub and its local cache are, read from the environment variables huggingface_hub reads
 * (huggingface_hub/constants.py): HF_HUB_CACHE (or the older HUGGINGFACE_HUB_CACHE), else HF_HOME/hub, else
 * $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub; HF_ENDPOINT (default https://huggingface.co);
 * HF_TOKEN; HF_HUB_OFFLINE (1, ON, YES or TRUE, any case; TRANSFORMERS_OFFLINE likewise).
 */
import * as path from 'node:path';

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

export interface HubSettings {
  /** The hub cache directory (holding `models--org--name/`). */
  readonly cacheDirectory: string;
  /** Base URL of the Hub, without a trailing slash. */
  readonly endpoint: string;
  /** Sent as `Authorization: Bearer …` to the endpoint's host only; null when HF_TOKEN is unset or empty. */
  readonly token: string | null;
  /** HF_HUB_OFFLINE: the cache only, no network. */
  readonly offline: boolean;
}

/** huggingface_hub's `_is_true`. */
function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'ON', 'YES', 'TRUE'].includes(value.trim().toUpperCase());
}

/** `~` at the start of a path is the home directory, as Python's expanduser reads it. */
function expandHome(value: string, home: string): string {
  return value === '~' || value.startsWith('~/') ? path.join(home, value.slice(1)) : value;
}

export function hubSettingsFromEnvironment(env: NodeJS.ProcessEnv, home: string): HubSettings {
  const nonEmpty = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const hfHome =
    nonEmpty('HF_HOME') ?? path.join(nonEmpty('XDG_CACHE_HOME') ?? path.join(home, '.cache'), 'huggingface');
  const cache = nonEmpty('HF_HUB_CACHE') ?? nonEmpty('HUGGINGFACE_HUB_CACHE') ?? path.join(hfHome, 'hub');
  return {
    cacheDirectory: path.resolve(expandHome(cache, home)),
    endpoint: (nonEmpty('HF_ENDPOINT') ?? DEFAULT_HUB_ENDPOINT).replace(/\/+$/, ''),
    token: nonEmpty('HF_TOKEN') ?? null,
    offline: isTrue(env['HF_HUB_OFFLINE']) || isTrue(env['TRANSFORMERS_OFFLINE']),
  };
}
