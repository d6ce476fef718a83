// ETS state-space recursions (Hyndman et al. 2008): error A/M, trend N/A/Ad, season N/A/M.
// Pure. Invariant: point recursions are the same for additive and multiplicative error given
// the error in y units; only the likelihood differs. Seasonal states sit in a ring buffer
// indexed by time mod period.

export type ErrorKind = 'A' | 'M';
export type TrendKind = 'N' | 'A' | 'Ad';
export type SeasonKind = 'N' | 'A' | 'M';

export interface EtsSpec {
  readonly error: ErrorKind;
  readonly trend: TrendKind;
  readonly season: SeasonKind;
  readonly period: number;
}

export interface EtsParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
}

/** Mutable filter state: level, trend and the seasonal ring buffer, at time `t`. */
export interface EtsState {
  level: number;
  trend: number;
  t: number;
  readonly season: Float64Array;
}

export const etsName = (s: EtsSpec): string => `ETS(${s.error},${s.trend},${s.season})`;

/**
 * Runs the filter over y, updating `state` in place. Returns the loss -2·loglik (up to a
 * constant): n·log(SSE/n) for additive error, plus 2·Σlog|ŷ| with relative errors for
 * multiplicative. Infinity when the model breaks (non-positive fit for M parts).
 */
export const etsFilter = (
  y: Float64Array,
  spec: EtsSpec,
  p: EtsParams,
  state: EtsState,
  residuals: Float64Array | null,
): number => {
  const n = y.length;
  const m = spec.period;
  const s = state.season;
  const hasTrend = spec.trend !== 'N';
  const damp = spec.trend === 'Ad' ? p.phi : 1;
  const { alpha, beta, gamma } = p;
  const multErr = spec.error === 'M';
  const sk = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  let l = state.level;
  let b = state.trend;
  let sse = 0;
  let sumLog = 0;
  let prod = 1;
  let k = state.t % m;
  for (let i = 0; i < n; i++, k = k + 1 === m ? 0 : k + 1) {
    const bt = hasTrend ? damp * b : 0;
    const base = l + bt;
    const si = sk === 0 ? 0 : (s[k] as number);
    const yhat = sk === 2 ? base * si : base + si;
    const e = (y[i] as number) - yhat;
    if (residuals !== null) residuals[i] = e;
    if (multErr) {
      if (!(yhat > 0)) return Infinity;
      const r = e / yhat;
      sse += r * r;
      // Σlog ŷ as the log of running products: one log call per ~16 steps
      prod *= yhat;
      if ((i & 15) === 15 || prod > 1e150 || prod < 1e-150) {
        sumLog += Math.log(prod);
        prod = 1;
      }
    } else sse += e * e;
    if (sk === 2) {
      if (!(si > 0) || !(base > 0)) return Infinity;
      l = base + (alpha * e) / si;
      b = bt + (beta * e) / si;
      s[k] = si + (gamma * e) / base;
    } else {
      l = base + alpha * e;
      b = bt + beta * e;
      if (sk === 1) s[k] = si + gamma * e;
    }
  }
  sumLog += Math.log(prod);
  state.level = l;
  state.trend = b;
  state.t += n;
  if (!Number.isFinite(sse)) return Infinity;
  return n * Math.log(Math.max(sse, 1e-300) / n) + 2 * sumLog;
};

/** Point forecasts 1..horizon from a state, without touching it. */
export const etsPointForecast = (
  spec: EtsSpec,
  p: EtsParams,
  state: EtsState,
  horizon: number,
): Float64Array => {
  const out = new Float64Array(horizon);
  const m = spec.period;
  let cum = 0;
  let pw = 1;
  for (let h = 0; h < horizon; h++) {
    if (spec.trend === 'Ad') {
      pw *= p.phi;
      cum += pw;
    } else cum = h + 1;
    const base = state.level + (spec.trend === 'N' ? 0 : cum * state.trend);
    const si = spec.season === 'N' ? 0 : (state.season[(state.t + h) % m] as number);
    out[h] = spec.season === 'M' ? base * si : base + si;
  }
  return out;
};

const copyState = (s: EtsState): EtsState => ({
  level: s.level,
  trend: s.trend,
  t: s.t,
  season: Float64Array.from(s.season),
});

/**
 * Impulse response psi (psi[0] = 1): how a shock in the next observation moves the forecasts
 * of the following steps, by linearising the recursion around the point forecast.
 */
export const etsPsi = (spec: EtsSpec, p: EtsParams, state: EtsState, horizon: number): Float64Array => {
  const psi = new Float64Array(horizon);
  if (horizon === 0) return psi;
  psi[0] = 1;
  if (horizon === 1) return psi;
  const first = etsPointForecast(spec, p, state, 1)[0] as number;
  const delta = 1e-4 * (Math.abs(first) + 1e-6);
  const a = copyState(state);
  const b = copyState(state);
  const spec1 = { ...spec, error: 'A' as const };
  etsFilter(Float64Array.of(first), spec1, p, a, null);
  etsFilter(Float64Array.of(first + delta), spec1, p, b, null);
  const fa = etsPointForecast(spec, p, a, horizon - 1);
  const fb = etsPointForecast(spec, p, b, horizon - 1);
  for (let j = 1; j < horizon; j++) psi[j] = ((fb[j - 1] as number) - (fa[j - 1] as number)) / delta;
  return psi;
};
