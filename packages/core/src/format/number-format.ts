// The one number formatter for values a user sees: units, currency, percent, compact,
// changes (percentage points for percent metrics), identifiers, plurals and columns.
// Pure. Invariants: null/NaN render as an em dash, never as "NaN" or "null"; a non-zero
// rate or price never rounds to a value that hides it (0.0179% shows "0.018%", $0.082
// "$0.082": at least two significant digits); a count is shown whole, and a count that is
// not whole (an average, a forecast) is marked "≈"; a metric's own `decimals` wins.

import type { Unit } from '../schema/metric-schema.js';

export interface FormatOptions {
  readonly unit?: Unit;
  readonly currency?: string;
  /** 1.2M instead of 1,200,000. */
  readonly compact?: boolean;
  readonly locale?: string;
  /** Fixed decimals (for percent: of the percent figure), e.g. the metric's `decimals`. */
  readonly decimals?: number;
}

const cache = new Map<string, Intl.NumberFormat>();
const nf = (locale: string, o: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const key = locale + JSON.stringify(o);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, o);
    cache.set(key, f);
  }
  return f;
};

const MAX_DECIMALS = 6;

/** Decimals needed to show `x` with `sig` significant digits (0 for 0 and for large values). */
export const significantDecimals = (x: number, sig = 2): number => {
  if (x === 0 || !Number.isFinite(x)) return 0;
  const d = sig - 1 - Math.floor(Math.log10(Math.abs(x)));
  return Math.min(MAX_DECIMALS, Math.max(0, d));
};

const formatDuration = (seconds: number): string => {
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s < 60) return `${sign}${Number(s.toFixed(1))}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m ${Math.round(s % 60)}s`;
  if (s < 86400) return `${sign}${Math.floor(s / 3600)}h ${Math.round((s % 3600) / 60)}m`;
  return `${sign}${Math.floor(s / 86400)}d ${Math.round((s % 86400) / 3600)}h`;
};

/**
 * The decimals the defaults give a value (for percent: of the percent figure): percent 2
 * below 10% and 1 above; currency 2 below 1,000 and 0 above; both raised to two
 * significant digits for small values; counts 0 (1 below 10 when not whole); numbers 2
 * (significant digits below 1).
 */
export const defaultDecimals = (value: number, unit: Unit = 'number'): number => {
  const a = Math.abs(value);
  switch (unit) {
    case 'percent':
      return Math.max(a < 0.1 ? 2 : 1, significantDecimals(a * 100));
    case 'currency':
      return a >= 1000 ? 0 : Math.max(2, significantDecimals(a));
    case 'count':
      return Number.isInteger(value) || a >= 10 ? 0 : Math.max(1, significantDecimals(a, 1));
    case 'duration':
      return 0;
    default:
      return a >= 1 ? 2 : Math.max(2, significantDecimals(a));
  }
};

/** Formats a metric value for people. Percent values are fractions (0.032 -> "3.20%"). */
export const formatValue = (value: number | null | undefined, opts: FormatOptions = {}): string => {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const locale = opts.locale ?? 'en-US';
  const unit = opts.unit ?? 'number';
  const compact = opts.compact === true && Math.abs(value) >= 10_000 && unit !== 'percent';
  const notation = { notation: 'compact', maximumFractionDigits: 1 } as const;
  const fixed = opts.decimals;
  const d = fixed ?? defaultDecimals(value, unit);
  switch (unit) {
    case 'percent':
      // Fixed decimals so a column of rates lines up: 0.20% and 0.22%, 96.0% and 93.2%.
      return nf(locale, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d }).format(
        value,
      );
    case 'currency':
      return nf(locale, {
        style: 'currency',
        currency: opts.currency ?? 'USD',
        ...(compact
          ? notation
          : { minimumFractionDigits: fixed ?? (d === 0 ? 0 : 2), maximumFractionDigits: d }),
      }).format(value);
    case 'duration':
      return formatDuration(value);
    case 'count': {
      if (compact) return nf(locale, notation).format(value);
      const text = nf(locale, {
        maximumFractionDigits: d,
        ...(fixed === undefined ? {} : { minimumFractionDigits: d }),
      }).format(value);
      return fixed === undefined && !Number.isInteger(value) ? `≈${text}` : text;
    }
    default:
      return nf(
        locale,
        compact
          ? notation
          : { maximumFractionDigits: d, ...(fixed === undefined ? {} : { minimumFractionDigits: d }) },
      ).format(value);
  }
};

/**
 * A change between two values of a metric, signed with a real minus: "+1,234", "−$56.00";
 * for percent metrics the change is in percentage points ("+5.1 pp"), never "+5.14%".
 */
export const formatChange = (change: number | null | undefined, opts: FormatOptions = {}): string => {
  if (change === null || change === undefined || Number.isNaN(change)) return '—';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  const a = Math.abs(change);
  if ((opts.unit ?? 'number') === 'percent') {
    const points = a * 100;
    const d = opts.decimals ?? Math.max(1, significantDecimals(points));
    const text = nf(opts.locale ?? 'en-US', {
      minimumFractionDigits: opts.decimals ?? 1,
      maximumFractionDigits: d,
    }).format(points);
    return `${sign}${text} pp`;
  }
  return `${sign}${formatValue(a, opts)}`;
};

/** An identifier or a year as written: 1178 -> "1178", never "1,178". */
export const formatIdentifier = (value: number | string | null | undefined): string =>
  value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))
    ? '—'
    : String(value);

/** A count with its noun, the plural right: "1 day", "2 days", "1,506 sends". */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${formatValue(n, { unit: 'count' })} ${Math.abs(n) === 1 ? one : many}`;

/**
 * A column of values with one rule of decimals: every cell gets the decimals the most
 * demanding value needs (0.20% and 0.018% become 0.200% and 0.018%), unless `decimals`
 * is given. Compact cells (1.2M) are left to the compact rule.
 */
export const formatColumn = (
  values: readonly (number | null | undefined)[],
  opts: FormatOptions = {},
): string[] => {
  const unit = opts.unit ?? 'number';
  const shown = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x) && x !== 0);
  const decimals =
    opts.decimals ??
    (unit === 'duration' || shown.length === 0
      ? undefined
      : Math.max(...shown.map((x) => defaultDecimals(x, unit))));
  return values.map((x) => formatValue(x, { ...opts, ...(decimals === undefined ? {} : { decimals }) }));
};

/**
 * Two values that are compared in one sentence ("0.0179% … below the floor of 0.020%"),
 * with the same decimals, raised until they read differently when they differ at all.
 */
export const formatPair = (a: number, b: number, opts: FormatOptions = {}): readonly [string, string] => {
  const unit = opts.unit ?? 'number';
  const compact = opts.compact === true && unit !== 'percent' && Math.max(Math.abs(a), Math.abs(b)) >= 10_000;
  if (opts.decimals !== undefined || unit === 'duration' || compact)
    return [formatValue(a, opts), formatValue(b, opts)];
  let d = Math.max(defaultDecimals(a, unit), defaultDecimals(b, unit));
  for (;;) {
    const pair = [
      formatValue(a, { ...opts, decimals: d }),
      formatValue(b, { ...opts, decimals: d }),
    ] as const;
    if (pair[0] !== pair[1] || a === b || d >= MAX_DECIMALS) return pair;
    d++;
  }
};
