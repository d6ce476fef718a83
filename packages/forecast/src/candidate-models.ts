// The candidate pipelines the automatic forecaster chooses from, each a fitter over the
// cleaned series: ETS (seasonal when a short period is significant), Theta, the optimised
// Theta method (series with at most one period), damped trend,
// SES and naive on the seasonally adjusted series, and seasonal naive per period. Pure.
// Invariant: long periods (> 24) and secondary periods are always handled by decomposition.

import { autoEts, fitEts, seasonKindFor } from './ets-fit.js';
import type { FittedModel } from './model-types.js';
import { fitDrift, fitSeasonalNaive } from './naive-models.js';
import { withSeasonalAdjustment } from './seasonal-adjustment.js';
import type { Fitter } from './seasonal-adjustment.js';
import { isSeasonal } from './seasonal-decomposition.js';
import { fitOptimisedTheta, fitTheta } from './theta-model.js';

export type CandidateName =
  'ets' | 'theta' | 'otm' | 'damped' | 'ses' | 'naive2' | 'drift' | `snaive${number}`;

/** Longest period ETS may model itself; longer ones go through decomposition. */
export const MAX_ETS_PERIOD = 24;

const damped: Fitter = (y) => fitEts(y, { error: 'A', trend: 'Ad', season: 'N', period: 1 });
const ses: Fitter = (y) => fitEts(y, { error: 'A', trend: 'N', season: 'N', period: 1 });
const naive: Fitter = (y) => fitSeasonalNaive(y, 1);

/** ETS with its own seasonality for the longest short period that tests seasonal. */
export const fitEtsPipeline = (y: Float64Array, periods: readonly number[]): FittedModel | undefined => {
  const short = periods
    .filter((m) => m > 1 && m <= MAX_ETS_PERIOD && y.length >= 3 * m && isSeasonal(y, m))
    .sort((a, b) => b - a)[0];
  if (short === undefined) return withSeasonalAdjustment((x) => autoEts(x), y, periods);
  const others = periods.filter((m) => m !== short && m > 1);
  const inner: Fitter = (x) => {
    const season = seasonKindFor(x, short);
    return autoEts(x, { period: short, seasons: [season], multiplicativeError: season === 'M' });
  };
  // remove the other periods by decomposition, then let ETS model the short one
  return others.length === 0 ? inner(y) : withSeasonalAdjustment(inner, y, others);
};

export const candidateFitters = (periods: readonly number[]): ReadonlyMap<CandidateName, Fitter> => {
  const map = new Map<CandidateName, Fitter>();
  map.set('ets', (y) => fitEtsPipeline(y, periods));
  map.set('theta', (y) => withSeasonalAdjustment(fitTheta, y, periods));
  // the optimised Theta method helps single-period series (tourism); on hourly series with
  // two periods it made M4 hourly slightly worse, so it is not offered there
  if (periods.filter((m) => m > 1).length <= 1)
    map.set('otm', (y) => withSeasonalAdjustment(fitOptimisedTheta, y, periods));
  map.set('damped', (y) => withSeasonalAdjustment(damped, y, periods));
  map.set('ses', (y) => withSeasonalAdjustment(ses, y, periods));
  map.set('naive2', (y) => withSeasonalAdjustment(naive, y, periods));
  map.set('drift', (y) => fitDrift(y));
  for (const m of periods)
    if (m > 1) map.set(`snaive${m}`, (y) => (y.length >= 2 * m ? fitSeasonalNaive(y, m) : undefined));
  return map;
};
