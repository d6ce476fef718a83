// Forecasts of ratio KPIs (CTR, conversion rate) from their numerator and denominator:
// each component is forecast on its own, joint paths are simulated with correlated errors
// (fixed seed), and the ratio is taken per path, so it never leaves [0, 1] for rates. Pure.
// Invariant: the period ratio is Σnumerator / Σdenominator (plus what is already achieved),
// never an average of per-step ratios; a group (a span of steps, e.g. the week holding a
// deadline) is judged the same way: its Σnumerator / Σdenominator per path.

import type { Result } from '@kpi/core';
import { fail, ok } from '@kpi/core';
import { forecast } from './forecast-engine.js';
import type { Forecast, ForecastOptions, SeriesInput } from './forecast-types.js';
import { createRandom } from './random-source.js';

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

/** What a forecast's error paths need, read once: psi as a typed array and the scale of each step. */
interface PathShape {
  readonly horizon: number;
  readonly psi: Float64Array;
  readonly scale: Float64Array;
}

const pathShape = (fc: Forecast): PathShape => {
  const psi = new Float64Array(fc.horizon);
  const scale = new Float64Array(fc.horizon);
  let acc = 0;
  for (let a = 0; a < fc.horizon; a++) {
    const p = fc.psi[a] ?? 0;
    psi[a] = p;
    acc += p * p;
    scale[a] = acc > 0 ? (fc.sd[a] ?? 0) / Math.sqrt(acc) : 0;
  }
  return { horizon: fc.horizon, psi, scale };
};

/** One simulated error path of a forecast for shocks z (unit normal), via psi and sd. */
const pathErrors = (shape: PathShape, z: Float64Array, out: Float64Array): void => {
  const { psi, scale } = shape;
  for (let a = 0; a < shape.horizon; a++) {
    let e = 0;
    for (let i = 0; i <= a; i++) e += (psi[a - i] as number) * (z[i] as number);
    out[a] = (scale[a] as number) * e;
  }
};

export const forecastRatio = (
  numerator: SeriesInput,
  denominator: SeriesInput,
  horizon: number,
  options: RatioOptions = {},
): Result<RatioForecast> => {
  const num = forecast(numerator, horizon, options);
  const den = forecast(denominator, horizon, options);
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
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < horizon; i++) {
      const a = rnd.normal();
      zn[i] = a;
      zd[i] = rho * a + Math.sqrt(1 - rho * rho) * rnd.normal();
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
