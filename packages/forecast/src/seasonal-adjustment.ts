// Wraps a non-seasonal model with classical decomposition: remove the seasonal periods,
// fit on the adjusted series, put the seasonality back on forecasts and their spread. Pure.
// Invariant: forecasts at step h use the seasonal phase of time n + h of the input series.

import type { FittedModel, ModelForecast } from './model-types.js';
import { deseasonalize, reseasonalize } from './seasonal-decomposition.js';

export type Fitter = (y: Float64Array) => FittedModel | undefined;

export const withSeasonalAdjustment = (
  fitter: Fitter,
  y: Float64Array,
  periods: readonly number[],
): FittedModel | undefined => {
  const periodsToUse = periods.filter((m) => m > 1);
  if (periodsToUse.length === 0) return fitter(y);
  const { adjusted, components } = deseasonalize(y, periodsToUse);
  const inner = fitter(adjusted);
  if (inner === undefined) return undefined;
  const innerRefit = inner.refit;
  const refit = (y2: Float64Array): FittedModel | undefined =>
    withSeasonalAdjustment(innerRefit ?? fitter, y2, periods);
  if (components.length === 0) return { ...inner, refit };
  const n = y.length;
  const tag = components.map((c) => c.period).join('+');
  const model = `${inner.model}+Decomp(${tag})`;
  const forecast = (horizon: number): ModelForecast => {
    const f = inner.forecast(horizon);
    const mean = new Float64Array(horizon);
    const sd = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      const t = n + h;
      const m = f.mean[h] as number;
      mean[h] = reseasonalize(m, t, components);
      const factor = components[0]?.mode === 'multiplicative' ? reseasonalize(1, t, components) : 1;
      sd[h] = (f.sd[h] as number) * factor;
    }
    return { model, mean, sd, psi: f.psi };
  };
  return { model, aicc: inner.aicc, residuals: inner.residuals, forecast, refit };
};
