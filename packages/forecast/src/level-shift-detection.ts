// Level shifts (change points): indices where the seasonally adjusted series moves to a new
// level and stays there, found by comparing medians of the windows either side. Pure.
// Invariant: reported shifts are at least `window` steps apart and from the series edges.

import { median } from './normal-distribution.js';
import { interpolateGaps } from './robust-decomposition.js';
import type { SeriesInput } from './forecast-types.js';
import { periodsOf } from './forecast-engine.js';

export interface LevelShift {
  /** First index of the new level. */
  readonly index: number;
  readonly before: number;
  readonly after: number;
  /** Standardised size of the shift (difference of medians over its standard error). */
  readonly score: number;
}

export interface LevelShiftOptions {
  /** Steps compared on each side (default max(2 × shortest period, 10)). */
  readonly window?: number;
  /** Score above which a shift is reported (default 6). */
  readonly threshold?: number;
}

export const DEFAULT_SHIFT_THRESHOLD = 6;

export const detectLevelShifts = (series: SeriesInput, options: LevelShiftOptions = {}): LevelShift[] => {
  const { y } = interpolateGaps(series.values);
  const n = y.length;
  const periods = periodsOf(series).filter((m) => n >= 3 * m);
  const shortest = periods.length > 0 ? Math.min(...periods) : 1;
  const w = options.window ?? Math.max(2 * shortest, 10);
  if (n < 2 * w + 1) return [];
  // remove per-phase medians of the shortest period so the weekly pattern is not a "shift"
  const m = Math.min(...periods, Number.MAX_SAFE_INTEGER);
  const x = Float64Array.from(y);
  if (m < Number.MAX_SAFE_INTEGER)
    for (let k = 0; k < m; k++) {
      const phase: number[] = [];
      for (let t = k; t < n; t += m) phase.push(y[t] as number);
      const s = median(phase);
      for (let t = k; t < n; t += m) x[t] = (x[t] as number) - s;
    }
  const lag = m < Number.MAX_SAFE_INTEGER ? m : 1;
  const diffs = new Float64Array(n - lag);
  for (let t = lag; t < n; t++) diffs[t - lag] = Math.abs((x[t] as number) - (x[t - lag] as number));
  const sigma = Math.max((1.4826 * median(diffs)) / Math.SQRT2, 1e-12);
  const se = 1.2533 * sigma * Math.sqrt(2 / w);
  const threshold = options.threshold ?? DEFAULT_SHIFT_THRESHOLD;
  const stat = new Float64Array(n);
  const before = new Float64Array(n);
  const after = new Float64Array(n);
  for (let t = w; t + w <= n; t++) {
    before[t] = median(x.subarray(t - w, t));
    after[t] = median(x.subarray(t, t + w));
    stat[t] = Math.abs((after[t] as number) - (before[t] as number)) / se;
  }
  const out: LevelShift[] = [];
  const taken = new Uint8Array(n);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (stat[b] as number) - (stat[a] as number),
  );
  for (const t of order) {
    if ((stat[t] as number) <= threshold) break;
    let free = true;
    for (let j = Math.max(0, t - w); j < Math.min(n, t + w); j++) if (taken[j] === 1) free = false;
    if (!free) continue;
    taken[t] = 1;
    out.push({ index: t, before: before[t] as number, after: after[t] as number, score: stat[t] as number });
  }
  return out.sort((a, b) => a.index - b.index);
};
