// /shares: the share links — every link for admins, your own for editors — with what each
// shows, for whom, until when, and a Revoke button. Secrets are never listed (the server
// keeps only ids).

import { useState } from 'react';
import { ApiError, api } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth-context';
import { fmtDate, humanize } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import type { ShareInfo } from './share-types';

const stateOf = (s: ShareInfo, today: string): string =>
  s.revokedAt
    ? `revoked ${fmtDate(s.revokedAt.slice(0, 10))}`
    : s.expiresAt.slice(0, 10) < today
      ? 'expired'
      : 'active';

export const SharesPage = () => {
  const { isAdmin } = useAuth();
  const list = useApi<readonly ShareInfo[]>('/api/shares');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const today = new Date().toISOString().slice(0, 10);

  const revoke = async (id: string) => {
    setError(undefined);
    try {
      await api(`/api/shares/${id}`, { method: 'DELETE' });
      list.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) }));
    }
  };

  return (
    <section data-testid="shares-page">
      <h1>Share links</h1>
      <p className="muted">
        {isAdmin ? 'Every read-only link of this project.' : 'The read-only links you made.'} Make one with
        the Share button on a goal or beside the report.
      </p>
      {error && <ErrorBox error={error} title="Could not revoke the link" />}
      {list.state === 'error' && <ErrorBox error={list.error} title="Could not load the share links" />}
      {list.state === 'loading' && !list.data && <Loading what="the share links" />}
      {list.data && list.data.length === 0 && <p>No share links yet.</p>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Shows</th>
              <th scope="col">For</th>
              <th scope="col">Made by</th>
              <th scope="col">Works until</th>
              <th scope="col">PIN</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => (
              <tr key={s.id} data-testid="share-row" data-share={s.id}>
                <td>
                  {s.view === 'report' ? 'Report' : 'Dashboard'} of {s.goal ? humanize(s.goal) : 'all goals'}
                </td>
                <td>{s.label ?? ''}</td>
                <td>{s.createdBy}</td>
                <td>{fmtDate(s.expiresAt.slice(0, 10))}</td>
                <td>{s.hasPin ? 'yes' : 'no'}</td>
                <td data-testid="share-state">{stateOf(s, today)}</td>
                <td>
                  {!s.revokedAt && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => void revoke(s.id)}
                      data-testid="share-revoke"
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
