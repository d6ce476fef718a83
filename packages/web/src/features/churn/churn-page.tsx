// The churn view of a churn definition: the last period's churn rate, the customers expected
// to leave in the next period with the interval, the revenue at risk, the segments whose
// churn rose, and the riskiest customers with the reason in plain words — downloadable as a
// CSV for a win-back campaign. Reads GET /api/churn/{name}.

import { useState } from 'react';
import { Link } from 'wouter';
import { useApi } from '../../api/use-api';
import { fmt, fmtDate } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import { customersCsv } from './churn-csv';
import type { ChurnRisk } from './churn-types';

const TOPS = [20, 50, 100, 500] as const;

export const ChurnPage = ({ name }: { name: string }) => {
  const [top, setTop] = useState<number>(20);
  const churn = useApi<ChurnRisk>(`/api/churn/${encodeURIComponent(name)}`, { top: String(top) });
  const c = churn.data;
  const n = (v: number) => fmt(Math.round(v), { unit: 'count' });
  const pct = (v: number) => fmt(v, { unit: 'percent', decimals: 1 });
  const money = (v: number) => fmt(v, { unit: 'currency', currency: c?.currency ?? 'EUR', decimals: 0 });
  const download = () => {
    if (!c) return;
    const url = URL.createObjectURL(new Blob([customersCsv(c)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `win-back-${c.name}-${c.asOf}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const dims = c ? [...new Set(c.customers.flatMap((x) => Object.keys(x.segments)))] : [];
  const dimLabel = (d: string) => c?.segments.find((s) => s.dimension === d)?.dimensionLabel ?? d;
  return (
    <section className="churn-page" aria-labelledby="churn-title">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/">Overview</Link> <span aria-hidden="true">›</span> <span>Churn</span>
      </nav>
      <h1 id="churn-title">{c ? c.label : 'Churn'}</h1>
      {!c && churn.state === 'loading' && <Loading what="the churn risk" />}
      {churn.state === 'error' && <ErrorBox error={churn.error} title="No churn risk" />}
      {c && (
        <>
          <p className="muted">
            As of {fmtDate(c.asOf)}; the next period is {c.horizonDays} days.
          </p>
          <dl className="churn-figures">
            <div data-testid="churn-rate">
              <dt>Churn rate, last {c.horizonDays} days</dt>
              <dd>
                <strong>{pct(c.lastPeriod.rate)}</strong> ({n(c.lastPeriod.churned)} of{' '}
                {n(c.lastPeriod.active)} customers)
              </dd>
            </div>
            <div data-testid="churn-expected">
              <dt>Expected to leave in the next {c.horizonDays} days</dt>
              <dd>
                <strong>{n(c.expected.mean)}</strong> ({Math.round(c.expected.level * 100)}%:{' '}
                {n(c.expected.low)}–{n(c.expected.high)}) of {n(c.activeCustomers)} active
              </dd>
            </div>
            <div data-testid="churn-revenue">
              <dt>Revenue at risk</dt>
              <dd>
                <strong>{money(c.revenueAtRisk)}</strong> of the last 90 days' revenue
              </dd>
            </div>
          </dl>
          <h2>Where churn rose</h2>
          {c.segments.length === 0 ? (
            <p>Churn rose clearly in no segment over the last period.</p>
          ) : (
            <ul className="churn-segments">
              {c.segments.map((s) => (
                <li key={`${s.dimension}:${s.member}`}>
                  <strong>
                    {s.dimensionLabel} {s.label}
                  </strong>
                  : churn {pct(s.rateBefore)} → {pct(s.rateNow)} ({n(s.customers)} customers); risk for the
                  next {c.horizonDays} days {pct(s.riskNext)}
                </li>
              ))}
            </ul>
          )}
          <h2>Riskiest customers</h2>
          <p>
            <label>
              Show{' '}
              <select value={top} onChange={(e) => setTop(Number(e.target.value))}>
                {TOPS.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="button" className="button" onClick={download}>
              Download for a win-back campaign (CSV)
            </button>
          </p>
          <table className="churn-table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Risk</th>
                <th scope="col">Last activity</th>
                <th scope="col">Spend, 90 days</th>
                <th scope="col">Why</th>
                {dims.map((d) => (
                  <th scope="col" key={d}>
                    {dimLabel(d)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.customers.map((x) => (
                <tr key={x.customer}>
                  <th scope="row">{x.customer}</th>
                  <td>{fmt(x.risk, { unit: 'percent', decimals: 0 })}</td>
                  <td>{fmtDate(x.lastActivity)}</td>
                  <td>{money(x.amount90)}</td>
                  <td>{x.reason}</td>
                  {dims.map((d) => (
                    <td key={d}>{Object.entries(x.segments).find(([k]) => k === d)?.[1] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
};
