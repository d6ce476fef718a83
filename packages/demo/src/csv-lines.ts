// CSV text for demo rows (RFC 4180): header first, comma separated, fields quoted when they
// hold a comma, quote, CR or LF, quotes doubled; null is an empty field. Pure and lazy.

import type { DemoValue } from './demo-types.js';

const NEEDS_QUOTES = /[",\r\n]/;

export const csvField = (v: DemoValue): string => {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
};

/** One line (without line terminator) per row, the header line first. */
export function* toCsvLines(
  columns: readonly string[],
  rows: Iterable<readonly DemoValue[]>,
): Generator<string> {
  yield columns.map(csvField).join(',');
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : ',') + csvField(row[i] ?? null);
    yield line;
  }
}
