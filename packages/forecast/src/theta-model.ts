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
