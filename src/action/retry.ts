/**
 * Retries of API calls: server errors (5xx) and rate limits (429, or 403 with a rate-limit sign) are retried with
 * exponential backoff; `Retry-After` (seconds) and `x-ratelimit-reset` (epoch seconds) are honoured when present
 * (GitHub REST docs, "Rate limits for the REST API": wait for retry-after, else until x-ratelimit-reset). Other
 * errors are thrown at once. Timings are parameters so tests run with no delay.
 */

export interface RetryOptions {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Delay before the second try; doubled for each further one. */
  readonly baseDelayMs: number;
  /** No single wait is longer than this. */
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Current time in ms since the epoch (for x-ratelimit-reset). */
  readonly now: () => number;
  /** Told about each retry. */
  readonly onRetry?: (message: string) => void;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  attempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** The parts of an HTTP error (Octokit's RequestError has them) that decide a retry. */
interface HttpErrorLike {
  readonly status?: number;
  readonly message?: string;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>> };
}

function header(error: HttpErrorLike, name: string): string | undefined {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** True for a rate limit: 429, or 403 with `retry-after`, `x-ratelimit-remaining: 0` or "rate limit" in the message. */
export function isRateLimit(error: HttpErrorLike): boolean {
  if (error.status === 429) return true;
  if (error.status !== 403) return false;
  return (
    header(error, 'retry-after') !== undefined ||
    header(error, 'x-ratelimit-remaining') === '0' ||
    /rate limit/i.test(error.message ?? '')
  );
}

export function isRetryable(error: unknown): boolean {
  const status = (error as HttpErrorLike | null)?.status;
  if (typeof status !== 'number') return false;
  return status >= 500 || isRateLimit(error as HttpErrorLike);
}

/** Milliseconds to wait before try number `attempt + 1` (attempt counts from 1). */
export function retryDelayMs(error: unknown, attempt: number, options: RetryOptions): number {
  const httpError = error as HttpErrorLike;
  const retryAfter = Number(header(httpError, 'retry-after'));
  let delay = options.baseDelayMs * 2 ** (attempt - 1);
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && header(httpError, 'retry-after') !== undefined) {
    delay = retryAfter * 1000;
  } else if (isRateLimit(httpError) && header(httpError, 'x-ratelimit-reset') !== undefined) {
    const reset = Number(header(httpError, 'x-ratelimit-reset')) * 1000;
    if (Number.isFinite(reset)) delay = Math.max(delay, reset - options.now());
  }
  return Math.min(Math.max(0, delay), options.maxDelayMs);
}

/** Runs `call`, retrying as described above; `what` names the call in retry messages. */
export async function withRetry<T>(what: string, call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= options.attempts || !isRetryable(error)) throw error;
      const delay = retryDelayMs(error, attempt, options);
      const status = (error as HttpErrorLike).status;
      options.onRetry?.(`${what}: HTTP ${status}; try ${attempt + 1} of ${options.attempts} in ${delay} ms`);
      await options.sleep(delay);
    }
  }
}
