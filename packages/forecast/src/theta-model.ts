// The Theta method (Assimakopoulos & Nikolopoulos 2000) in Hyndman & Billah's form: simple
// exponential smoothing plus half the slope of the linear trend. Pure.
// Invariant: intervals are those of the underlying SES (psi_j = alpha), as in forecast::thetaf.

import { fitEts } from './ets-fit.js';
import type { FittedModel, ModelForecast } from './model-types.js';

export const fitTheta = (y: Float64Array): FittedModel | undefined => {
  const n = y.length;
  const ses = fitEts(y, { error: 'A', trend: 'N', season: 'N', period: 1 });
  if (ses === undefined) return undefined;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t] as number;
    sx += t;
    sy += v;
    sxx += t * t;
    sxy += t * v;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const half = slope / 2;
  const alpha = Math.max(1e-10, ses.params.alpha);
  const offset = (1 - Math.pow(1 - alpha, n)) / alpha;
  const forecast = (horizon: number): ModelForecast => {
    const f = ses.forecast(horizon);
    const mean = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) mean[h] = (f.mean[h] as number) + half * (h + offset);
    return { model: 'Theta', mean, sd: f.sd, psi: f.psi };
  };
  return { model: 'Theta', aicc: Number.NaN, residuals: ses.residuals, forecast };
};

/** Theta coefficients the optimised Theta method chooses among (2 is the standard method). */
export const THETA_GRID: readonly number[] = [1, 1.5, 2, 2.5, 3, 4];

/**
 * The optimised Theta method (after Fiorucci et al. 2016): the theta line
 * Z_t = θ·y_t + (1 − θ)·(a + b·t) is smoothed by SES and the forecast is
 * (1 − 1/θ)·(a + b·t) + (1/θ)·SES(Z); θ is the grid value with the least in-sample
 * one-step squared error. θ = 1 is SES; θ = 2 the standard Theta method.
 */
export const fitOptimisedTheta = (y: Float64Array): FittedModel | undefined => {
  const n = y.length;
  if (n < 4) return undefined;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t] as number;
    sx += t;
    sy += v;
    sxx += t * t;
    sxy += t * v;
  }
  const b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const a = (sy - b * sx) / n;
  let best: { theta: number; sse: number; fit: FittedModel } | undefined;
  for (const theta of THETA_GRID) {
    const z = new Float64Array(n);
    for (let t = 0; t < n; t++) z[t] = theta * (y[t] as number) + (1 - theta) * (a + b * t);
    const ses = fitEts(z, { error: 'A', trend: 'N', season: 'N', period: 1 });
    if (ses === undefined) continue;
    // one-step errors of the combined forecast are the SES residuals on Z divided by θ
    let sse = 0;
    for (let t = 1; t < n; t++) {
      const r = (ses.residuals[t] as number) / theta;
      if (Number.isFinite(r)) sse += r * r;
    }
    if (best === undefined || sse < best.sse) best = { theta, sse, fit: ses };
  }
  if (best === undefined) return undefined;
  const { theta, fit } = best;
  const model = `Theta(${theta})`;
  const forecast = (horizon: number): ModelForecast => {
    const f = fit.forecast(horizon);
    const mean = new Float64Array(horizon);
    const sd = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      mean[h] = (1 - 1 / theta) * (a + b * (n + h)) + (f.mean[h] as number) / theta;
      sd[h] = (f.sd[h] as number) / theta;
    }
    return { model, mean, sd, psi: f.psi };
  };
  const residuals = fit.residuals.map((r) => r / theta);
  return { model, aicc: Number.NaN, residuals, forecast };
};
