// Anomalies: observations that break a series' seasonal pattern, scored by their robust
// z-score against a rolling-median trend plus per-phase median seasonality. Pure.
// Invariant: gaps are never reported; expectedLow/High bracket the value a point would need
// to not be flagged at the given threshold; for a series that cannot go below zero
// (counts: no negative observation, or `nonNegative`) the band is floored at 0, and a
// "low" point that lies inside the floored band is not reported.

import { robustFit } from './robust-decomposition.js';
import type { SeriesInput } from './forecast-types.js';
import { periodsOf } from './forecast-engine.js';

export interface Anomaly {
  readonly index: number;
  readonly value: number;
  readonly expected: number;
  readonly expectedLow: number;
  readonly expectedHigh: number;
  /** |value − expected| in robust standard deviations. */
  readonly score: number;
  readonly direction: 'high' | 'low';
}

export interface AnomalyOptions {
  /** Robust z-score above which a point is flagged (default 4). */
  readonly threshold?: number;
  /** Only report anomalies at index >= this (e.g. the last few periods). */
  readonly since?: number;
  /** Floor the expected band at 0 (default: true when no observation is negative). */
  readonly nonNegative?: boolean;
}

export const DEFAULT_ANOMALY_THRESHOLD = 4;

export const detectAnomalies = (series: SeriesInput, options: AnomalyOptions = {}): Anomaly[] => {
  const observedCount = series.values.filter((v) => v != null && Number.isFinite(v)).length;
  if (observedCount < 7) return [];
  const threshold = options.threshold ?? DEFAULT_ANOMALY_THRESHOLD;
  const fit = robustFit(series.values, periodsOf(series));
  const nonNegative = options.nonNegative ?? series.values.every((v) => v == null || !(v < 0));
  const floor = (x: number): number => (nonNegative ? Math.max(0, x) : x);
  const out: Anomaly[] = [];
  for (let t = Math.max(0, options.since ?? 0); t < fit.y.length; t++) {
    if (fit.observed[t] !== 1) continue;
    const value = fit.y[t] as number;
    const expected = fit.fitted[t] as number;
    const score = Math.abs(value - expected) / fit.scale;
    if (score <= threshold) continue;
    const expectedLow = floor(expected - threshold * fit.scale);
    if (value <= expected && value >= expectedLow) continue;
    out.push({
      index: t,
      value,
      expected: floor(expected),
      expectedLow,
      expectedHigh: floor(expected + threshold * fit.scale),
      score,
      direction: value > expected ? 'high' : 'low',
    });
  }
  return out;
};
