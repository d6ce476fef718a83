// The drill-down panel below the KPI page's driver table, for one member (channel =
// meta_ads): (a) its trend — the KPI's metric per period, last 12 periods, next to the
// KPI total with its share, as a small chart and a table; (b) its breakdown by each other
// dimension of the cause for the current period, largest first. Each part loads on its
// own (POST /api/query) and shows its own loading and error state.
// Invariants: queries carry the KPI's own filter (so the total is the KPI's total); the
// heading takes the focus on open and Esc closes the panel; numbers go through fmt().

import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import type { ApiError } from '../../api/api-client';
import type { KpiReading, MetricDef } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { fmt, humanize } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import { KpiDrillChartLazy } from './kpi-drill-chart-lazy';
import {
  breakdownOf,
  DRILL_COLORS,
  drillBodies,
  periodLabel,
  TREND_PERIODS,
  trendRows,
  type DrillMetric,
  type QueryBody,
} from './kpi-drill-model';
import { GRAIN_PLURAL } from './kpi-text';
import { useMemberNames } from './use-member-names';
import { useDrillQuery } from './use-drill-query';

/** The KPI's own filter, once its definition has loaded. */
export type DrillScope =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: ApiError }
  | { readonly state: 'ready'; readonly filter: Readonly<Record<string, readonly string[]>> };

const pct = (v: number | null): string => fmt(v, { unit: 'percent' });

const Retry = ({ error, title, retry }: { error: ApiError; title: string; retry: () => void }) => (
  <>
    <ErrorBox error={error} title={title} />
    <button type="button" className="button" onClick={retry}>
      Try again<span className="visually-hidden">: {title}</span>
    </button>
  </>
);

const shareHeading = (metric: DrillMetric, of: string): string =>
  metric.weight ? `Share of ${humanize(metric.weight).toLowerCase()}` : `Share of ${of}`;

const Trend = ({
  reading,
  label,
  member,
  metric,
  bodies,
}: {
  reading: KpiReading;
  /** The metric's label ("Qualified leads"). */
  label: string;
  member: string;
  metric: DrillMetric;
  bodies: { total: QueryBody; member: QueryBody } | undefined;
}) => {
  const total = useDrillQuery(bodies?.total);
  const mine = useDrillQuery(bodies?.member);
  const rows = useMemo(
    () =>
      total.state === 'ready' && mine.state === 'ready'
        ? trendRows(total.data, mine.data, metric, reading.series)
        : undefined,
    [total, mine, metric, reading.series],
  );
  if (total.state === 'error')
    return <Retry error={total.error} title="Could not load the KPI total" retry={total.retry} />;
  if (mine.state === 'error')
    return <Retry error={mine.error} title={`Could not load the trend of ${member}`} retry={mine.retry} />;
  if (!rows) return <Loading what={`the trend of ${member}`} />;
  if (rows.length === 0) return <p className="muted">No values in the last {TREND_PERIODS} periods.</p>;
  const f = reading.format;
  return (
    <>
      <KpiDrillChartLazy rows={rows} format={f} />
      <ul className="kpi-legend small" aria-hidden="true">
        <li>
          <span className="kpi-drill-key" style={{ borderTopColor: DRILL_COLORS.member }} /> {member} (solid)
        </li>
        <li>
          <span
            className="kpi-drill-key kpi-drill-key-total"
            style={{ borderTopColor: DRILL_COLORS.total }}
          />{' '}
          KPI total (dashed)
        </li>
      </ul>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Trend of ${member}`}>
        <table className="kpi-drill-table">
          <caption className="visually-hidden">
            {label} of {member} next to the KPI total, per {reading.grain}
          </caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col" className="num">
                {member}
              </th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col" className="num">
                {shareHeading(metric, 'total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...rows].reverse().map((r) => (
              <tr key={r.start}>
                <th scope="row">
                  {r.label}
                  {r.partial && <span className="muted small kpi-drill-sofar"> (so far)</span>}
                </th>
                <td className="num">{fmt(r.member, f)}</td>
                <td className="num">{fmt(r.total, f)}</td>
                <td className="num">{pct(r.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
};

const BreakdownTable = ({
  reading,
  label,
  member,
  dimension,
  metric,
  body,
}: {
  reading: KpiReading;
  label: string;
  member: string;
  dimension: string;
  metric: DrillMetric;
  body: QueryBody | undefined;
}) => {
  const q = useDrillQuery(body);
  const nameOf = useMemberNames();
  const b = useMemo(
    () => (q.state === 'ready' ? breakdownOf(q.data, dimension, metric) : undefined),
    [q, dimension, metric],
  );
  const title = `By ${humanize(dimension)}`;
  const partial = reading.series.find((p) => p.start === b?.start)?.partial ?? false;
  const period = b?.start ? `${periodLabel(b.start, reading.series)}${partial ? ' so far' : ''}` : '';
  return (
    <div className="kpi-drill-breakdown">
      <h5>{title}</h5>
      {q.state === 'error' ? (
        <Retry error={q.error} title={`Could not load ${member} by ${humanize(dimension)}`} retry={q.retry} />
      ) : !b || !nameOf ? (
        <Loading what={`${member} by ${humanize(dimension)}`} />
      ) : b.rows.length === 0 ? (
        <p className="muted">No values for {member} this period.</p>
      ) : (
        <div
          className="table-scroll"
          tabIndex={0}
          role="region"
          aria-label={`${member} by ${humanize(dimension)}`}
        >
          <table className="kpi-drill-table">
            <caption className="visually-hidden">
              {member} by {humanize(dimension)}, {period}
            </caption>
            <thead>
              <tr>
                <th scope="col">{humanize(dimension)}</th>
                <th scope="col" className="num">
                  {label}
                </th>
                <th scope="col" className="num">
                  {shareHeading(metric, member)}
                </th>
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r) => (
                <tr key={r.member}>
                  <th scope="row">{nameOf(dimension, r.member)}</th>
                  <td className="num">{fmt(r.value, reading.format)}</td>
                  <td className="num">{pct(r.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
};

type MetricInfo = MetricDef & { readonly denominator?: string };

export const KpiDrillPanel = ({
  id,
  reading,
  dimension,
  member,
  memberLabel,
  others,
  ratio,
  scope,
  onClose,
}: {
  id: string;
  reading: KpiReading;
  dimension: string;
  member: string;
  /** The member's display name from the YAML, shown instead of the raw value. */
  memberLabel?: string | undefined;
  /** The cause's other dimensions, to break the member down by. */
  others: readonly string[];
  /** The metric is a ratio (mix/rate split): its share is a share of the denominator. */
  ratio: boolean;
  scope: DrillScope;
  onClose: () => void;
}) => {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const def = useApi<MetricInfo>(`/api/metrics/${encodeURIComponent(reading.metric)}`);
  // A ratio waits for its definition (for the denominator); without one, no share is shown.
  const weight =
    ratio && def.state === 'ready' && def.data.kind === 'ratio' ? def.data.denominator : undefined;
  const known = !ratio || def.state !== 'loading';
  const label = def.data?.label ?? humanize(reading.metric);
  const metric = useMemo<DrillMetric>(() => ({ metric: reading.metric, weight }), [reading.metric, weight]);
  const bodies = useMemo(
    () =>
      scope.state === 'ready' && known
        ? drillBodies({ metric, grain: reading.grain, filter: scope.filter, dimension, member, others })
        : undefined,
    [scope, known, metric, reading.grain, dimension, member, others],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    onClose();
  };
  const current = reading.current
    ? `${reading.current.label}${reading.current.partial ? ' so far' : ''}`
    : '';
  const name = memberLabel ?? member;
  return (
    <section id={id} className="kpi-drill" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <div className="kpi-drill-head">
        <h3 id={headingId} ref={heading} tabIndex={-1}>
          {name} <span className="muted kpi-drill-dim">{humanize(dimension)}</span>
        </h3>
        <button type="button" className="button" onClick={onClose}>
          Close<span className="visually-hidden"> the details of {name}</span>
        </button>
      </div>
      {scope.state === 'error' ? (
        <ErrorBox error={scope.error} title="Could not load the KPI's filter, so its total is unknown" />
      ) : (
        <>
          <h4>
            {label} per {reading.grain}, last {TREND_PERIODS} {GRAIN_PLURAL[reading.grain] ?? 'periods'}
          </h4>
          <Trend reading={reading} label={label} member={name} metric={metric} bodies={bodies} />
          <h4>
            {name} by {others.length > 0 ? others.map(humanize).join(' and ') : 'other dimensions'}
            {current && `, ${current}`}
          </h4>
          {others.length === 0 ? (
            <p className="muted">This KPI has no other dimension to break {name} down by.</p>
          ) : (
            <div className="kpi-drill-breakdowns">
              {others.map((d, i) => (
                <BreakdownTable
                  key={d}
                  reading={reading}
                  label={label}
                  member={name}
                  dimension={d}
                  metric={metric}
                  body={bodies?.breakdowns[i]}
                />
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
};
