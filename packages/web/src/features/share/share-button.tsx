// The Share button (editors and admins) on a goal dashboard and beside the report: makes a
// read-only link to the goal's dashboard or to the report, with an expiry, an optional PIN
// and a label, and shows the link once to copy. The server decides who may (POST /api/shares).

import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/api-client';
import { invalidate } from '../../api/use-api';
import { fmtDate } from '../../ui/format';
import { ErrorBox } from '../../ui/page-state';
import type { CreatedShare, ShareView } from './share-types';

const DAYS = [7, 30, 90, 365] as const;

export const ShareButton = ({ goal }: { goal?: string }) => {
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<ShareView>(goal ? 'dashboard' : 'report');
  const [days, setDays] = useState<number>(30);
  const [pin, setPin] = useState('');
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<CreatedShare | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api<CreatedShare>('/api/shares', {
        method: 'POST',
        json: {
          view,
          ...(goal ? { goal } : {}),
          expiresInDays: days,
          ...(pin ? { pin } : {}),
          ...(label ? { label } : {}),
        },
      });
      // The page's own address, not the Host the API saw (they differ behind a proxy).
      setMade({ ...created, url: `${window.location.origin}${created.path}` });
      invalidate('/api/shares');
    } catch (err) {
      setError(
        err instanceof ApiError ? err : new ApiError(0, { code: 'client.error', message: String(err) }),
      );
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="share-open">
        Share
      </button>
    );
  return (
    <div className="share-panel" role="dialog" aria-label="Share a read-only link" data-testid="share-panel">
      {made ? (
        <>
          <p>
            Anyone with this link can see {made.info.view === 'report' ? 'the report' : 'this dashboard'}{' '}
            until {fmtDate(made.info.expiresAt.slice(0, 10))}
            {made.info.hasPin ? ', after typing the PIN' : ''}. It is shown this once.
          </p>
          <input
            className="share-url"
            aria-label="The share link"
            readOnly
            value={made.url}
            data-testid="share-url"
            onFocus={(e) => e.target.select()}
          />{' '}
          <button
            type="button"
            className="button"
            onClick={() => void navigator.clipboard?.writeText(made.url)}
          >
            Copy
          </button>{' '}
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setMade(undefined);
              setOpen(false);
            }}
          >
            Done
          </button>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          {goal && (
            <label>
              Share{' '}
              <select
                value={view}
                onChange={(e) => setView(e.target.value as ShareView)}
                data-testid="share-view"
              >
                <option value="dashboard">this dashboard</option>
                <option value="report">this goal’s report</option>
              </select>
            </label>
          )}{' '}
          <label>
            Works for{' '}
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {DAYS.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            PIN (optional){' '}
            <input
              inputMode="numeric"
              pattern="[0-9]{4,12}"
              title="4 to 12 digits"
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              data-testid="share-pin-input"
            />
          </label>{' '}
          <label>
            Who it is for{' '}
            <input
              value={label}
              maxLength={200}
              placeholder="e.g. board deck"
              onChange={(e) => setLabel(e.target.value)}
            />
          </label>{' '}
          <button type="submit" className="button-primary" disabled={busy} data-testid="share-create">
            Create link
          </button>{' '}
          <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
            Cancel
          </button>
          {error && <ErrorBox error={error} title="Could not create the link" />}
        </form>
      )}
    </div>
  );
};
