// Fitting a response curve to a daily (spend, outcome) history, with a block bootstrap for
// its uncertainty and an identifiability check before any fit. Pure.
// Method: a grid over decay × half-saturation (coarse, then refined around the best point);
// for each grid point the outcome is linear in (base, scale), solved by least squares with
// base >= 0 and scale > 0. The bootstrap resamples residuals in 14-day blocks (keeping
// weekly patterns and autocorrelation) and refits on the same grid.
// Invariant: a history whose spend never varied enough returns an issue with the reason
// (coefficient of variation and range), never a curve.

import { fail, issue, ok, type Result } from '@kpi/core';
import { createRandom } from '@kpi/forecast';
import { adstock, curveFitted, marginalResponse, saturation, type ResponseCurve } from './response-curve.js';

export interface SpendHistory {
  /** Daily spend, oldest first (0 on days without spend). */
  readonly spend: readonly number[];
  /** Daily outcome on the same days. */
  readonly outcome: readonly number[];
}

export interface FitOptions {
  /** Bootstrap resamples (default 100; 0 for none). */
  readonly resamples?: number;
  readonly seed?: number;
  /** Least spend coefficient of variation to attempt a fit (default 0.1). */
  readonly minVariation?: number;
  /** Least (p90 − p10) / median of daily spend to attempt a fit (default 0.25). */
  readonly minRange?: number;
}

export interface CurveFit {
  readonly curve: ResponseCurve;
  /** Bootstrap refits (empty with resamples: 0). */
  readonly draws: readonly ResponseCurve[];
  readonly days: number;
  /** Residual standard deviation per day. */
  readonly residualSd: number;
  readonly r2: number;
  readonly spendMean: number;
  readonly spendCv: number;
  readonly spendRange: number;
  /** Highest daily spend seen (the curve past it is an extrapolation). */
  readonly spendMax: number;
  /** False when returns had not visibly flattened over the spend seen. */
  readonly saturationSeen: boolean;
}

export const MIN_CURVE_DAYS = 56;
const DECAYS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
const COARSE = 28;
const LOW_MULT = 0.05;
const HIGH_MULT = 20;

const quantile = (sorted: Float64Array, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))] ?? 0;

interface GridPoint {
  readonly decay: number;
  readonly halfSat: number;
  readonly f: Float64Array;
  readonly sf: number;
  readonly sff: number;
}

const point = (spend: readonly number[], decay: number, halfSat: number): GridPoint => {
  const f = adstock(spend, decay);
  let sf = 0;
  let sff = 0;
  for (let i = 0; i < f.length; i++) {
    const v = saturation(f[i] as number, halfSat);
    f[i] = v;
    sf += v;
    sff += v * v;
  }
  return { decay, halfSat, f, sf, sff };
};

/** Best (base, scale) for a grid point by least squares, base >= 0; undefined when scale <= 0. */
const solve = (g: GridPoint, y: ArrayLike<number>, n: number, sy: number, syy: number) => {
  let sfy = 0;
  for (let i = 0; i < n; i++) sfy += (g.f[i] as number) * (y[i] as number);
  const det = n * g.sff - g.sf * g.sf;
  let base = det > 1e-12 ? (g.sff * sy - g.sf * sfy) / det : 0;
  let scale = det > 1e-12 ? (n * sfy - g.sf * sy) / det : 0;
  if (base < 0) {
    base = 0;
    scale = g.sff > 0 ? sfy / g.sff : 0;
  }
  if (!(scale > 0)) return undefined;
  const sse =
    syy - 2 * base * sy - 2 * scale * sfy + n * base * base + 2 * base * scale * g.sf + scale * scale * g.sff;
  return { base, scale, sse };
};

const best = (grid: readonly GridPoint[], y: ArrayLike<number>, n: number) => {
  let sy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sy += y[i] as number;
    syy += (y[i] as number) ** 2;
  }
  let top: { g: GridPoint; base: number; scale: number; sse: number } | undefined;
  for (const g of grid) {
    const s = solve(g, y, n, sy, syy);
    if (s && (!top || s.sse < top.sse)) top = { g, ...s };
  }
  return top && { ...top, syy, sy };
};

const asCurve = (b: { g: GridPoint; base: number; scale: number }): ResponseCurve => ({
  kind: 'adstock_saturation',
  decay: b.g.decay,
  halfSat: b.g.halfSat,
  scale: b.scale,
  base: b.base,
});

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Checks that spend varied enough to identify a curve; the issue says why not. */
export const checkIdentifiable = (
  h: SpendHistory,
  opts: FitOptions = {},
): Result<{ mean: number; cv: number; range: number }> => {
  const n = h.spend.length;
  if (n !== h.outcome.length)
    return fail([
      issue('curve.length_mismatch', `spend has ${n} days, outcome ${h.outcome.length}`, ['outcome']),
    ]);
  if (n < MIN_CURVE_DAYS)
    return fail([
      issue(
        'curve.too_little_history',
        `too little history (${n} days; a curve needs ${MIN_CURVE_DAYS})`,
        ['spend'],
        'import more days of spend and outcome',
      ),
    ]);
  const xs = Float64Array.from(h.spend).sort();
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (!(mean > 0))
    return fail([
      issue('curve.no_spend', 'no spend in the history', ['spend'], 'a curve needs days with spend'),
    ]);
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const cv = sd / mean;
  const median = quantile(xs, 0.5);
  const range = median > 0 ? (quantile(xs, 0.9) - quantile(xs, 0.1)) / median : Number.POSITIVE_INFINITY;
  if (cv < (opts.minVariation ?? 0.1) || range < (opts.minRange ?? 0.25))
    return fail([
      issue(
        'curve.flat_spend',
        `spend hardly varied (day-to-day variation ${pct(cv)}, middle 80% of days within ${pct(range)} of the median): the history cannot tell where returns flatten`,
        ['spend'],
        'vary the spend on purpose (for example ±30% for two weeks each way) and fit again',
      ),
    ]);
  return ok({ mean, cv, range });
};

/** Fits the curve and its bootstrap draws, or says why the history cannot identify one. */
export const fitResponseCurve = (h: SpendHistory, opts: FitOptions = {}): Result<CurveFit> => {
  const id = checkIdentifiable(h, opts);
  if (!id.ok) return id;
  const n = h.spend.length;
  const y = Float64Array.from(h.outcome);
  const scaleRef = id.value.mean;
  const coarse: GridPoint[] = [];
  for (const d of DECAYS)
    for (let j = 0; j < COARSE; j++) {
      const mult = LOW_MULT * (HIGH_MULT / LOW_MULT) ** (j / (COARSE - 1));
      coarse.push(point(h.spend, d, (scaleRef / (1 - d)) * mult));
    }
  const first = best(coarse, y, n);
  if (!first)
    return fail([
      issue(
        'curve.no_response',
        'the outcome does not rise with spend in this history',
        ['outcome'],
        'check that the outcome belongs to this spend',
      ),
    ]);
  // Refine around the best coarse point: decay ±0.05, half-saturation between its neighbours.
  const step = (HIGH_MULT / LOW_MULT) ** (1 / (COARSE - 1));
  const grid = [...coarse];
  for (const dd of [-0.05, 0, 0.05]) {
    const d = first.g.decay + dd;
    if (d < 0 || d > 0.85) continue;
    for (let j = -4; j <= 4; j++) grid.push(point(h.spend, d, first.g.halfSat * step ** (j / 4)));
  }
  const top = best(grid, y, n) ?? first;
  const curve = asCurve(top);
  const fitted = curveFitted(curve, h.spend);
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) resid[i] = (y[i] as number) - (fitted[i] as number);
  const sst = top.syy - (top.sy * top.sy) / n;
  const residualSd = Math.sqrt(Math.max(0, top.sse) / Math.max(1, n - 4));
  const draws: ResponseCurve[] = [];
  const rng = createRandom(opts.seed ?? 17);
  const block = 14;
  const ys = new Float64Array(n);
  for (let b = 0; b < (opts.resamples ?? 100); b++) {
    for (let i = 0; i < n; i += block) {
      const from = Math.floor(rng.uniform() * n);
      for (let j = 0; j < block && i + j < n; j++)
        ys[i + j] = (fitted[i + j] as number) + (resid[(from + j) % n] as number);
    }
    const s = best(grid, ys, n);
    if (s) draws.push(asCurve(s));
  }
  const spendMax = Math.max(...h.spend);
  // Saturation is seen when, at the highest spend seen, a euro returns under 70% of the first euro.
  const saturationSeen = marginalResponse(curve, spendMax) <= 0.7 * marginalResponse(curve, 0);
  return ok({
    curve,
    draws,
    days: n,
    residualSd,
    r2: sst > 0 ? 1 - top.sse / sst : 0,
    spendMean: id.value.mean,
    spendCv: id.value.cv,
    spendRange: id.value.range,
    spendMax,
    saturationSeen,
  });
};
