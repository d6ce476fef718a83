// Forecasts of ratio KPIs (CTR, conversion rate) from their numerator and denominator:
// each component is forecast on its own, joint paths are simulated with correlated errors
// (fixed seed), and the ratio is taken per path, so it never leaves [0, 1] for rates. Pure.
// Invariant: the period ratio is Σnumerator / Σdenominator (plus what is already achieved),
// never an average of per-step ratios; a group (a span of steps, e.g. the week holding a
// deadline) is judged the same way: its Σnumerator / Σdenominator per path.

import type { Result } from '@kpi/core';
import { fail, ok } from '@kpi/core';
import { forecast } from './forecast-engine.js';
import type { Forecaster } from './forecast-memo.js';
import type { Forecast, ForecastOptions, SeriesInput } from './forecast-types.js';
import { createRandom } from './random-source.js';
import { pathErrors, pathShape, type PathShape } from './error-paths.js';

export interface RatioForecast {
  readonly numerator: Forecast;
  readonly denominator: Forecast;
  /** Per-step ratio: median and intervals from the simulated paths. */
  readonly median: readonly number[];
  readonly low80: readonly number[];
  readonly high80: readonly number[];
  readonly low95: readonly number[];
  readonly high95: readonly number[];
  /** Sorted simulated values of (achieved + Σnum) / (achieved + Σden) over the horizon. */
  readonly totalSamples: readonly number[];
  /** Per group asked for: sorted simulated values of its (achieved + Σnum) / (achieved + Σden). */
  readonly groupSamples: readonly (readonly number[])[];
}

/** A span of steps whose ratio is wanted, with what its days already hold. */
export interface RatioGroup {
  /** First and last step index (0 = the first forecast step), inclusive; to < from: nothing ahead. */
  readonly from: number;
  readonly to: number;
  readonly achievedNumerator?: number;
  readonly achievedDenominator?: number;
}

export interface RatioOptions extends ForecastOptions {
  readonly achievedNumerator?: number;
  readonly achievedDenominator?: number;
  /** Clamp to [0, 1] (default: true when every observed ratio lies in [0, 1]). */
  readonly bounded?: boolean;
  readonly samples?: number;
  readonly seed?: number;
  readonly groups?: readonly RatioGroup[];
  /** false: skip the per-step quantiles (median, low/high 80 and 95 come back empty) when only totals and groups are read. */
  readonly perStep?: boolean;
  /** Fits the two components (default: forecast itself; a forecastMemo shares fits across a batch). */
  readonly forecaster?: Forecaster;
}

const diffCorrelation = (a: readonly (number | null)[], b: readonly (number | null)[]): number => {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = 1; t < Math.min(a.length, b.length); t++) {
    const [a0, a1, b0, b1] = [a[t - 1], a[t], b[t - 1], b[t]];
    if (a0 == null || a1 == null || b0 == null || b1 == null) continue;
    xs.push(a1 - a0);
    ys.push(b1 - b0);
  }
  const n = xs.length;
  if (n < 3) return 0;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? Math.max(-0.99, Math.min(0.99, sxy / Math.sqrt(sxx * syy))) : 0;
};

const quantile = (sorted: Float64Array, p: number): number => {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i] as number;
};

/**
 * Per step a, mean_a / sd_a (Infinity when sd_a is 0; 0 when the mean is not positive).
 * By Cauchy-Schwarz |e_a| = scale_a·|Σ_{i<=a} psi_{a-i} z_i| <= sd_a·sqrt(Σ_{i<=a} z_i²)
 * (sd_a = scale_a·sqrt(Σ_{j<=a} psi_j²)), so a path whose running shock norm stays within
 * these ratios never takes a step below zero: the clamp never acts, its sums are linear.
 */
const clampRoom = (fc: Forecast, shape: PathShape): Float64Array => {
  const room = new Float64Array(shape.horizon);
  let acc = 0;
  for (let a = 0; a < shape.horizon; a++) {
    const p = shape.psi[a] as number;
    acc += p * p;
    const sd = (shape.scale[a] as number) * Math.sqrt(acc);
    const mean = fc.mean[a] as number;
    room[a] = !(mean > 0) ? 0 : sd > 0 ? mean / sd : Infinity;
  }
  return room;
};

/** Whether the running norm of the shocks stays within the room at every step. */
const withinRoom = (z: Float64Array, room: Float64Array): boolean => {
  let ss = 0;
  for (let a = 0; a < z.length; a++) {
    const v = z[a] as number;
    ss += v * v;
    const r = room[a] as number;
    if (ss > r * r) return false;
  }
  return true;
};

/**
 * Weights w with Σ_{a in from..to} e_a = Σ_i w_i·z_i for the error paths of pathErrors:
 * w_i = Σ_{a = max(i, from)}^{to} scale_a·psi_{a-i}.
 */
const sumWeights = (shape: PathShape, from: number, to: number): Float64Array => {
  const w = new Float64Array(shape.horizon);
  const last = Math.min(shape.horizon - 1, to);
  for (let i = 0; i <= last; i++) {
    let acc = 0;
    for (let a = Math.max(i, from); a <= last; a++)
      acc += (shape.scale[a] as number) * (shape.psi[a - i] as number);
    w[i] = acc;
  }
  return w;
};

const meanSum = (fc: Forecast, from: number, to: number): number => {
  let acc = 0;
  for (let a = Math.max(0, from); a <= Math.min(fc.horizon - 1, to); a++) acc += fc.mean[a] as number;
  return acc;
};

const dot = (a: Float64Array, b: Float64Array): number => {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += (a[i] as number) * (b[i] as number);
  return acc;
};

export const forecastRatio = (
  numerator: SeriesInput,
  denominator: SeriesInput,
  horizon: number,
  options: RatioOptions = {},
): Result<RatioForecast> => {
  const fit = options.forecaster ?? forecast;
  const num = fit(numerator, horizon, options);
  const den = fit(denominator, horizon, options);
  if (!num.ok || !den.ok) return fail([...(num.ok ? [] : num.issues), ...(den.ok ? [] : den.issues)]);
  const ratios = numerator.values.map((v, i) => {
    const d = denominator.values[i];
    return v != null && d != null && d !== 0 ? v / d : null;
  });
  const bounded = options.bounded ?? ratios.every((r) => r == null || (r >= 0 && r <= 1));
  const rho = diffCorrelation(numerator.values, denominator.values);
  const S = options.samples ?? 2000;
  const rnd = createRandom(options.seed ?? 42);
  const zn = new Float64Array(horizon);
  const zd = new Float64Array(horizon);
  const en = new Float64Array(horizon);
  const ed = new Float64Array(horizon);
  const perStep = options.perStep ?? true;
  const per = perStep ? Array.from({ length: horizon }, () => new Float64Array(S)) : [];
  const numShape = pathShape(num.value);
  const denShape = pathShape(den.value);
  const totals = new Float64Array(S);
  const groups = options.groups ?? [];
  const groupTotals = groups.map(() => new Float64Array(S));
  const pathNum = new Float64Array(horizon);
  const pathDen = new Float64Array(horizon);
  const clampRatio = (r: number): number => (bounded ? Math.min(1, Math.max(0, r)) : r);
  // Without per-step quantiles, a path none of whose steps can go below zero (its shocks
  // within the room of both forecasts) has sums that are dot products of its shocks
  // with weights computed once: O(horizon) instead of O(horizon²), the same draws, the
  // same sums up to rounding. Other paths are summed step by step.
  const spans = [{ from: 0, to: horizon - 1 }, ...groups.map((g) => ({ from: g.from, to: g.to }))];
  const linear = !perStep;
  const numRoom = linear ? clampRoom(num.value, numShape) : new Float64Array(0);
  const denRoom = linear ? clampRoom(den.value, denShape) : new Float64Array(0);
  const wn = linear ? spans.map((g) => sumWeights(numShape, g.from, g.to)) : [];
  const wd = linear ? spans.map((g) => sumWeights(denShape, g.from, g.to)) : [];
  const mn = spans.map((g) => meanSum(num.value, g.from, g.to));
  const md = spans.map((g) => meanSum(den.value, g.from, g.to));
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < horizon; i++) {
      const a = rnd.normal();
      zn[i] = a;
      zd[i] = rho * a + Math.sqrt(1 - rho * rho) * rnd.normal();
    }
    if (linear && withinRoom(zn, numRoom) && withinRoom(zd, denRoom)) {
      const sn = (options.achievedNumerator ?? 0) + (mn[0] as number) + dot(zn, wn[0] as Float64Array);
      const sd = (options.achievedDenominator ?? 0) + (md[0] as number) + dot(zd, wd[0] as Float64Array);
      totals[s] = sd > 0 ? clampRatio(sn / sd) : 0;
      for (let j = 0; j < groups.length; j++) {
        const g = groups[j] as RatioGroup;
        const gn = (g.achievedNumerator ?? 0) + (mn[j + 1] as number) + dot(zn, wn[j + 1] as Float64Array);
        const gd = (g.achievedDenominator ?? 0) + (md[j + 1] as number) + dot(zd, wd[j + 1] as Float64Array);
        (groupTotals[j] as Float64Array)[s] = gd > 0 ? clampRatio(gn / gd) : Number.NaN;
      }
      continue;
    }
    pathErrors(numShape, zn, en);
    pathErrors(denShape, zd, ed);
    let sn = options.achievedNumerator ?? 0;
    let sd = options.achievedDenominator ?? 0;
    for (let i = 0; i < horizon; i++) {
      const a = Math.max(0, (num.value.mean[i] as number) + (en[i] as number));
      const b = Math.max(0, (den.value.mean[i] as number) + (ed[i] as number));
      sn += a;
      sd += b;
      pathNum[i] = a;
      pathDen[i] = b;
      if (perStep) (per[i] as Float64Array)[s] = b > 0 ? clampRatio(a / b) : 0;
    }
    totals[s] = sd > 0 ? clampRatio(sn / sd) : 0;
    for (let j = 0; j < groups.length; j++) {
      const g = groups[j] as RatioGroup;
      let gn = g.achievedNumerator ?? 0;
      let gd = g.achievedDenominator ?? 0;
      for (let i = Math.max(0, g.from); i <= Math.min(horizon - 1, g.to); i++) {
        gn += pathNum[i] as number;
        gd += pathDen[i] as number;
      }
      (groupTotals[j] as Float64Array)[s] = gd > 0 ? clampRatio(gn / gd) : Number.NaN;
    }
  }
  const q = (p: number): number[] => per.map((col) => quantile(col, p));
  for (const col of per) col.sort();
  totals.sort();
  for (const g of groupTotals) g.sort();
  return ok({
    numerator: num.value,
    denominator: den.value,
    median: q(0.5),
    low80: q(0.1),
    high80: q(0.9),
    low95: q(0.025),
    high95: q(0.975),
    totalSamples: Array.from(totals),
    groupSamples: groupTotals.map((g) => Array.from(g).filter((x) => Number.isFinite(x))),
  });
};

/** P(period ratio >= target) (or <= when atMost) from the simulated totals. */
export const ratioProbability = (
  rf: RatioForecast,
  target: number,
  atMost = false,
  samples: readonly number[] = rf.totalSamples,
): number => {
  const xs = samples;
  if (xs.length === 0) return Number.NaN;
  let k = 0;
  for (const x of xs) if (atMost ? x <= target : x >= target) k++;
  return k / xs.length;
};
