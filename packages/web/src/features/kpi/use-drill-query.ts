// A React hook over POST /api/query for the KPI drill-down: runs the body (through the one
// API client, which adds the CSRF header), with loading and error states and a retry.
// Answers are kept for 30 s per body, so reopening a member draws at once.
// Invariants: a stale answer never overwrites a newer one; no body means no request.

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/api-client';
import type { Loaded } from '../../api/use-api';
import type { QueryAnswer, QueryBody } from './kpi-drill-model';

const cache = new Map<string, { at: number; data: QueryAnswer }>();
const FRESH_MS = 30_000;

const fresh = (key: string | undefined): QueryAnswer | undefined => {
  const hit = key === undefined ? undefined : cache.get(key);
  return hit && Date.now() - hit.at < FRESH_MS ? hit.data : undefined;
};

export const useDrillQuery = (body: QueryBody | undefined): Loaded<QueryAnswer> & { retry: () => void } => {
  const key = body === undefined ? undefined : JSON.stringify(body);
  const [result, setResult] = useState<{ key: string | undefined; loaded: Loaded<QueryAnswer> }>(() => {
    const hit = fresh(key);
    return { key, loaded: hit ? { state: 'ready', data: hit } : { state: 'loading' } };
  });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    if (key === undefined) return;
    const mine = ++seq.current;
    const hit = fresh(key);
    if (hit) {
      setResult({ key, loaded: { state: 'ready', data: hit } });
      return;
    }
    const ctrl = new AbortController();
    setResult({ key, loaded: { state: 'loading' } });
    api<QueryAnswer>('/api/query', { method: 'POST', json: JSON.parse(key), signal: ctrl.signal }).then(
      (data) => {
        if (mine !== seq.current) return;
        cache.set(key, { at: Date.now(), data });
        setResult({ key, loaded: { state: 'ready', data } });
      },
      (e: unknown) => {
        if (mine !== seq.current || ctrl.signal.aborted) return;
        const error =
          e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) });
        setResult({ key, loaded: { state: 'error', error } });
      },
    );
    return () => ctrl.abort();
  }, [key, tick]);

  const retry = useCallback(() => {
    if (key !== undefined) cache.delete(key);
    setTick((t) => t + 1);
  }, [key]);
  // An answer to another body (the member just changed) is not this body's answer.
  const hit = result.key === key ? undefined : fresh(key);
  const loaded: Loaded<QueryAnswer> =
    result.key === key ? result.loaded : hit ? { state: 'ready', data: hit } : { state: 'loading' };
  return { ...loaded, retry };
};
