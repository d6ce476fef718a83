// One forecast per distinct series within a batch: a scorecard forecasts the same daily
// series several times (a clicks KPI, the numerator of CTR, the denominator of CPC under
// the same filter), and forecast() is a pure function of the series, the horizon and the
// options, so the batch fits each once. Pure. Invariant: the memo gives exactly what
// forecast() gives (the same object for the same inputs); nothing outlives the memo.

import type { Result } from '@kpi/core';
import { forecast } from './forecast-engine.js';
import type { Forecast, ForecastOptions, SeriesInput } from './forecast-types.js';

/** forecast()'s signature: the plain function, or a memo of it. */
export type Forecaster = (
  series: SeriesInput,
  horizon: number,
  options?: ForecastOptions,
) => Result<Forecast>;

const keyOf = (series: SeriesInput, horizon: number, o: ForecastOptions): string => {
  const period = series.period === undefined ? '' : String(series.period);
  return `${horizon}|${o.method ?? ''}|${String(o.nonNegative)}|${String(o.calibrate)}|${period}|${series.values.join(',')}`;
};

/** A forecaster that fits each distinct (series, horizon, options) once. */
export const forecastMemo = (): Forecaster => {
  const seen = new Map<string, Result<Forecast>>();
  return (series, horizon, options = {}) => {
    const key = keyOf(series, horizon, options);
    const hit = seen.get(key);
    if (hit) return hit;
    const r = forecast(series, horizon, {
      ...(options.method === undefined ? {} : { method: options.method }),
      ...(options.nonNegative === undefined ? {} : { nonNegative: options.nonNegative }),
      ...(options.calibrate === undefined ? {} : { calibrate: options.calibrate }),
    });
    seen.set(key, r);
    return r;
  };
};
