// Section 1 of the KPI page: the name, goal, status and why, the value (same test id as a
// card), the target in words, the pace, the facts from the definition and the narrative
// sentence; "Edit KPI" for editors. Invariant: with no reading (loading or failed) the
// header still names the KPI, so the page is never blank.

import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { KpiDef, KpiReading, TargetProgress, ValueFormat } from '../../api/api-types';
import { useAuth } from '../../auth/auth-context';
import { fmt, fmtDate, humanize } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';
import { counterMetricOf } from './kpi-shapes';
import { targetInWords } from '../../ui/target-words';
import { baselineInWords, fmtChange } from './kpi-text';

const pct = (v: number): string => fmt(v, { unit: 'percent' });

const Pace = ({ t, format }: { t: TargetProgress; format: ValueFormat }) => {
  const limit = t.kind === 'stay_above' || t.kind === 'stay_below';
  const items: [string, string][] = [];
  if (t.progress !== null) items.push(['Progress', `${pct(t.progress)} of the way`]);
  if (t.expected !== null && !limit) items.push(['Expected by now', fmt(t.expected, format)]);
  if (t.gap !== null) {
    const rel =
      t.behind === null || t.behind === 0
        ? ''
        : ` (${pct(Math.abs(t.behind))} ${t.behind > 0 ? 'behind' : 'ahead'})`;
    items.push([limit ? 'Gap to the limit' : 'Gap to the path', `${fmtChange(t.gap, format)}${rel}`]);
  }
  if (t.requiredPerDay !== null && t.requiredPerDay <= 0)
    items.push(['Needed per day', 'nothing more: the target is reached']);
  else if (t.requiredPerDay !== null)
    items.push([
      'Needed per day',
      `${fmt(t.requiredPerDay, format)}${t.currentPerDay === null ? '' : ` (so far ${fmt(t.currentPerDay, format)} a day)`}`,
    ]);
  if (t.runRateAtDeadline !== null)
    items.push(['At this pace by the deadline', fmt(t.runRateAtDeadline, format)]);
  items.push(['Days left', `${t.daysLeft} of ${t.daysTotal}`]);
  return (
    <dl className="kpi-pace">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd className="num">{v}</dd>
        </div>
      ))}
    </dl>
  );
};

const valueCaption = (r: KpiReading): string => {
  if (r.target?.kind === 'cumulative') return `total so far, to ${fmtDate(r.asOf)}`;
  if (r.current && r.soFar)
    return `${r.current.label} (complete); ${r.soFar.label} so far: ${fmt(r.soFar.value, r.format)}, ${r.soFar.elapsedDays} of ${r.soFar.totalDays} days`;
  if (r.current) return `${r.current.label}${r.current.partial ? ' so far' : ''}`;
  return `as of ${fmtDate(r.asOf)}`;
};

const Facts = ({ reading, def }: { reading: KpiReading | undefined; def: KpiDef | undefined }) => {
  const format = reading?.format ?? {};
  const counter = counterMetricOf(def);
  const owner = reading?.ownerName ?? reading?.owner ?? def?.owner;
  const indicator = reading?.indicator ?? def?.indicator;
  const rows: [string, string][] = [
    ['Owner', owner ?? 'nobody named'],
    ['Review cadence', def?.cadence ?? '—'],
    [
      'Indicator',
      indicator
        ? `${indicator} (${indicator === 'leading' ? 'moves first' : 'shows the outcome'})`
        : 'not set',
    ],
    [
      'Counter-metric',
      counter
        ? `${humanize(counter.metric)}${counter.tolerance === undefined ? '' : ` (may worsen by ${pct(counter.tolerance)} at most)`}`
        : 'none',
    ],
    ['Metric', reading?.metric ?? def?.metric ?? '—'],
    ['Baseline', def?.baseline ? baselineInWords(def.baseline, format) : '—'],
  ];
  if (reading?.target?.baseline != null) rows.push(['Baseline value', fmt(reading.target.baseline, format)]);
  return (
    <dl className="kpi-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
};

export const KpiHeaderSection = ({
  name,
  reading,
  def,
  goalTitle,
  problem,
}: {
  name: string;
  reading: KpiReading | undefined;
  def: KpiDef | undefined;
  goalTitle: string | undefined;
  /** The reading's loading or error state, drawn under the title. */
  problem: ReactNode;
}) => {
  const { canEdit } = useAuth();
  const label = reading?.label ?? def?.label ?? humanize(name);
  const goal = reading?.goal ?? def?.goal;
  const format = reading?.format ?? {};
  const target = reading?.target ?? def?.target;
  return (
    <header className="panel kpi-head">
      <nav aria-label="Breadcrumb" className="kpi-crumb small">
        <Link href="/">Overview</Link>
        {goal && (
          <>
            {' '}
            <span aria-hidden="true">›</span>{' '}
            <Link href={`/goals/${goal}`}>{goalTitle ?? humanize(goal)}</Link>
          </>
        )}
      </nav>
      <div className="kpi-head-top">
        <h1>{label}</h1>
        {canEdit && (
          <Link href={`/kpis/${name}/edit`} className="button">
            Edit KPI
          </Link>
        )}
      </div>
      {def?.description && <p className="muted kpi-description">{def.description}</p>}
      {problem}
      {reading && (
        <>
          <p className="kpi-status-line">
            <StatusBadge status={reading.status} reason={reading.statusReason} />{' '}
            {(reading.verdict?.phrase ?? reading.statusReason) && (
              <span className="muted" data-testid="verdict-phrase" title={reading.statusReason}>
                {reading.verdict?.phrase ?? reading.statusReason}
              </span>
            )}
          </p>
          <div className="kpi-head-grid">
            <div className="kpi-big">
              <div className="kpi-value num" data-testid="kpi-value">
                {fmt(reading.value, format)}
              </div>
              <div className="muted small">{valueCaption(reading)}</div>
            </div>
            <div className="kpi-target-box">
              <div className="kpi-target-line">
                Target:{' '}
                <strong data-testid="kpi-target">
                  {target ? targetInWords(target, format) : 'no target set'}
                </strong>
                {target?.tolerance ? (
                  <span className="muted small"> (tolerance {pct(target.tolerance)})</span>
                ) : null}
              </div>
              {reading.target && <Pace t={reading.target} format={format} />}
            </div>
          </div>
          <p className="kpi-sentence" data-testid="kpi-sentence">
            {reading.sentence}
          </p>
          {(reading.warnings ?? []).map((w) => (
            <p key={w} className="small kpi-note">
              {w}
            </p>
          ))}
        </>
      )}
      {(reading ?? def) && <Facts reading={reading} def={def} />}
    </header>
  );
};
