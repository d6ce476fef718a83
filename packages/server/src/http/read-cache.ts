// A cache of read answers that depend only on the project and the stored data (the
// scorecard, metric queries), dropped whole on every change. IO-free.
// Invariants: an entry is only served while no write (push, import, edit, reload) has
// happened since it was computed; concurrent identical reads share one computation;
// failures are never cached; the table is bounded.

export interface ReadCache {
  /** The answer for `key`, computed once per data generation. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Forget everything (call after any change to the project or its data). */
  invalidate(): void;
}

export const readCache = (maxEntries = 500): ReadCache => {
  let generation = 0;
  let entries = new Map<string, { generation: number; value: Promise<unknown> }>();
  return {
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && hit.generation === generation) return hit.value as Promise<T>;
      if (entries.size >= maxEntries) entries = new Map();
      const mine = generation;
      const value = compute();
      entries.set(key, { generation: mine, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    invalidate() {
      generation += 1;
      entries = new Map();
    },
  };
};

/** Caches principals resolved from a token or session for a few seconds. */
export interface PrincipalCache<P> {
  get(key: string, resolve: () => Promise<P | undefined>): Promise<P | undefined>;
  clear(): void;
}

export const principalCache = <P>(ttlMs: number, maxEntries = 10_000): PrincipalCache<P> => {
  let entries = new Map<string, { until: number; value: Promise<P | undefined> }>();
  return {
    get(key, resolve) {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.until > now) return hit.value;
      if (entries.size >= maxEntries) entries = new Map();
      const value = resolve();
      entries.set(key, { until: now + ttlMs, value });
      value.then(
        (v) => {
          if (v === undefined) entries.delete(key);
        },
        () => entries.delete(key),
      );
      return value;
    },
    clear() {
      entries = new Map();
    },
  };
};
