// Backtesting: replays the last origins of a series as if they were the future and reports
// the errors of forecast() there, so a team can see how far to trust it on its own data.
// Pure. Invariant: each origin's forecast sees only the data before the origin.

import type { Result } from '@kpi/core';
import { fail, issue, ok } from '@kpi/core';
import { coverage, mae, maseScale, smape } from './accuracy-metrics.js';
import { forecast, periodsOf } from './forecast-engine.js';
import type { ForecastOptions, SeriesInput } from './forecast-types.js';

export interface BacktestOrigin {
  /** Index of the first forecast point. */
  readonly origin: number;
  readonly model: string;
  readonly actual: readonly (number | null)[];
  readonly mean: readonly number[];
  readonly mae: number;
  readonly smape: number;
  readonly mase: number;
  readonly coverage80: number;
  readonly coverage95: number;
}

export interface BacktestReport {
  readonly origins: readonly BacktestOrigin[];
  /** Means over the origins. */
  readonly mae: number;
  readonly smape: number;
  readonly mase: number;
  readonly coverage80: number;
  readonly coverage95: number;
}

export interface BacktestOptions extends ForecastOptions {
  readonly horizon: number;
  /** Number of forecast origins (default 3). */
  readonly origins?: number;
  /** Steps between origins (default horizon). */
  readonly step?: number;
}

const avg = (xs: number[]): number => {
  const ok = xs.filter(Number.isFinite);
  return ok.length > 0 ? ok.reduce((a, b) => a + b, 0) / ok.length : Number.NaN;
};

export const backtest = (series: SeriesInput, options: BacktestOptions): Result<BacktestReport> => {
  const { horizon } = options;
  const count = options.origins ?? 3;
  const step = options.step ?? horizon;
  const n = series.values.length;
  const m = Math.min(...periodsOf(series), Number.MAX_SAFE_INTEGER);
  const out: BacktestOrigin[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const origin = n - horizon - k * step;
    if (origin < 1) continue;
    const train = series.values.slice(0, origin);
    const f = forecast({ ...series, values: train }, horizon, options);
    if (!f.ok) continue;
    const actual = series.values.slice(origin, origin + horizon);
    const act = actual.map((v) => (v == null ? Number.NaN : v));
    const clean = train.map((v) => (v == null ? Number.NaN : v));
    const scale = maseScale(clean, m < Number.MAX_SAFE_INTEGER && origin >= 2 * m ? m : 1);
    out.push({
      origin,
      model: f.value.model,
      actual,
      mean: f.value.mean,
      mae: mae(act, f.value.mean),
      smape: smape(act, f.value.mean),
      mase: scale > 0 ? mae(act, f.value.mean) / scale : Number.NaN,
      coverage80: coverage(act, f.value.low80, f.value.high80),
      coverage95: coverage(act, f.value.low95, f.value.high95),
    });
  }
  if (out.length === 0)
    return fail([
      issue(
        'forecast.backtest.not_enough_data',
        `${n} points are too few to backtest a ${horizon}-step forecast`,
        ['values'],
        'use fewer origins or a shorter horizon',
      ),
    ]);
  return ok({
    origins: out,
    mae: avg(out.map((o) => o.mae)),
    smape: avg(out.map((o) => o.smape)),
    mase: avg(out.map((o) => o.mase)),
    coverage80: avg(out.map((o) => o.coverage80)),
    coverage95: avg(out.map((o) => o.coverage95)),
  });
};
