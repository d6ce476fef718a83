// The KPI card of the goal dashboard and meeting mode: the trio (target, comparison,
// cause) for one KPI reading, plus pace, trend, forecast and warnings. Light on purpose:
// the dashboard draws 25 of these; the one chart (the sparkline) is loaded lazily.
// Stable test hooks: data-testid kpi-card / kpi-value / kpi-target / status /
// kpi-sentence / kpi-probability / kpi-static / kpi-benchmark, data-kpi on the root. A reading without data offers
// editors a link to the import page (viewers see no such control).

import { memo, useCallback } from 'react';
import { Link } from 'wouter';
import { useMaybeAuth } from '../../auth/auth-context';
import type { KpiReading, ValueFormat } from '../../api/api-types';
import { hasSparkline, Sparkline } from '../../charts/sparkline-lazy';
import { fmt, fmtDate, fmtProbability, humanize } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';
import { targetLine } from '../../ui/target-words';
import { KpiComparisons } from './kpi-comparisons';
import { PaceBar } from './pace-bar';

export { hasSparkline };

/** Counts are forecast as whole things: 2,075, not 2,075.4. */
const whole = (v: number, format: ValueFormat): number => (format.unit === 'count' ? Math.round(v) : v);

const Forecast = ({ r }: { r: KpiReading }) => {
  const f = r.forecast;
  if (!f) return r.forecastNote ? <p className="card-forecast muted">Forecast: {r.forecastNote}</p> : null;
  const deadline = r.target?.deadline ? ` (${fmtDate(r.target.deadline)})` : '';
  return (
    <p className="card-forecast">
      Forecast at deadline{deadline}{' '}
      <span className="num">{fmt(whole(f.atDeadline, r.format), r.format)}</span>{' '}
      <span className="muted">
        (80%: <span className="num">{fmt(whole(f.low80, r.format), r.format)}</span>–
        <span className="num">{fmt(whole(f.high80, r.format), r.format)}</span>)
      </span>
      {f.probability !== undefined && (
        <>
          {' · '}
          <abbr title="probability of hitting the target">P(hit)</abbr>{' '}
          <strong className="num" data-testid="kpi-probability">
            {fmtProbability(f.probability)}
          </strong>
        </>
      )}
    </p>
  );
};

const Alerts = ({ r }: { r: KpiReading }) => {
  const anomalies = r.anomalies ?? [];
  const warnings = r.warnings ?? [];
  if (anomalies.length === 0 && warnings.length === 0) return null;
  const latest = anomalies.reduce((d, a) => (a.date > d ? a.date : d), '');
  return (
    <ul className="card-alerts">
      {anomalies.length > 0 && (
        <li className="card-alert">
          <span aria-hidden="true">⚠ </span>
          {anomalies.length === 1 ? '1 unusual value' : `${anomalies.length} unusual values`} lately (latest{' '}
          {fmtDate(latest)})
        </li>
      )}
      {warnings.map((w) => (
        <li key={w} className="card-alert card-warning">
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Warning: </span>
          {w}
        </li>
      ))}
    </ul>
  );
};

export const KpiCard = memo(function KpiCard({
  reading: r,
  onDrawn,
}: {
  reading: KpiReading;
  onDrawn?: ((kpi: string) => void) | undefined;
}) {
  // On a shared page (no account) the card links nowhere and offers nothing to do.
  const auth = useMaybeAuth();
  const canEdit = auth?.canEdit ?? false;
  const drawn = useCallback(() => onDrawn?.(r.kpi), [onDrawn, r.kpi]);
  const cumulative = r.target?.kind === 'cumulative';
  const headingId = `kpi-${r.kpi}-label`;
  return (
    <article className="kpi-card" data-testid="kpi-card" data-kpi={r.kpi} aria-labelledby={headingId}>
      <header className="card-head">
        <h3 id={headingId}>
          {auth ? (
            <Link href={`/kpis/${encodeURIComponent(r.kpi)}`}>{r.label ?? humanize(r.kpi)}</Link>
          ) : (
            (r.label ?? humanize(r.kpi))
          )}
        </h3>
        <StatusBadge status={r.status} reason={r.statusReason} />
      </header>
      {(r.verdict?.phrase ?? r.statusReason) && (
        <p className="card-reason" data-testid="verdict-phrase" title={r.statusReason}>
          {r.verdict?.phrase ?? r.statusReason}
        </p>
      )}
      <p className="card-value-row">
        <span className="card-value num" data-testid="kpi-value">
          {fmt(r.value, r.format)}
        </span>{' '}
        <span className="card-period">{cumulative ? 'to date' : (r.current?.label ?? 'latest')}</span>
      </p>
      {r.status === 'no_data' && canEdit && (
        <p className="card-import">
          <Link href="/import">Import data</Link>
        </p>
      )}
      {r.target ? (
        <>
          <p className="card-target" data-testid="kpi-target">
            {targetLine(r.target, r.format)}
          </p>
          <PaceBar target={r.target} value={r.value} format={r.format} />
        </>
      ) : (
        <p className="card-target muted">No target set</p>
      )}
      {cumulative && r.current && (
        <p className="card-this-period">
          {r.current.label}: <span className="num">{fmt(r.current.value, r.format)}</span>
          {r.current.partial && (
            <span className="muted">
              {' '}
              ({r.current.elapsedDays} of {r.current.totalDays} days)
            </span>
          )}
        </p>
      )}
      {r.soFar && (
        <p className="card-this-period" data-testid="kpi-so-far">
          So far {r.soFar.label}: <span className="num">{fmt(r.soFar.value, r.format)}</span>{' '}
          <span className="muted">
            ({r.soFar.elapsedDays} of {r.soFar.totalDays} {r.soFar.totalDays === 1 ? 'day' : 'days'})
          </span>
        </p>
      )}
      <KpiComparisons comparisons={r.comparisons} format={r.format} />
      {r.staticNote && (
        <p className="card-static muted" data-testid="kpi-static">
          No comparison or forecast: {r.staticNote}
        </p>
      )}
      <p className="card-sentence" data-testid="kpi-sentence">
        {r.sentence}
      </p>
      {hasSparkline(r.series) && (
        <Sparkline series={r.series} format={r.format} grain={r.grain} onDrawn={drawn} />
      )}
      {!r.staticNote && <Forecast r={r} />}
      {(r.benchmarks ?? []).map((b) => (
        <p
          key={b.set}
          className="card-benchmark"
          data-testid="kpi-benchmark"
          title={`p25 ${fmt(b.p25, r.format)} · median ${fmt(b.p50, r.format)} · p75 ${fmt(b.p75, r.format)} per ${b.period}`}
        >
          Benchmark: {b.phrase}
        </p>
      ))}
      <Alerts r={r} />
      {r.owner && <p className="card-owner">Owner: {r.ownerName ?? r.owner}</p>}
    </article>
  );
});
