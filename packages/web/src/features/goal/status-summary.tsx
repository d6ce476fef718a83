// A goal's status summary: how many KPIs are in each status, worst first, each as a
// StatusBadge with its count (colour + icon + words). Used by the overview, the goal
// dashboard and meeting mode.

import type { Status } from '../../api/api-types';
import { STATUS_LABEL, STATUS_ORDER } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';

export const StatusSummary = ({ counts }: { counts: Readonly<Partial<Record<Status, number>>> }) => {
  const present = STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0);
  if (present.length === 0) return <span className="muted small">No KPIs yet</span>;
  return (
    <ul className="status-summary" aria-label="KPIs by status, worst first">
      {present.map((s) => (
        <li key={s} title={`${counts[s]} ${STATUS_LABEL[s].toLowerCase()}`}>
          <span className="status-count num">{counts[s]}</span>
          <StatusBadge status={s} />
        </li>
      ))}
    </ul>
  );
};

/** Whole days from one calendar date to another ("2026-11-21" -> "2026-12-31" = 40). Pure. */
export const daysBetween = (from: string, to: string): number => {
  const utc = (d: string): number =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
};
