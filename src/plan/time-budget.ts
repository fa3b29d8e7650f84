/**
 * The whole run's time limit. Each plan's work is bounded (ranges checked at load, the search's estimate limit), but a
 * pull request may bring a thousand plans, or models whose Hub configs answer slowly: the loader and the report check
 * the clock before each plan and stop with one clear error once the limit is spent, instead of holding a runner.
 */

/** Seconds a run may take by default: a thousand plans take a few seconds. */
export const DEFAULT_TIME_LIMIT_SECONDS = 300;
/** The longest limit one may ask for: six hours, GitHub Actions' own limit for a job. */
export const MAX_TIME_LIMIT_SECONDS = 21_600;

export class TimeLimitError extends Error {
  constructor(
    readonly seconds: number,
    readonly during: string,
  ) {
    super(
      `the run stopped at its time limit of ${seconds} s, ${during}; estimate fewer plans at a time, or raise the limit (CLI: --time-limit SECONDS; action: input \`time-limit\`)`,
    );
    this.name = 'TimeLimitError';
  }
}

export interface TimeBudget {
  /** Throws TimeLimitError, naming what the run was doing (`while loading plan "x" of plans.yml`), when spent. */
  check(during: () => string): void;
}

/** No limit (tests and library use). */
export const UNLIMITED: TimeBudget = { check: () => undefined };

/** A budget of `seconds` from now; `now` gives milliseconds (the shells pass the monotonic clock). */
export function startTimeBudget(seconds: number, now: () => number): TimeBudget {
  const deadline = now() + seconds * 1000;
  return {
    check(during) {
      if (now() > deadline) throw new TimeLimitError(seconds, during());
    },
  };
}
