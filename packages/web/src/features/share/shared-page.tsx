// The page a share link opens (/s/:token), outside the sign-in gate: a goal dashboard or
// the stakeholder report, read-only — no navigation, no edit controls, no links into the
// app. A link with a PIN asks for it first (kept in memory only). An expired, revoked or
// mistyped link gets a page saying so and what to do.

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/api-client';
import { fmtDate } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import { StatusBadge } from '../../ui/status-badge';
import { GoalHeader } from '../goal/goal-header';
import { KpiGroups } from '../goal/kpi-groups';
import { SupportingMetrics } from '../goal/supporting-table';
import type { ReportModel, SharedPageData } from './share-types';

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'pin'; readonly wrong?: string }
  | { readonly kind: 'closed'; readonly error: ApiError }
  | { readonly kind: 'ready'; readonly data: SharedPageData };

const CLOSED_TITLE: Readonly<Record<string, string>> = {
  'share.expired': 'This share link has expired',
  'share.revoked': 'This share link was turned off',
  'share.invalid': 'This share link is not valid',
  'share.goal_gone': 'The shared goal is gone',
};

/** Saves what the fetch answered as a file (the PIN goes in a header, so no plain link). */
const download = async (token: string, pin: string | undefined, format: 'html' | 'pdf'): Promise<void> => {
  const res = await fetch(`/api/shared/${encodeURIComponent(token)}/report?format=${format}`, {
    headers: pin ? { 'x-share-pin': pin } : {},
  });
  if (!res.ok) throw new Error(`the server answered ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `report.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

const ReportView = ({ report }: { report: ReportModel }) => (
  <div className="shared-report" data-testid="shared-report">
    <h1>{report.title}</h1>
    <p className="muted">{report.period.text}</p>
    {report.goals.map((g) => (
      <section key={g.goal} className="report-goal" aria-labelledby={`goal-${g.goal}`}>
        <h2 id={`goal-${g.goal}`}>{g.title}</h2>
        <p>{g.summary}</p>
        <ul className="report-kpis">
          {g.kpis.map((k) => (
            <li key={k.kpi} className="kpi-card" data-testid="kpi-card" data-kpi={k.kpi}>
              <h3>
                {k.label} <StatusBadge status={k.status} />
              </h3>
              <p className="card-value-row">
                <span className="card-value num">{k.value}</span> <span className="muted">{k.valueWhen}</span>
              </p>
              {k.target && <p className="card-target">{k.target}</p>}
              {k.comparison && <p>{k.comparison}</p>}
              {k.cause && <p className="card-reason">{k.cause}</p>}
              {k.forecast && <p className="muted">{k.forecast}</p>}
            </li>
          ))}
        </ul>
      </section>
    ))}
  </div>
);

const DashboardView = ({ data }: { data: SharedPageData }) => {
  const sc = data.scorecard;
  const goal = sc?.goals.find((g) => g.goal === data.goal) ?? sc?.goals[0];
  if (!sc || !goal) return <p>The shared goal has no figures yet.</p>;
  return (
    <div className="goal-dashboard" data-testid="goal-dashboard" data-ready="true">
      <GoalHeader goal={goal} asOf={sc.asOf} description={data.description ?? undefined} />
      <KpiGroups goal={goal.goal} readings={goal.kpis} />
      <SupportingMetrics readings={sc.supporting} />
    </div>
  );
};

export const SharedPage = ({ token }: { token: string }) => {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [pin, setPin] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [failed, setFailed] = useState<string | undefined>(undefined);

  const load = useCallback(
    (withPin: string | undefined) => {
      setState({ kind: 'loading' });
      api<SharedPageData>(`/api/shared/${encodeURIComponent(token)}`, {
        headers: withPin ? { 'x-share-pin': withPin } : {},
      }).then(
        (data) => setState({ kind: 'ready', data }),
        (e: unknown) => {
          const error =
            e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) });
          if (error.code === 'share.pin_required') setState({ kind: 'pin' });
          else if (error.code === 'share.pin_wrong' || error.code === 'share.pin_backoff')
            setState({ kind: 'pin', wrong: error.message + (error.hint ? ` — ${error.hint}` : '') });
          else setState({ kind: 'closed', error });
        },
      );
    },
    [token],
  );
  useEffect(() => load(undefined), [load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPin(typed);
    load(typed);
  };

  return (
    <div className="shared-frame" data-testid="shared-page">
      <main id="main" className="app-main">
        {state.kind === 'loading' && <Loading what="the shared page" />}
        {state.kind === 'closed' && (
          <section data-testid="share-closed" data-code={state.error.code}>
            <ErrorBox
              error={state.error}
              title={CLOSED_TITLE[state.error.code] ?? 'This share link cannot be opened'}
            />
          </section>
        )}
        {state.kind === 'pin' && (
          <form className="share-pin" onSubmit={submit} data-testid="share-pin">
            <h1>This page is protected by a PIN</h1>
            <label>
              PIN{' '}
              <input
                inputMode="numeric"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                aria-describedby={state.wrong ? 'pin-wrong' : undefined}
              />
            </label>{' '}
            <button type="submit" className="button-primary">
              Open
            </button>
            {state.wrong && (
              <p id="pin-wrong" role="alert" className="issue-hint">
                {state.wrong}
              </p>
            )}
          </form>
        )}
        {state.kind === 'ready' && (
          <>
            <p className="shared-banner" data-testid="shared-banner">
              Shared read-only view of <strong>{state.data.project}</strong>
              {state.data.label ? ` for ${state.data.label}` : ''} · this link works until{' '}
              {fmtDate(state.data.expiresAt.slice(0, 10))}
              {state.data.view === 'report' && (
                <>
                  {' '}
                  ·{' '}
                  <button
                    type="button"
                    className="button-quiet"
                    onClick={() =>
                      void download(token, pin, 'pdf').then(
                        () => setFailed(undefined),
                        (e: unknown) => setFailed(`The PDF could not be fetched: ${String(e)}`),
                      )
                    }
                  >
                    Download PDF
                  </button>
                </>
              )}
            </p>
            {failed && <p role="alert">{failed}</p>}
            {state.data.view === 'report' && state.data.report ? (
              <ReportView report={state.data.report} />
            ) : (
              <DashboardView data={state.data} />
            )}
          </>
        )}
      </main>
    </div>
  );
};
