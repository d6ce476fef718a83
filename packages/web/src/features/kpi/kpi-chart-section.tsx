// Section 2 of the KPI page: the chart (lazily loaded), its legend and text summary, the
// comparisons, a "show as table" view of the same numbers, the numbered annotations and
// the unusual days. Invariant: everything drawn is also readable as text or table.

import { useId, useMemo, useState } from 'react';
import type { Annotation, ForecastBand, KpiReading } from '../../api/api-types';
import { KpiChartLazy } from '../../charts/kpi-chart-lazy';
import { COMPARISON_LABEL, fmt, fmtDate, fmtSignedPercent } from '../../ui/format';
import { buildChartModel, chartAnnotations, type ChartModel } from './kpi-chart-model';
import { describeChart } from './kpi-chart-summary';
import { fmtChange, fmtRange } from './kpi-text';

const Swatch = ({ kind }: { kind: string }) => (
  <svg className="kpi-swatch" width="28" height="12" aria-hidden="true" focusable="false">
    {kind === 'actual' && <line x1="0" y1="6" x2="28" y2="6" stroke="#1d4ed8" strokeWidth="2" />}
    {kind === 'target' && (
      <line x1="0" y1="6" x2="28" y2="6" stroke="#111827" strokeWidth="1.5" strokeDasharray="6 4" />
    )}
    {kind === 'lastYear' && (
      <line x1="0" y1="6" x2="28" y2="6" stroke="#6b7280" strokeWidth="1.5" strokeDasharray="2 3" />
    )}
    {kind === 'forecast' && (
      <>
        <rect x="0" y="0" width="28" height="12" fill="#ede9fe" />
        <rect x="0" y="3" width="28" height="6" fill="#c4b5fd" />
        <line x1="0" y1="6" x2="28" y2="6" stroke="#6d28d9" strokeWidth="2" strokeDasharray="5 3" />
      </>
    )}
    {kind === 'anomaly' && <path d="M14,0 L20,6 L14,12 L8,6 Z" fill="#b45309" />}
    {kind === 'deadline' && (
      <line x1="14" y1="0" x2="14" y2="12" stroke="#991b1b" strokeWidth="1.5" strokeDasharray="3 2" />
    )}
  </svg>
);

const Legend = ({ model }: { model: ChartModel }) => (
  <ul className="kpi-legend small">
    <li>
      <Swatch kind="actual" /> Actual (hollow dot: period not over)
    </li>
    {model.hasTarget && (
      <li>
        <Swatch kind="target" /> Target path
      </li>
    )}
    {model.hasLastYear && (
      <li>
        <Swatch kind="lastYear" /> Same period last year
      </li>
    )}
    {model.forecast !== 'none' && (
      <li>
        <Swatch kind="forecast" /> Forecast with 80% (darker) and 95% ranges
      </li>
    )}
    {model.rows.some((r) => r.anomaly !== null) && (
      <li>
        <Swatch kind="anomaly" /> Period with an unusual day
      </li>
    )}
    {model.deadline && (
      <li>
        <Swatch kind="deadline" /> Deadline {fmtDate(model.deadline.date)}
      </li>
    )}
  </ul>
);

const Comparisons = ({ reading }: { reading: KpiReading }) => {
  if (reading.comparisons.length === 0) return null;
  const cur = reading.current;
  const f = reading.format;
  return (
    <div className="kpi-comparisons">
      <h3>Compared with</h3>
      <ul>
        {cur && (
          <li>
            This period ({cur.label}
            {cur.partial ? `, ${cur.elapsedDays} of ${cur.totalDays} days` : ''}):{' '}
            <strong className="num">{fmt(cur.value, f)}</strong>
          </li>
        )}
        {reading.comparisons.map((c) => (
          <li key={c.kind}>
            {COMPARISON_LABEL[c.kind].replace(/^vs /, '').replace(/^./, (s) => s.toUpperCase())} (
            {fmtRange(c.range.start, c.range.end)}
            {c.aligned ? `, same ${c.days} days` : ''}): <span className="num">{fmt(c.value, f)}</span>
            {c.change !== null && (
              <>
                {' '}
                → <span className={`num sense-${c.sense}`}>{fmtChange(c.change, f)}</span> (
                <span className="num">{fmtSignedPercent(c.changeRelative)}</span>
                {c.sense === 'better' || c.sense === 'worse' ? `, ${c.sense}` : ''})
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
};

const DataTable = ({ model, reading }: { model: ChartModel; reading: KpiReading }) => {
  const f = reading.format;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="The chart as a table">
      <table className="kpi-chart-table">
        <caption className="visually-hidden">The chart's numbers by period</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Actual
            </th>
            {model.hasTarget && (
              <th scope="col" className="num">
                Target
              </th>
            )}
            {model.hasLastYear && (
              <th scope="col" className="num">
                Last year
              </th>
            )}
            {model.forecast !== 'none' && (
              <th scope="col" className="num">
                Forecast
              </th>
            )}
            {model.forecast !== 'none' && (
              <th scope="col" className="num">
                80% range
              </th>
            )}
            {model.forecast !== 'none' && (
              <th scope="col" className="num">
                95% range
              </th>
            )}
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {model.rows.map((r) => (
            <tr key={r.start}>
              <th scope="row">{r.label}</th>
              <td className="num">
                {fmt(r.value, f)}
                {r.partial ? ' (so far)' : ''}
              </td>
              {model.hasTarget && <td className="num">{fmt(r.target, f)}</td>}
              {model.hasLastYear && <td className="num">{fmt(r.lastYear, f)}</td>}
              {model.forecast !== 'none' && <td className="num">{r.value === null ? fmt(r.fc, f) : ''}</td>}
              {model.forecast !== 'none' && (
                <td className="num">
                  {r.value === null && r.band80 ? `${fmt(r.band80[0], f)} – ${fmt(r.band80[1], f)}` : ''}
                </td>
              )}
              {model.forecast !== 'none' && (
                <td className="num">
                  {r.value === null && r.band95 ? `${fmt(r.band95[0], f)} – ${fmt(r.band95[1], f)}` : ''}
                </td>
              )}
              <td className="small">
                {[
                  ...r.anomalies.map((a) => `unusual ${fmtDate(a.date)}`),
                  ...r.notes.map((n) => `annotation ${n}`),
                ].join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export type BandStatus =
  | { readonly kind: 'loading' }
  | { readonly kind: 'missing'; readonly why: string }
  | { readonly kind: 'ready' };

const scopeText = (a: Annotation): string =>
  Object.entries(a.scope ?? {})
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');

export const KpiChartSection = ({
  reading,
  band,
  bandStatus,
  annotations,
  filter,
}: {
  reading: KpiReading;
  band: ForecastBand | undefined;
  /** Where the forecast by period stands: loading, missing (and why), or here. */
  bandStatus: BandStatus;
  annotations: readonly Annotation[];
  filter: Readonly<Record<string, unknown>> | undefined;
}) => {
  const [asTable, setAsTable] = useState(false);
  const ids = { summary: useId(), table: useId() };
  const model = useMemo(() => {
    const first = reading.series[0]?.start ?? reading.asOf;
    const end = reading.target?.deadline ?? reading.asOf;
    const notes = chartAnnotations(
      reading,
      annotations,
      { start: first, end: end > reading.asOf ? end : reading.asOf },
      filter,
    );
    return buildChartModel({ reading, band, annotations: notes });
  }, [reading, band, annotations, filter]);
  const summary = useMemo(() => describeChart(reading, model), [reading, model]);
  const f = reading.format;
  return (
    <section className="panel kpi-section" aria-labelledby="kpi-chart-h">
      <div className="kpi-section-head">
        <h2 id="kpi-chart-h">Over time</h2>
        <button
          type="button"
          className="button"
          aria-expanded={asTable}
          aria-controls={ids.table}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      <div id={ids.table}>
        {model.rows.length === 0 ? (
          <p className="muted">No values to draw yet.</p>
        ) : asTable ? (
          <DataTable model={model} reading={reading} />
        ) : (
          <figure className="kpi-chart" aria-describedby={ids.summary}>
            <KpiChartLazy model={model} format={f} />
            <Legend model={model} />
          </figure>
        )}
      </div>
      <p id={ids.summary} className="small muted kpi-chart-summary">
        {summary}
      </p>
      {bandStatus.kind === 'loading' && model.forecast !== 'band' && (
        <p className="small muted" role="status">
          Loading the forecast by period…
        </p>
      )}
      {bandStatus.kind === 'missing' && model.forecast === 'summary' && (
        <p className="small kpi-note">
          The forecast by period is not available ({bandStatus.why}), so the band shown joins the latest value
          to the forecast at the deadline from the KPI’s forecast summary.
        </p>
      )}
      {bandStatus.kind === 'missing' && model.forecast === 'none' && reading.forecast && (
        <p className="small kpi-note">
          The forecast by period is not available ({bandStatus.why}); the forecast of the total at the
          deadline is under “Will we make it?”.
        </p>
      )}
      <Comparisons reading={reading} />
      {model.markers.length > 0 && (
        <div>
          <h3>Annotations</h3>
          <ol className="kpi-annotations">
            {model.markers.map((m) => (
              <li key={m.n} value={m.n}>
                <span className="muted">
                  {fmtRange(m.annotation.date, m.annotation.end ?? m.annotation.date)}
                </span>{' '}
                <strong>{m.annotation.title}</strong>
                {m.annotation.scope && <span className="muted small"> ({scopeText(m.annotation)})</span>}
                {m.annotation.description && <div className="small">{m.annotation.description}</div>}
              </li>
            ))}
          </ol>
        </div>
      )}
      {(reading.anomalies?.length ?? 0) > 0 && (
        <div>
          <h3>Unusual days</h3>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Unusual days">
            <table>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col" className="num">
                    Expected
                  </th>
                  <th scope="col" className="num">
                    Expected range
                  </th>
                  <th scope="col">Direction</th>
                </tr>
              </thead>
              <tbody>
                {[...(reading.anomalies ?? [])]
                  .sort((a, b) => (a.date < b.date ? 1 : -1))
                  .map((a) => (
                    <tr key={a.date}>
                      <th scope="row">{fmtDate(a.date)}</th>
                      <td className="num">{fmt(a.value, f)}</td>
                      <td className="num">{fmt(a.expected, f)}</td>
                      <td className="num">
                        {fmt(a.expectedLow, f)} – {fmt(a.expectedHigh, f)}
                      </td>
                      <td>{a.direction === 'high' ? '▲ above the range' : '▼ below the range'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
};
