/**
 * How plan/ asks for a Hugging Face Hub repository's config.json (DESIGN.md "Importers (`from:`) and the Hub"): the
 * shells pass an implementation (src/io/hub-config-reader.ts: the local cache, then the Hub), so plan/ itself does no
 * network or file I/O and tests pass their own.
 */

/** Why a repository's config.json could not be had. */
export type HubConfigFailure =
  /** No such repository, or it has no config.json (or it is private and no token was given). */
  | 'not_found'
  /** The repository is gated or private: 401/403. */
  | 'gated'
  /** Not in the local cache, and HF_HUB_OFFLINE forbids the network. */
  | 'offline'
  /** The network, the Hub or the answer failed: timeout, 5xx twice, too large, a redirect to another host. */
  | 'unavailable';

export type HubConfig =
  | {
      readonly ok: true;
      /** The config.json text (UTF-8, at most MAX_FILE_BYTES). */
      readonly text: string;
      /** Where it was read, for the assumptions: `the local Hugging Face cache (…)`, `https://huggingface.co (…)`. */
      readonly source: string;
    }
  | { readonly ok: false; readonly failure: HubConfigFailure; readonly message: string };

export interface HubConfigSource {
  /** The config.json of `repo` (`org/name`) at its `main` revision; read at most once per run. */
  readConfig(repo: string): Promise<HubConfig>;
}

const NAME = /^[A-Za-z0-9_.-]{1,96}$/;

/**
 * Whether `id` is a Hub model repository id, `org/name`, by the Hub's rules (huggingface_hub validate_repo_id: letters,
 * digits, `_`, `-`, `.`, at most 96 characters a part, no `--` or `..`, not starting or ending with `-` or `.`).
 */
export function isHubRepoId(id: string): boolean {
  const parts = id.split('/');
  return (
    parts.length === 2 &&
    parts.every(
      (part) =>
        NAME.test(part) && !part.includes('--') && !part.includes('..') && !/^[-.]/.test(part) && !/[-.]$/.test(part),
    )
  );
}
