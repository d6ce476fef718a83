// Loads the definition changes made after a moment: GET /api/history?since=<ISO>. A server
// that does not know `since` yet (it refuses the query) is asked for the whole history,
// filtered here. Invariant: only rows strictly after `since` are returned.

import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api/api-client';
import type { ChangeRow } from '../../api/api-types';

export type ChangesState =
  | { readonly state: 'idle' | 'loading' }
  | { readonly state: 'error'; readonly error: ApiError }
  | { readonly state: 'ready'; readonly rows: readonly ChangeRow[] };

const after = (rows: readonly ChangeRow[], since: string): ChangeRow[] => {
  const t = Date.parse(since);
  return rows.filter((r) => Date.parse(r.at) > t).sort((a, b) => b.at.localeCompare(a.at));
};

export const useChangesSince = (since: string | undefined): ChangesState => {
  const [s, setS] = useState<ChangesState>({ state: 'idle' });
  useEffect(() => {
    if (since === undefined) return;
    const ctrl = new AbortController();
    setS({ state: 'loading' });
    const load = async (): Promise<ChangeRow[]> => {
      try {
        return after(
          await api<ChangeRow[]>('/api/history', { query: { since }, signal: ctrl.signal }),
          since,
        );
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 400 && e.status !== 422)) throw e;
        return after(await api<ChangeRow[]>('/api/history', { signal: ctrl.signal }), since);
      }
    };
    load().then(
      (rows) => setS({ state: 'ready', rows }),
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setS({
          state: 'error',
          error: e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) }),
        });
      },
    );
    return () => ctrl.abort();
  }, [since]);
  return s;
};
