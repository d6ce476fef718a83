// Formatting for the web app, all through core's one number formatter so the browser,
// the CLI and the reports show the same digits. Pure.

import { formatChange, formatValue } from '@kpi/core/format';
import type { Comparison, Status, ValueFormat } from '../api/api-types';

export const fmt = (value: number | null | undefined, format: ValueFormat = {}, compact = false): string =>
  formatValue(value, {
    unit: format.unit as never,
    currency: format.currency,
    compact,
    ...(format.decimals === undefined ? {} : { decimals: format.decimals }),
  });

/** A fraction as a signed percent: 0.044 -> "+4.4%". */
export const fmtSignedPercent = (v: number | null | undefined): string => {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = formatValue(Math.abs(v), { unit: 'percent' });
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : s;
};

/** A change in the metric's own unit, signed: "+1,234", "−€56.00", "+0.4 pp" for percents. */
export const fmtSignedChange = (v: number | null | undefined, format: ValueFormat = {}): string => {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return formatChange(v, {
    unit: format.unit as never,
    currency: format.currency,
    compact: true,
    ...(format.decimals === undefined ? {} : { decimals: format.decimals }),
  });
};

/** A probability as the verdict words it (scorecard likelihoodText): never "100%" or "0%". */
export const fmtProbability = (p: number | null | undefined): string =>
  p === null || p === undefined
    ? '—'
    : p >= 0.995
      ? 'over 99%'
      : p <= 0.005
        ? 'under 1%'
        : `${Math.round(p * 100)}%`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-21" -> "21 Nov 2026" (calendar date, no time zone shift). */
export const fmtDate = (iso: string | undefined): string => {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
};

/** An ISO timestamp in the viewer's own clock: "21 Nov 2026, 14:05". */
export const fmtTimestamp = (iso: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
};

export const COMPARISON_LABEL: Readonly<Record<Comparison['kind'], string>> = {
  previous_period: 'vs previous period',
  same_period_last_year: 'vs last year',
};

export const STATUS_LABEL: Readonly<Record<Status, string>> = {
  achieved: 'Achieved',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  missed: 'Missed',
  no_data: 'No data',
  no_target: 'No target',
};

/** Worst first: the order in which a goal's statuses are summarised. */
export const STATUS_ORDER: readonly Status[] = [
  'missed',
  'off_track',
  'at_risk',
  'no_data',
  'on_track',
  'achieved',
  'no_target',
];

/** "revenue_this_year" -> "Revenue this year" when no label is given. */
export const humanize = (name: string): string => {
  const s = name.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};
