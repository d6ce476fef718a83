// forecast(): the public entry point. Cleans the series, fits the candidate models, picks
// and combines them by their error on a holdout window at the end of the series, and
// calibrates the interval width per horizon step on rolling origins of the series itself.
// The bounds are Student-t quantiles of that width, with one degree of freedom per two
// horizons of history (short histories get heavier tails).
// Pure and deterministic. Every interval has a width (95%: at least ±1% of the last level).
// Invariant: never returns NaN; series that cannot support a forecast get a failed Result.

import type { Result } from '@kpi/core';
import { fail, issue, ok } from '@kpi/core';
import { mae, maseScale } from './accuracy-metrics.js';
import { candidateFitters } from './candidate-models.js';
import type { CandidateName } from './candidate-models.js';
import type { Forecast, ForecastOptions, SeriesInput } from './forecast-types.js';
import { combineForecasts } from './model-combination.js';
import type { FittedModel, ModelForecast } from './model-types.js';
import { studentQuantile, Z80, Z95 } from './normal-distribution.js';
import type { Fitter } from './seasonal-adjustment.js';
import { prepareSeries } from './series-preparation.js';

/**
 * Members of the combination: the best three by holdout error, within 2× of the best, with
 * equal weights (weights by inverse holdout error did worse on the tourism series' own last
 * windows, scripts/tourism-validation.mjs; four members did better there but worse on M4 weekly).
 */
const TOP_K = 3;
const WITHIN = 2;
/** Prior weight (in scored steps) pulling the interval scale towards the model's own. */
const CALIBRATION_PRIOR = 10;
/** Forecast origins scored for the interval scale (the holdout and earlier ones). */
const CALIBRATION_ORIGINS = 6;
/** Scored steps below which earlier origins are added. */
const MIN_SCORED = 24;

export const periodsOf = (s: SeriesInput): number[] =>
  (s.period === undefined ? [] : typeof s.period === 'number' ? [s.period] : [...s.period]).filter(
    (m) => Number.isInteger(m) && m > 1,
  );

interface Scored {
  readonly name: CandidateName;
  readonly fitter: Fitter;
  readonly fit: FittedModel;
  readonly error: number;
  readonly holdout: ModelForecast;
}

const holdoutScores = (
  y: Float64Array,
  fitters: ReadonlyMap<CandidateName, Fitter>,
  v: number,
  m: number,
): Scored[] => {
  const train = y.subarray(0, y.length - v);
  const actual = y.subarray(y.length - v);
  const scale = maseScale(train, m) || maseScale(train, 1) || 1;
  const out: Scored[] = [];
  for (const [name, fitter] of fitters) {
    const fit = fitter(train);
    if (fit === undefined) continue;
    const f = fit.forecast(v);
    const error = mae(actual, f.mean) / scale;
    if (Number.isFinite(error)) out.push({ name, fitter, fit, error, holdout: f });
  }
  return out.sort((a, b) => a.error - b.error);
};

/** Squared z-scores (capped at 25) of a forecast's errors, added per step to `sum` / `count`. */
const addZSquares = (
  actual: Float64Array,
  f: ModelForecast,
  sum: Float64Array,
  count: Float64Array,
): void => {
  for (let i = 0; i < actual.length; i++) {
    const sd = f.sd[i] as number;
    const e = (actual[i] as number) - (f.mean[i] as number);
    const z = sd > 0 ? e / sd : e === 0 ? 0 : 5;
    sum[i] = (sum[i] as number) + Math.min(z * z, 25);
    count[i] = (count[i] as number) + 1;
  }
};

/**
 * Interval scale per horizon step from rolling-origin errors on the series itself
 * (conformal-style): the members are refitted at earlier origins, each forecast scored
 * against what followed. The pooled scale is shrunk towards 1 by a prior worth
 * CALIBRATION_PRIOR steps; each step's scale towards the pooled one by the same weight.
 */
const calibrationScales = (
  y: Float64Array,
  members: readonly Scored[],
  v: number,
  minTrain: number,
): Float64Array => {
  const n = y.length;
  const sum = new Float64Array(v);
  const count = new Float64Array(v);
  addZSquares(y.subarray(n - v), combineForecasts(members.map((s) => s.holdout)), sum, count);
  const step = Math.max(1, Math.ceil(v / 2));
  // earlier origins only while the scored steps are few (short horizons): they cost refits
  for (let j = 1; j < CALIBRATION_ORIGINS && j * v < MIN_SCORED; j++) {
    const origin = n - v - j * step;
    if (origin < minTrain) break;
    const train = y.subarray(0, origin);
    const fits: ModelForecast[] = [];
    for (const s of members) {
      const fit = (s.fit.refit ?? s.fitter)(train);
      if (fit !== undefined) fits.push(fit.forecast(v));
    }
    if (fits.length !== members.length) continue;
    addZSquares(y.subarray(origin, origin + v), combineForecasts(fits), sum, count);
  }
  let total = 0;
  let scored = 0;
  for (let i = 0; i < v; i++) {
    total += sum[i] as number;
    scored += count[i] as number;
  }
  const pooled2 = (CALIBRATION_PRIOR + total) / (CALIBRATION_PRIOR + scored);
  // a step gets its own scale only when several origins scored it
  return sum.map((s, i) =>
    (count[i] as number) >= 3
      ? Math.sqrt((CALIBRATION_PRIOR * pooled2 + s) / (CALIBRATION_PRIOR + (count[i] as number)))
      : Math.sqrt(pooled2),
  );
};

/**
 * Degrees of freedom of the interval quantiles: widths are estimated from few, overlapping
 * rolling-origin errors, and the errors ahead are larger than those behind more often than
 * not, so the quantiles are Student-t with one degree of freedom per two horizons of history
 * (at least 3; a long history gets the normal ones back). The law was chosen on the tourism
 * and M4 series' own last windows (scripts/tourism-validation.mjs), never on the test years.
 */
export const intervalDegreesOfFreedom = (n: number, horizon: number): number =>
  Math.max(3, n / (2 * horizon));

/** The narrowest error sd: a constant series still gets an interval (95%: ±1% of its last level). */
const sdFloor = (level: number): number => (0.01 / Z95) * Math.abs(level);

export const forecast = (
  series: SeriesInput,
  horizon: number,
  options: ForecastOptions = {},
): Result<Forecast> => {
  if (!Number.isInteger(horizon) || horizon < 1)
    return fail([
      issue('forecast.horizon_invalid', `horizon must be a positive integer, got ${horizon}`, ['horizon']),
    ]);
  const prep = prepareSeries(series.values);
  if (!prep.ok) return prep;
  const { y, trailingGaps, nonNegative: observedNonNegative } = prep.value;
  const n = y.length;
  const steps = horizon + trailingGaps;
  const periods = periodsOf(series);
  const m = Math.min(...periods.filter((p) => n >= 2 * p), Number.MAX_SAFE_INTEGER);
  const seasonM = Number.isFinite(m) && m < Number.MAX_SAFE_INTEGER ? m : 1;
  const method = options.method ?? 'auto';
  const all = candidateFitters(periods);
  let fitters: Map<CandidateName, Fitter>;
  if (method === 'auto') fitters = new Map(all);
  else if (method === 'snaive') {
    const name = `snaive${Math.max(...periods, 1)}` as CandidateName;
    fitters = new Map([[name, all.get(name) ?? (all.get('naive2') as Fitter)]]);
  } else fitters = new Map([[method, all.get(method) as Fitter]]);
  const v = Math.min(steps, Math.floor(n / 4));
  const scored = v >= 2 && n - v >= 8 ? holdoutScores(y, fitters, v, seasonM) : [];
  const best = scored[0];
  const members = best ? scored.slice(0, TOP_K).filter((s) => s.error <= best.error * WITHIN + 1e-12) : [];
  // members refit their holdout specification (warm-started) on the full series
  const chosen: Fitter[] =
    members.length > 0 ? members.map((s) => s.fit.refit ?? s.fitter) : [...fitters.values()].slice(0, 3);
  const fits: ModelForecast[] = [];
  for (const fitter of chosen) {
    const fit = fitter(y);
    if (fit !== undefined) fits.push(fit.forecast(steps));
  }
  if (fits.length === 0)
    return fail([
      issue(
        'forecast.not_enough_data',
        `no model could be fitted to ${n} points`,
        ['values'],
        'wait for more data',
      ),
    ]);
  const combined = combineForecasts(fits);
  let scales = new Float64Array(steps).fill(1);
  if (options.calibrate !== false && members.length > 0 && members.length === fits.length) {
    const cal = calibrationScales(y, members, v, Math.max(8, n - v - 4 * v));
    // steps past the scored window keep the last scored step's scale
    scales = scales.map((_, i) => cal[Math.min(i, v - 1)] as number);
  }
  const df = options.calibrate === false ? Infinity : intervalDegreesOfFreedom(n, horizon);
  const z80 = studentQuantile(Z80, df);
  const z95 = studentQuantile(Z95, df);
  let k = 0;
  for (let i = trailingGaps; i < steps; i++) k += (scales[i] as number) / horizon;
  const nonNegative = options.nonNegative ?? observedNonNegative;
  const clip = (x: number): number => (nonNegative ? Math.max(0, x) : x);
  const pick = (a: Float64Array, f: (x: number, i: number) => number): number[] => {
    const out: number[] = [];
    for (let i = trailingGaps; i < steps; i++) out.push(f(a[i] as number, i));
    return out;
  };
  const level = y[n - 1] as number;
  const raw = pick(combined.sd, (s, i) => (Number.isFinite(s) ? s * (scales[i] as number) : 0));
  const floor = sdFloor(level);
  const sd = raw.map((s) => Math.max(s, floor));
  const mean = pick(combined.mean, clip);
  // a bound is the t quantile of the calibrated width, never nearer than the normal quantile
  // of the floor (95%: ±1% of the last level), so a constant series gets the flat ±1%
  const bound = (zt: number, zn: number) => (x: number, i: number) =>
    clip(
      x + Math.sign(zt) * Math.max(Math.abs(zt) * (raw[i - trailingGaps] as number), Math.abs(zn) * floor),
    );
  return ok({
    model: combined.model,
    horizon,
    mean,
    low80: pick(combined.mean, bound(-z80, -Z80)),
    high80: pick(combined.mean, bound(z80, Z80)),
    low95: pick(combined.mean, bound(-z95, -Z95)),
    high95: pick(combined.mean, bound(z95, Z95)),
    sd,
    psi: Array.from(combined.psi.subarray(0, horizon)),
    nonNegative,
    observations: prep.value.observed,
    calibration: k,
  });
};
