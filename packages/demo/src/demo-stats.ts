// Daily totals computed from generated rows, used to calibrate the goals' targets and
// baselines so they fit the data (ambitious but reachable). Pure. Invariant: reads rows only
// through DemoDataset.rows(), the same route a user's import takes.

import type { DemoDataset } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import { dayIndexOf } from './demo-world.js';

/** Per-day sum of `column` (or row count when column is null), optionally filtered. */
export const dailyTotals = (
  w: DemoWorld,
  ds: DemoDataset,
  column: string | null,
  where?: readonly [column: string, value: string | boolean],
): Float64Array => {
  const out = new Float64Array(w.dayCount);
  const timeCol = ds.columns.findIndex((c) => c === 'date' || c === 'timestamp' || c === 'received_at');
  const valueCol = column === null ? -1 : ds.columns.indexOf(column);
  const whereCol = where ? ds.columns.indexOf(where[0]) : -1;
  let lastDate = '';
  let lastIndex = -1;
  for (const row of ds.rows()) {
    if (where && row[whereCol] !== where[1]) continue;
    const date = String(row[timeCol]).slice(0, 10);
    if (date !== lastDate) {
      lastDate = date;
      lastIndex = dayIndexOf(w, date);
    }
    if (lastIndex < 0) continue;
    const v = valueCol < 0 ? 1 : Number(row[valueCol] ?? 0);
    out[lastIndex] = (out[lastIndex] ?? 0) + v;
  }
  return out;
};

/** Sum of days first..last (inclusive, clipped to the data). */
export const rangeSum = (xs: Float64Array, first: number, last: number): number => {
  let s = 0;
  for (let i = Math.max(0, first); i <= Math.min(xs.length - 1, last); i++) s += xs[i] ?? 0;
  return s;
};

/** x rounded to a multiple of `step` (at least one step), without binary fraction noise. */
export const roundTo = (x: number, step: number): number => {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(Math.max(step, Math.round(x / step) * step).toFixed(decimals));
};
