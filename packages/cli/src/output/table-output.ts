// Rendering rows as an aligned text table, CSV or JSON. Pure.
// Invariant: numbers in the table go through the one formatter (@kpi/core formatValue);
// CSV and JSON carry raw values so other tools can compute with them.

import { formatIdentifier, formatValue, type Unit } from '@kpi/core';

export interface OutColumn {
  readonly name: string;
  readonly unit?: Unit;
  readonly currency?: string;
  readonly decimals?: number;
  readonly numeric?: boolean;
  /** Dimension and period columns hold identifiers (campaign 1178, year 2026): no thousands separator. */
  readonly role?: 'period' | 'dimension' | 'metric';
}

const cell = (v: unknown, c: OutColumn): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number' && (c.role === 'dimension' || c.role === 'period')) return formatIdentifier(v);
  if (typeof v === 'number')
    return formatValue(v, {
      unit: c.unit ?? 'number',
      ...(c.currency ? { currency: c.currency } : {}),
      ...(c.decimals === undefined ? {} : { decimals: c.decimals }),
    });
  return String(v);
};

export const renderTable = (
  columns: readonly OutColumn[],
  rows: readonly Record<string, unknown>[],
): string => {
  const cells = rows.map((r) => columns.map((c) => cell(r[c.name], c)));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...cells.map((row) => (row[i] ?? '').length)));
  const right = columns.map((c, i) => c.numeric ?? rows.some((r) => typeof r[c.name] === 'number' && i >= 0));
  const line = (vals: readonly string[]): string =>
    vals
      .map((v, i) => (right[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return (
    [line(columns.map((c) => c.name)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join(
      '\n',
    ) + '\n'
  );
};

const csvField = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const renderCsv = (
  columns: readonly { name: string }[],
  rows: readonly Record<string, unknown>[],
): string =>
  [
    columns.map((c) => csvField(c.name)).join(','),
    ...rows.map((r) => columns.map((c) => csvField(r[c.name])).join(',')),
  ].join('\n') + '\n';

export const renderJson = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
