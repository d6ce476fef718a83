// Benchmark and fallback models: naive, seasonal naive, random walk with drift. Pure.
// Invariant: sigma comes from the in-sample one-step errors of the same model, so the
// intervals are the textbook ones (Hyndman & Athanasopoulos, FPP3 §5.5).

import type { FittedModel, ModelForecast } from './model-types.js';
import { randomWalkPsi, sdFromPsi } from './model-types.js';

const rms = (e: Float64Array, dof: number): number => {
  let s = 0;
  let k = 0;
  for (const v of e)
    if (Number.isFinite(v)) {
      s += v * v;
      k++;
    }
  return k - dof > 0 ? Math.sqrt(s / (k - dof)) : Number.NaN;
};

/** Seasonal naive with period m (plain naive when m = 1). */
export const fitSeasonalNaive = (y: Float64Array, m = 1): FittedModel | undefined => {
  const n = y.length;
  if (n < m + 1) return undefined;
  const resid = new Float64Array(n).fill(Number.NaN);
  for (let t = m; t < n; t++) resid[t] = (y[t] as number) - (y[t - m] as number);
  const sigma = rms(resid, 0);
  const name = m === 1 ? 'Naive' : `SNaive(${m})`;
  const forecast = (horizon: number): ModelForecast => {
    const mean = new Float64Array(horizon);
    const psi = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      mean[h] = y[n - m + (h % m)] as number;
      psi[h] = h % m === 0 ? 1 : 0;
    }
    return { model: name, mean, psi, sd: sdFromPsi(psi, Number.isFinite(sigma) ? sigma : 0) };
  };
  return { model: name, aicc: Number.NaN, residuals: resid, forecast };
};

/** Random walk with drift (the line from first to last observation, extended). */
export const fitDrift = (y: Float64Array): FittedModel | undefined => {
  const n = y.length;
  if (n < 3) return undefined;
  const drift = ((y[n - 1] as number) - (y[0] as number)) / (n - 1);
  const resid = new Float64Array(n).fill(Number.NaN);
  for (let t = 1; t < n; t++) resid[t] = (y[t] as number) - (y[t - 1] as number) - drift;
  const sigma = rms(resid, 1);
  const forecast = (horizon: number): ModelForecast => {
    const mean = new Float64Array(horizon);
    const sd = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      mean[h] = (y[n - 1] as number) + (h + 1) * drift;
      sd[h] = (Number.isFinite(sigma) ? sigma : 0) * Math.sqrt((h + 1) * (1 + (h + 1) / (n - 1)));
    }
    return { model: 'Drift', mean, sd, psi: randomWalkPsi(horizon) };
  };
  return { model: 'Drift', aicc: Number.NaN, residuals: resid, forecast };
};
