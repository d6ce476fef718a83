// A short confirmation shown over whatever page comes next ("KPI saved — written to
// definitions/goals.yaml"). The provider sits above the routes, so a notice survives the
// navigation that follows a save. Invariants: one notice at a time; announced politely
// (role=status); dismissible; gone by itself after a while.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export interface Notice {
  readonly title: string;
  /** A file written by the change, shown as "Written to <file>". */
  readonly file?: string | undefined;
}

const SHOW_MS = 12_000;
const NoticeContext = createContext<((n: Notice) => void) | undefined>(undefined);

/** Shows a notice; outside the provider (tests, meeting mode) it does nothing. */
export const useNotice = (): ((n: Notice) => void) => useContext(NoticeContext) ?? (() => undefined);

export const NoticeProvider = ({ children }: { children: ReactNode }) => {
  const [notice, setNotice] = useState<(Notice & { readonly id: number }) | undefined>();
  const show = useCallback((n: Notice) => setNotice({ ...n, id: Date.now() }), []);
  useEffect(() => {
    if (!notice) return;
    const t = window.setTimeout(() => setNotice(undefined), SHOW_MS);
    return () => window.clearTimeout(t);
  }, [notice]);
  const value = useMemo(() => show, [show]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" className="notice-region">
        {notice && (
          <div className="saved-notice" data-testid="saved-notice" key={notice.id}>
            <div>
              <strong>{notice.title}</strong>
              {notice.file && (
                <div className="small">
                  Written to <code>{notice.file}</code>
                </div>
              )}
            </div>
            <button type="button" className="button-quiet" onClick={() => setNotice(undefined)}>
              Dismiss
            </button>
          </div>
        )}
      </div>
    </NoticeContext.Provider>
  );
};
