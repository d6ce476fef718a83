// /alerts (editors and admins): the alerts of kpi.yaml with their state and last outcomes,
// a "Send test" button per alert (POST /api/alerts/{name}/test: one message now to each
// channel, marked as a test), and the recent delivery log of reports and alerts. Read-only
// otherwise: alerts are edited in the YAML.

import { useState } from 'react';
import { ApiError, api } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth-context';
import { fmtTimestamp, humanize } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';

interface Outcome {
  readonly at: string;
  readonly detail: string | null;
  readonly channel: string | null;
}

interface Alert {
  readonly name: string;
  readonly condition: string;
  readonly kpi: string | null;
  readonly to: readonly string[];
  readonly phase: 'armed' | 'firing';
  readonly snoozedUntil: string | null;
  readonly lastSent: Outcome | null;
  readonly lastFailed: Outcome | null;
}

interface Delivery {
  readonly id: number;
  readonly at: string;
  readonly kind: 'report' | 'alert' | 'test';
  readonly name: string;
  readonly channel: string | null;
  readonly outcome: string;
  readonly late: boolean;
  readonly detail: string | null;
}

interface TestResult {
  readonly channel: string;
  readonly ok: boolean;
  readonly error?: string;
}

const CONDITION: Readonly<Record<string, string>> = {
  verdict: 'verdict changes',
  probability_below: 'chance of a hit falls',
  anomaly: 'unusual day',
  guard: 'Goodhart guard trips',
  review_overdue: 'review overdue',
  stale_import: 'no recent import',
};

const OUTCOME: Readonly<Record<string, string>> = {
  sent: 'sent',
  failed: 'failed',
  retrying: 'retrying',
  fired: 'fired',
  escalated: 'escalated',
  resolved: 'resolved',
  not_fired: 'not fired',
  skipped: 'skipped',
};

export const AlertsPage = () => {
  const { canEdit } = useAuth();
  const alerts = useApi<readonly Alert[]>(canEdit ? '/api/alerts' : undefined);
  const log = useApi<readonly Delivery[]>(canEdit ? '/api/deliveries' : undefined, { limit: 20 });
  const [results, setResults] = useState<Readonly<Record<string, readonly TestResult[]>>>({});
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  if (!canEdit)
    return (
      <section>
        <h1>Alerts</h1>
        <p>Editors and admins see the alerts and their deliveries.</p>
      </section>
    );

  const sendTest = async (name: string) => {
    setError(undefined);
    setBusy(name);
    try {
      const r = await api<readonly TestResult[]>(`/api/alerts/${encodeURIComponent(name)}/test`, {
        method: 'POST',
      });
      setResults((all) => ({ ...all, [name]: r }));
      log.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) }));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section data-testid="alerts-page">
      <h1>Alerts</h1>
      {error && <ErrorBox error={error} title="The test message was not sent" />}
      {alerts.state === 'error' && <ErrorBox error={alerts.error} title="Could not load the alerts" />}
      {!alerts.data && alerts.state === 'loading' && <Loading what="the alerts" />}
      {alerts.data && alerts.data.length === 0 && <p>No alerts yet: add them under alerts: in kpi.yaml.</p>}
      {alerts.data && alerts.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">When</th>
              <th scope="col">State</th>
              <th scope="col">Last sent</th>
              <th scope="col">Last failure</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {alerts.data.map((a) => (
              <tr key={a.name} data-testid="alert-row" data-alert={a.name}>
                <td>
                  {humanize(a.name)}
                  {a.kpi && <div className="muted small">{humanize(a.kpi)}</div>}
                </td>
                <td>{CONDITION[a.condition] ?? humanize(a.condition)}</td>
                <td>
                  {a.phase === 'firing' ? 'firing' : 'armed'}
                  {a.snoozedUntil && (
                    <div className="muted small">snoozed until {fmtTimestamp(a.snoozedUntil)}</div>
                  )}
                </td>
                <td>{a.lastSent ? fmtTimestamp(a.lastSent.at) : 'never'}</td>
                <td>
                  {a.lastFailed ? `${fmtTimestamp(a.lastFailed.at)}: ${a.lastFailed.detail ?? ''}` : 'none'}
                </td>
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={busy === a.name}
                    onClick={() => void sendTest(a.name)}
                  >
                    Send test
                  </button>
                  {results[a.name] && (
                    <ul className="test-results" data-testid="test-results">
                      {results[a.name]?.map((r) => (
                        <li key={r.channel}>
                          {r.ok
                            ? `Sent to ${humanize(r.channel)}`
                            : `Failed on ${humanize(r.channel)}: ${r.error ?? ''}`}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Recent deliveries</h2>
      {log.data && log.data.length === 0 && <p>Nothing sent yet.</p>}
      {log.data && log.data.length > 0 && (
        <table data-testid="delivery-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Channel</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((d) => (
              <tr key={d.id} data-testid="delivery-row" data-kind={d.kind} data-outcome={d.outcome}>
                <td>{fmtTimestamp(d.at)}</td>
                <td>
                  {d.kind === 'report' ? 'Report' : d.kind === 'test' ? 'Test of' : 'Alert'}{' '}
                  {humanize(d.name)}
                </td>
                <td>{d.channel ? humanize(d.channel) : ''}</td>
                <td>
                  {OUTCOME[d.outcome] ?? d.outcome}
                  {d.late ? ' (late)' : ''}
                  {d.detail && <div className="muted small">{d.detail}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
