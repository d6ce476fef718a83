// Fits ETS models by maximum likelihood (Nelder–Mead on smoothing parameters and initial
// level/trend) and selects among them by AICc. Pure.
// Invariant: data are rescaled by their mean absolute value before fitting, so the
// optimiser always works on O(1) numbers; forecasts are returned in the original units.

import { etsFilter, etsName, etsPointForecast, etsPsi } from './ets-model.js';
import type { EtsParams, EtsSpec, EtsState, SeasonKind, TrendKind } from './ets-model.js';
import type { FittedModel, ModelForecast } from './model-types.js';
import { minimize } from './nelder-mead.js';

interface Layout {
  readonly hasBeta: boolean;
  readonly hasGamma: boolean;
  readonly hasPhi: boolean;
}

const layoutOf = (spec: EtsSpec): Layout => ({
  hasBeta: spec.trend !== 'N',
  hasGamma: spec.season !== 'N',
  hasPhi: spec.trend === 'Ad',
});

/** Initial seasonal indices from up to four cycles around a centred moving average. */
const initialSeason = (y: Float64Array, m: number, kind: SeasonKind): Float64Array => {
  const s = new Float64Array(m).fill(kind === 'M' ? 1 : 0);
  if (kind === 'N') return s;
  const cycles = Math.min(Math.floor(y.length / m), 4);
  const len = cycles * m;
  const half = Math.floor(m / 2);
  const sum = new Float64Array(m);
  const cnt = new Float64Array(m);
  for (let t = half; t + half < len; t++) {
    let ma = 0;
    if (m % 2 === 0) {
      for (let j = -half; j <= half; j++) ma += (y[t + j] as number) * (Math.abs(j) === half ? 0.5 : 1);
    } else for (let j = -half; j <= half; j++) ma += y[t + j] as number;
    ma /= m;
    const v = kind === 'M' ? (y[t] as number) / ma : (y[t] as number) - ma;
    sum[t % m] = (sum[t % m] as number) + v;
    cnt[t % m] = (cnt[t % m] as number) + 1;
  }
  let tot = 0;
  for (let k = 0; k < m; k++) {
    s[k] = (cnt[k] as number) > 0 ? (sum[k] as number) / (cnt[k] as number) : kind === 'M' ? 1 : 0;
    tot += s[k] as number;
  }
  const avg = tot / m;
  for (let k = 0; k < m; k++) s[k] = kind === 'M' ? (s[k] as number) / avg : (s[k] as number) - avg;
  return s;
};

const initialLevelTrend = (y: Float64Array, season: Float64Array, spec: EtsSpec): [number, number] => {
  const m = spec.season === 'N' ? 1 : spec.period;
  const adj = (t: number): number => {
    const v = y[t] as number;
    if (spec.season === 'N') return v;
    return spec.season === 'M' ? v / (season[t % m] as number) : v - (season[t % m] as number);
  };
  const k = Math.min(y.length, Math.max(m === 1 ? 10 : 2 * m, 2));
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < k; t++) {
    const v = adj(t);
    sx += t;
    sy += v;
    sxx += t * t;
    sxy += t * v;
  }
  const den = k * sxx - sx * sx;
  const slope = den > 0 ? (k * sxy - sx * sy) / den : 0;
  const intercept = (sy - slope * sx) / k;
  return spec.trend === 'N' ? [m === 1 ? adj(0) : sy / k, 0] : [intercept - slope, slope];
};

const unpack = (x: Float64Array, lay: Layout): EtsParams => {
  let i = 1;
  const alpha = x[0] as number;
  const beta = lay.hasBeta ? (x[i++] as number) : 0;
  const gamma = lay.hasGamma ? (x[i++] as number) : 0;
  const phi = lay.hasPhi ? (x[i++] as number) : 1;
  return { alpha, beta, gamma, phi };
};

const violation = (p: EtsParams, lay: Layout): number => {
  const lo = 1e-4;
  let v = 0;
  v += Math.max(0, lo - p.alpha) + Math.max(0, p.alpha - (1 - lo));
  if (lay.hasBeta) v += Math.max(0, lo - p.beta) + Math.max(0, p.beta - p.alpha);
  if (lay.hasGamma) v += Math.max(0, lo - p.gamma) + Math.max(0, p.gamma - (1 - p.alpha));
  if (lay.hasPhi) v += Math.max(0, 0.8 - p.phi) + Math.max(0, p.phi - 0.98);
  return v;
};

/** A fitted ETS model with its smoothing parameters (in the units of the data). */
export interface EtsFitted extends FittedModel {
  readonly spec: EtsSpec;
  readonly params: EtsParams;
}

/** Fits one ETS specification; undefined when the data cannot support it. */
export const fitEts = (y: Float64Array, spec: EtsSpec, warm?: EtsParams): EtsFitted | undefined => {
  const n = y.length;
  const m = spec.period;
  const lay = layoutOf(spec);
  const positive = y.every((v) => v > 0);
  if ((spec.error === 'M' || spec.season === 'M') && !positive) return undefined;
  if (spec.season !== 'N' && (m < 2 || n < 2 * m + 2)) return undefined;
  const nParams = 1 + (lay.hasBeta ? 2 : 0) + (lay.hasGamma ? m : 0) + (lay.hasPhi ? 1 : 0) + 1 + 1;
  if (n - nParams - 1 <= 0 || n < 4) return undefined;
  let c = 0;
  for (let t = 0; t < n; t++) c += Math.abs(y[t] as number);
  c = c / n || 1;
  const ys = y.map((v) => v / c);
  const s0 = initialSeason(ys, m, spec.season);
  const [l0, b0] = initialLevelTrend(ys, s0, spec);
  const near = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
  const start: number[] = [warm ? near(warm.alpha, 0.01, 0.95) : 0.2];
  const step: number[] = [warm ? 0.05 : 0.15];
  const add = (x: number, dx: number): void => {
    start.push(x);
    step.push(dx);
  };
  const a0 = start[0] as number;
  if (lay.hasBeta) add(warm ? near(warm.beta, 0.001, a0 * 0.9) : 0.02, 0.02);
  if (lay.hasGamma) add(warm ? near(warm.gamma, 0.001, 0.9 - a0) : 0.05, 0.05);
  if (lay.hasPhi) add(warm ? near(warm.phi, 0.81, 0.97) : 0.95, 0.02);
  const nSmooth = start.length;
  add(l0, 0.1 * Math.abs(l0) + 0.01);
  if (lay.hasBeta) add(b0, 0.01 + 0.1 * Math.abs(b0));
  const state: EtsState = { level: 0, trend: 0, t: 0, season: new Float64Array(m) };
  const objective = (x: Float64Array): number => {
    const p = unpack(x, lay);
    const v = violation(p, lay);
    if (v > 0) return 1e10 * (1 + v);
    state.level = x[nSmooth] as number;
    state.trend = lay.hasBeta ? (x[nSmooth + 1] as number) : 0;
    state.t = 0;
    state.season.set(s0);
    return etsFilter(ys, spec, p, state, null);
  };
  const best = minimize(objective, start, { step, maxEvaluations: 60 * start.length + 100, tolerance: 1e-7 });
  if (!(best.value < 1e9)) return undefined;
  const params = unpack(best.x, lay);
  const final: EtsState = {
    level: best.x[nSmooth] as number,
    trend: lay.hasBeta ? (best.x[nSmooth + 1] as number) : 0,
    t: 0,
    season: Float64Array.from(s0),
  };
  const resid = new Float64Array(n);
  const loss = etsFilter(ys, spec, params, final, resid);
  const fitted = new Float64Array(n);
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const e = resid[t] as number;
    fitted[t] = (ys[t] as number) - e;
    const r = spec.error === 'M' ? e / (fitted[t] as number) : e;
    sse += r * r;
    resid[t] = e * c;
  }
  const sigma = Math.sqrt(sse / Math.max(n - nParams, 1));
  const aic = loss + 2 * nParams;
  const aicc = aic + (2 * nParams * (nParams + 1)) / (n - nParams - 1);
  const forecast = (horizon: number): ModelForecast => {
    const mean = etsPointForecast(spec, params, final, horizon);
    const psi = etsPsi(spec, params, final, horizon);
    const sd = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      let v = 0;
      for (let i = 0; i <= h; i++) {
        const shock = spec.error === 'M' ? sigma * (mean[i] as number) : sigma;
        const w = (psi[h - i] as number) * shock;
        v += w * w;
      }
      sd[h] = Math.sqrt(v) * c;
    }
    for (let h = 0; h < horizon; h++) mean[h] = (mean[h] as number) * c;
    return { model: etsName(spec), mean, sd, psi };
  };
  const refit = (y2: Float64Array): EtsFitted | undefined => fitEts(y2, spec, params);
  return { model: etsName(spec), aicc, residuals: resid, forecast, refit, spec, params };
};

/**
 * Multiplicative when the series is positive and a multiplicative decomposition leaves a
 * smaller relative residual than an additive one; else additive. Lets the automatic search
 * skip half of the seasonal models.
 */
export const seasonKindFor = (y: Float64Array, m: number): SeasonKind => {
  if (!y.every((v) => v > 0)) return 'A';
  const mult = initialSeason(y, m, 'M');
  const add = initialSeason(y, m, 'A');
  let level = 0;
  for (const v of y) level += v;
  level /= y.length;
  let sm = 0;
  let sa = 0;
  for (let t = m; t < y.length; t++) {
    const a = (y[t] as number) / (mult[t % m] as number);
    const b = (y[t - m] as number) / (mult[(t - m) % m] as number);
    sm += ((a - b) / level) ** 2;
    const c = (y[t] as number) - (add[t % m] as number);
    const d = (y[t - m] as number) - (add[(t - m) % m] as number);
    sa += ((c - d) / level) ** 2;
  }
  return sm <= sa ? 'M' : 'A';
};

export interface AutoEtsOptions {
  readonly period?: number;
  readonly trends?: readonly TrendKind[];
  readonly seasons?: readonly SeasonKind[];
  readonly multiplicativeError?: boolean;
}

/** Fits every admissible ETS model and keeps the one with the lowest AICc. */
export const autoEts = (y: Float64Array, options: AutoEtsOptions = {}): EtsFitted | undefined => {
  const m = options.period ?? 1;
  const trends = options.trends ?? (['N', 'A', 'Ad'] as const);
  const seasons = m > 1 ? (options.seasons ?? (['N', 'A', 'M'] as const)) : (['N'] as const);
  const errors = options.multiplicativeError === false ? (['A'] as const) : (['A', 'M'] as const);
  let best: EtsFitted | undefined;
  for (const error of errors)
    for (const trend of trends)
      for (const season of seasons) {
        if (error === 'A' && season === 'M') continue;
        const fit = fitEts(y, { error, trend, season, period: season === 'N' ? 1 : m });
        if (fit && (best === undefined || fit.aicc < best.aicc)) best = fit;
      }
  return best;
};
