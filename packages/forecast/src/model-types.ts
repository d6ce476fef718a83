// Shared shapes for the forecasting models. Pure data; every array has length `horizon`.
// Invariant: psi[0] = 1 and sd[h] is the analytic standard deviation of the h-step error
// under the model; psi gives the correlation of errors across steps (see error-structure.ts).

export interface ModelForecast {
  /** Short model name, e.g. `ETS(A,Ad,N)`, `Theta`, `SNaive(24)`. */
  readonly model: string;
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  /** Impulse response: effect of a one-step shock on the forecast j steps later. */
  readonly psi: Float64Array;
}

/** What a model's fitter returns: a forecaster for the horizon plus in-sample diagnostics. */
export interface FittedModel {
  readonly model: string;
  /** Information criterion when the model has a likelihood (lower is better). */
  readonly aicc: number;
  /** One-step in-sample errors (NaN where undefined). */
  readonly residuals: Float64Array;
  readonly forecast: (horizon: number) => ModelForecast;
  /** Fits the same specification to other data (e.g. the full series after a holdout). */
  readonly refit?: (y: Float64Array) => FittedModel | undefined;
}

/** psi for a random walk: every shock persists fully. */
export const randomWalkPsi = (horizon: number): Float64Array => new Float64Array(horizon).fill(1);

/** Standard deviation per step from psi and a constant shock sd: sigma * sqrt(sum psi_j^2). */
export const sdFromPsi = (psi: Float64Array, sigma: number): Float64Array => {
  const out = new Float64Array(psi.length);
  let acc = 0;
  for (let h = 0; h < psi.length; h++) {
    const p = psi[h] as number;
    acc += p * p;
    out[h] = sigma * Math.sqrt(acc);
  }
  return out;
};
