// Robust trend + seasonal fit for anomaly detection: rolling-median trend, per-phase median
// seasonality, MAD noise scale. Outliers barely move any of them. Pure.
// Invariant: fitted[t] = trend[t] + seasonal[t]; gaps are interpolated before fitting and
// reported back through `observed`.

import { median } from './normal-distribution.js';

export interface RobustFit {
  readonly y: Float64Array;
  readonly observed: Uint8Array;
  readonly fitted: Float64Array;
  /** Robust standard deviation of the residuals (1.4826 × MAD). */
  readonly scale: number;
}

const rollingMedian = (y: Float64Array, width: number): Float64Array => {
  const n = y.length;
  const half = Math.floor(width / 2);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const a = Math.max(0, Math.min(t - half, n - width));
    const b = Math.min(n, Math.max(t + half + 1, width));
    out[t] = median(y.subarray(Math.max(0, a), b));
  }
  return out;
};

export const interpolateGaps = (
  values: readonly (number | null)[],
): { y: Float64Array; observed: Uint8Array } => {
  const n = values.length;
  const y = new Float64Array(n);
  const observed = new Uint8Array(n);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v == null || !Number.isFinite(v)) continue;
    observed[i] = 1;
    y[i] = v;
    const from = prev < 0 ? 0 : prev + 1;
    for (let j = from; j < i; j++)
      y[j] = prev < 0 ? v : (y[prev] as number) + ((v - (y[prev] as number)) * (j - prev)) / (i - prev);
    prev = i;
  }
  for (let j = prev + 1; j < n; j++) y[j] = prev < 0 ? 0 : (y[prev] as number);
  return { y, observed };
};

export const robustFit = (values: readonly (number | null)[], periods: readonly number[]): RobustFit => {
  const { y, observed } = interpolateGaps(values);
  const n = y.length;
  const usable = periods.filter((m) => m > 1 && n >= 2 * m).sort((a, b) => a - b);
  const main = usable[0] ?? 1;
  const width = Math.min(n, Math.max(2 * main + 1, 7));
  const trend = rollingMedian(y, width);
  const rest = y.map((v, t) => v - (trend[t] as number));
  const seasonal = new Float64Array(n);
  for (const m of usable) {
    for (let k = 0; k < m; k++) {
      const phase: number[] = [];
      for (let t = k; t < n; t += m) phase.push((rest[t] as number) - (seasonal[t] as number));
      const s = median(phase);
      for (let t = k; t < n; t += m) seasonal[t] = (seasonal[t] as number) + s;
    }
  }
  const fitted = trend.map((v, t) => v + (seasonal[t] as number));
  const resid = y.map((v, t) => v - (fitted[t] as number));
  const mad = median(resid.map((v) => Math.abs(v)));
  const level = median(y.map((v) => Math.abs(v)));
  const scale = Math.max(1.4826 * mad, 1e-6 * level, 1e-12);
  return { y, observed, fitted, scale };
};
