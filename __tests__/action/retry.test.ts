import { describe, expect, it } from '@jest/globals';
import { isRetryable, retryDelayMs, withRetry, type RetryOptions } from '../../src/action/retry.js';

const httpError = (status: number, headers: Record<string, string> = {}, message = 'error') =>
  Object.assign(new Error(message), { status, response: { headers } });

function options(waits: number[], now = 0): RetryOptions {
  return {
    attempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 10_000,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    now: () => now,
  };
}

describe('isRetryable', () => {
  it.each([
    ['502', httpError(502), true],
    ['500', httpError(500), true],
    ['429', httpError(429), true],
    ['403 with retry-after', httpError(403, { 'retry-after': '3' }), true],
    ['403 with no requests left', httpError(403, { 'x-ratelimit-remaining': '0' }), true],
    ['403 secondary rate limit message', httpError(403, {}, 'You have exceeded a secondary rate limit'), true],
    ['403 permission', httpError(403, {}, 'Resource not accessible by integration'), false],
    ['404', httpError(404), false],
    ['422', httpError(422), false],
    ['no status', new Error('socket hang up'), false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base delay', () => {
    // 100 ms × 2^(attempt − 1).
    expect([1, 2, 3].map((attempt) => retryDelayMs(httpError(502), attempt, options([])))).toEqual([100, 200, 400]);
  });
  it('waits Retry-After seconds', () => {
    expect(retryDelayMs(httpError(429, { 'retry-after': '3' }), 1, options([]))).toBe(3000);
  });
  it('waits until x-ratelimit-reset', () => {
    // Reset at epoch second 1005, now 1,000,000 ms → 5,000 ms.
    const error = httpError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1005' });
    expect(retryDelayMs(error, 1, options([], 1_000_000))).toBe(5000);
  });
  it('never waits longer than the maximum', () => {
    expect(retryDelayMs(httpError(429, { 'retry-after': '3600' }), 1, options([]))).toBe(10_000);
  });
});

describe('withRetry', () => {
  it('retries server errors and returns the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      'call',
      () => {
        calls += 1;
        return calls < 3 ? Promise.reject(httpError(502)) : Promise.resolve('ok');
      },
      options(waits),
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const waits: number[] = [];
    await expect(withRetry('call', () => Promise.reject(httpError(503)), options(waits))).rejects.toMatchObject({
      status: 503,
    });
    expect(waits).toHaveLength(3);
  });

  it('throws other errors at once', async () => {
    const waits: number[] = [];
    await expect(withRetry('call', () => Promise.reject(httpError(404)), options(waits))).rejects.toMatchObject({
      status: 404,
    });
    expect(waits).toEqual([]);
  });
});
