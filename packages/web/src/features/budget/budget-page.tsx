// The budget page of a goal: the split of a total across channels that maximises the goal's
// outcome within ±max change, the expected outcome against today's split, what it does to
// the KPI's chance, the response curves with the observed points, the caveat, and the plan
// as a CSV download. Reads GET /api/goals/{name}/budget.

import { useState } from 'react';
import { Link } from 'wouter';
import { useApi } from '../../api/use-api';
import { fmt, fmtDate, fmtProbability } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import { planCsv } from './budget-csv';
import type { BudgetPlan } from './budget-types';
import { ResponseCurveChart } from './response-curve-chart';

const CHANGES = [0.1, 0.2, 0.3, 0.5] as const;

export const BudgetPage = ({ name }: { name: string }) => {
  const [maxChange, setMaxChange] = useState<number>(0.2);
  const plan = useApi<BudgetPlan>(`/api/goals/${encodeURIComponent(name)}/budget`, {
    maxChange: String(maxChange),
  });
  const p = plan.data;
  const money = (v: number | undefined) =>
    fmt(v ?? null, { unit: 'currency', currency: p?.currency ?? 'EUR', decimals: 0 });
  const n = (v: number) => fmt(Math.round(v), { unit: 'count' });
  const download = () => {
    if (!p) return;
    const url = URL.createObjectURL(new Blob([planCsv(p)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `budget-${p.goal}-${p.period.start}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="budget-page" aria-labelledby="budget-title">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/">Overview</Link> <span aria-hidden="true">›</span>{' '}
        <Link href={`/goals/${encodeURIComponent(name)}`}>Goal</Link> <span aria-hidden="true">›</span>{' '}
        <span>Budget</span>
      </nav>
      <h1 id="budget-title">Budget plan{p ? `: ${p.goalTitle}` : ''}</h1>
      <p>
        <label>
          Largest change per channel{' '}
          <select value={maxChange} onChange={(e) => setMaxChange(Number(e.target.value))}>
            {CHANGES.map((c) => (
              <option key={c} value={c}>
                ±{Math.round(c * 100)}%
              </option>
            ))}
          </select>
        </label>
      </p>
      {!p && plan.state === 'loading' && <Loading what="the budget plan" />}
      {plan.state === 'error' && <ErrorBox error={plan.error} title="No budget plan" />}
      {p && (
        <>
          <p className="budget-sentence">
            <strong>{p.sentence}</strong>
          </p>
          <p className="muted">
            {money(p.total)} from {fmtDate(p.period.start)} to {fmtDate(p.period.end)} ({p.period.days} days;
            today's pace {money(p.todayTotal)}).
          </p>
          {p.kpi && (
            <p>
              {p.kpi.label}: chance {fmtProbability(p.kpi.probabilityNow)} now →{' '}
              <strong>{fmtProbability(p.kpi.probabilityPlan)}</strong> with the plan ({p.kpi.verdictNow} →{' '}
              {p.kpi.verdictPlan}).
            </p>
          )}
          <table className="budget-table">
            <thead>
              <tr>
                <th scope="col">{p.dimensionLabel}</th>
                <th scope="col">Today</th>
                <th scope="col">Plan</th>
                <th scope="col">{p.outcomeLabel}</th>
                <th scope="col">Cost per extra</th>
              </tr>
            </thead>
            <tbody>
              {p.members.map((m) => (
                <tr key={m.member}>
                  <th scope="row">{m.label}</th>
                  <td>{money(m.today)}</td>
                  <td>{money(m.plan)}</td>
                  <td>
                    {n(m.outcomeToday)} → {n(m.outcomePlan)}
                  </td>
                  <td>
                    {m.marginalCostPlan === undefined
                      ? '—'
                      : `${money(m.marginalCostToday)} → ${money(m.marginalCostPlan)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Expected {p.outcomeLabel.toLowerCase()}: {n(p.outcome.plan.mean)} with the plan (80%:{' '}
            {n(p.outcome.plan.low80)}–{n(p.outcome.plan.high80)}) against {n(p.outcome.today.mean)} keeping
            today's split.
          </p>
          <p>
            <button type="button" className="button" onClick={download}>
              Download the plan (CSV)
            </button>
          </p>
          <h2>Response curves</h2>
          <div className="curve-grid">
            {p.members.map((m) => (
              <ResponseCurveChart
                key={m.member}
                m={m}
                days={p.period.days}
                currency={p.currency}
                outcomeLabel={p.outcomeLabel}
              />
            ))}
          </div>
          <p className="budget-caveat" role="note">
            {p.caveat}
          </p>
        </>
      )}
    </section>
  );
};
