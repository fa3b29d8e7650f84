/**
 * Values kept under a fixed list of keys, one map level per key, compared as Map compares them (numbers and strings
 * by value, objects by identity). A lookup builds no string key: a search looks up tens of thousands of entries.
 */
export type CacheKey = string | number | boolean | object | null | undefined;

export class NestedCache<T> {
  private readonly root = new Map<CacheKey, unknown>();

  /** The value under `keys`, made by `make` the first time. */
  get(keys: readonly CacheKey[], make: () => T): T {
    let level = this.root;
    const last = keys.length - 1;
    for (let i = 0; i < last; i++) {
      let next = level.get(keys[i]) as Map<CacheKey, unknown> | undefined;
      if (next === undefined) level.set(keys[i], (next = new Map()));
      level = next;
    }
    let value = level.get(keys[last]) as T | undefined;
    if (value === undefined) level.set(keys[last], (value = make()));
    return value;
  }
}
