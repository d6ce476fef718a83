// React hooks over the API client: load on mount (and when the key changes), with
// loading/error states and a reload. A small in-memory cache lets a page that was seen
// a moment ago draw at once while it refreshes. Invariant: a stale answer never
// overwrites a newer one (each load is tagged).

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, type RequestOptions } from './api-client';

export type Loaded<T> =
  | { readonly state: 'loading'; readonly data?: T }
  | { readonly state: 'error'; readonly error: ApiError; readonly data?: T }
  | { readonly state: 'ready'; readonly data: T };

const cache = new Map<string, { at: number; data: unknown }>();
const FRESH_MS = 30_000;

/** Forgets cached answers (all, or those whose path starts with the prefix): after a write. */
export const invalidate = (prefix = ''): void => {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
};

const keyOf = (path: string, query?: RequestOptions['query']): string =>
  query ? `${path}?${JSON.stringify(query)}` : path;

export const useApi = <T>(
  path: string | undefined,
  query?: RequestOptions['query'],
): Loaded<T> & { reload: () => void } => {
  const key = path === undefined ? undefined : keyOf(path, query);
  const cached = key === undefined ? undefined : cache.get(key);
  const [result, setResult] = useState<Loaded<T>>(
    cached ? { state: 'ready', data: cached.data as T } : { state: 'loading' },
  );
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (path === undefined || key === undefined) return;
    const mine = ++seq.current;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < FRESH_MS && tick === 0) {
      setResult({ state: 'ready', data: hit.data as T });
      return;
    }
    const ctrl = new AbortController();
    setResult((r) => ({ state: 'loading', data: r.data }));
    api<T>(path, { query: queryRef.current, signal: ctrl.signal }).then(
      (data) => {
        if (mine !== seq.current) return;
        cache.set(key, { at: Date.now(), data });
        setResult({ state: 'ready', data });
      },
      (e: unknown) => {
        if (mine !== seq.current || ctrl.signal.aborted) return;
        const error =
          e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) });
        setResult((r) => ({ state: 'error', error, data: r.data }));
      },
    );
    return () => ctrl.abort();
  }, [path, key, tick]);

  const reload = useCallback(() => {
    if (key !== undefined) cache.delete(key);
    setTick((t) => t + 1);
  }, [key]);
  return { ...result, reload };
};
