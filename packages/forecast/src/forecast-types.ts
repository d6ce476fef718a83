// Public shapes of @kpi/forecast: the series a caller passes in and the forecast it gets
// back. Plain readonly data (JSON-serialisable).
// Invariant: every per-step array in a Forecast has length `horizon`; low95 <= low80 <=
// mean <= high80 <= high95; for non-negative series every bound is >= 0.

export interface SeriesInput {
  /** Observations in time order at a regular grain; null marks a gap. */
  readonly values: readonly (number | null)[];
  /**
   * Seasonal period(s) in steps: 7 (and 365) for daily data, 52 for weekly, 24 (and 168)
   * for hourly, 12 for monthly. Omit for none.
   */
  readonly period?: number | readonly number[];
}

export type MethodName = 'auto' | 'ets' | 'theta' | 'otm' | 'damped' | 'ses' | 'naive2' | 'drift' | 'snaive';

export interface ForecastOptions {
  /** 'auto' (default) picks and combines models by holdout error. */
  readonly method?: MethodName;
  /** Clip forecasts and bounds at 0; default: true when no observation is negative. */
  readonly nonNegative?: boolean;
  /** Rescale interval widths by the errors seen on a holdout window (default true). */
  readonly calibrate?: boolean;
}

export interface Forecast {
  /** Model or combination used, e.g. `Comb(Theta, ETS(A,Ad,N))`. */
  readonly model: string;
  readonly horizon: number;
  readonly mean: readonly number[];
  readonly low80: readonly number[];
  readonly high80: readonly number[];
  readonly low95: readonly number[];
  readonly high95: readonly number[];
  /** Standard deviation of the forecast error at each step (after calibration). */
  readonly sd: readonly number[];
  /**
   * Impulse response of the model (psi[0] = 1): errors at steps i and j are correlated
   * through the shocks they share. Used for the distribution of sums over the horizon.
   */
  readonly psi: readonly number[];
  readonly nonNegative: boolean;
  /** Observed points the forecast was fitted on. */
  readonly observations: number;
  /** Interval scale applied by calibration (1 = the model's own intervals). */
  readonly calibration: number;
}
