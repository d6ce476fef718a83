// One KPI as a TV tile in meeting mode: label and status, the verdict phrase, the value,
// the target with its pace bar, and one line of cause (the top driver with its before and
// after, or "no meaningful change"). Same test hooks as the dashboard card (kpi-card,
// kpi-value, kpi-target, verdict-phrase); nothing editable, no link.

import type { KpiReading } from '../../api/api-types';
import { fmt, humanize } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';
import { targetLine } from '../../ui/target-words';
import { PaceBar } from '../goal/pace-bar';

/** The cause in one line, from the reading's top driver. */
export const causeLine = (r: KpiReading): string => {
  const c = r.cause;
  if (!c) return '';
  if (c.noise) return 'No meaningful change';
  const d = c.drivers[0];
  if (!d) return '';
  const name = d.label ?? d.member;
  const fromTo =
    d.previous !== null && d.current !== null
      ? ` (${fmt(d.previous, r.format, true)} → ${fmt(d.current, r.format, true)})`
      : '';
  return `Biggest mover: ${name}${fromTo}`;
};

export const MeetingTile = ({ reading: r }: { reading: KpiReading }) => {
  const headingId = `tile-${r.kpi}-label`;
  const cause = causeLine(r);
  return (
    <article
      className="kpi-card meeting-tile"
      data-testid="kpi-card"
      data-kpi={r.kpi}
      aria-labelledby={headingId}
    >
      <header className="card-head">
        <h3 id={headingId}>{r.label ?? humanize(r.kpi)}</h3>
        <StatusBadge status={r.status} reason={r.statusReason} />
      </header>
      {(r.verdict?.phrase ?? r.statusReason) && (
        <p className="card-reason" data-testid="verdict-phrase">
          {r.verdict?.phrase ?? r.statusReason}
        </p>
      )}
      <p className="card-value-row">
        <span className="card-value num" data-testid="kpi-value">
          {fmt(r.value, r.format)}
        </span>
      </p>
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
      {cause && (
        <p className="meeting-cause" title={cause}>
          {cause}
        </p>
      )}
    </article>
  );
};
