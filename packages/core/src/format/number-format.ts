// The one number formatter for values a user sees: units, currency, percent, compact.
// Pure. Invariant: null/NaN render as an em dash, never as "NaN" or "null".

import type { Unit } from '../schema/metric-schema.js';

export interface FormatOptions {
  readonly unit?: Unit;
  readonly currency?: string;
  /** 1.2M instead of 1,200,000. */
  readonly compact?: boolean;
  readonly locale?: string;
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

const formatDuration = (seconds: number): string => {
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s < 60) return `${sign}${Number(s.toFixed(1))}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m ${Math.round(s % 60)}s`;
  if (s < 86400) return `${sign}${Math.floor(s / 3600)}h ${Math.round((s % 3600) / 60)}m`;
  return `${sign}${Math.floor(s / 86400)}d ${Math.round((s % 86400) / 3600)}h`;
};

/** Formats a metric value for people. Percent values are fractions (0.032 -> "3.2%"). */
export const formatValue = (value: number | null | undefined, opts: FormatOptions = {}): string => {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const locale = opts.locale ?? 'en-US';
  const compact = opts.compact === true && Math.abs(value) >= 10_000;
  const notation = compact ? ({ notation: 'compact', maximumFractionDigits: 1 } as const) : {};
  switch (opts.unit ?? 'number') {
    case 'percent': {
      // Fixed decimals so a column of rates lines up: 0.20% and 0.22%, 96.0% and 93.2%.
      const digits = Math.abs(value) < 0.1 ? 2 : 1;
      return nf(locale, {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(value);
    }
    case 'currency':
      return nf(locale, {
        style: 'currency',
        currency: opts.currency ?? 'USD',
        ...(compact ? notation : { maximumFractionDigits: Math.abs(value) >= 1000 ? 0 : 2 }),
      }).format(value);
    case 'duration':
      return formatDuration(value);
    case 'count':
      return nf(
        locale,
        compact ? notation : { maximumFractionDigits: Number.isInteger(value) ? 0 : 1 },
      ).format(value);
    default:
      return nf(locale, compact ? notation : { maximumFractionDigits: Math.abs(value) < 1 ? 4 : 2 }).format(
        value,
      );
  }
};
