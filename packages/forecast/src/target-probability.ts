// The distribution of a forecast's level at a step or of its sum over steps, and the
// probability of hitting a target from it. Pure.
// Invariant: errors at different steps are correlated through shared shocks (psi), so the
// variance of a sum is Σ_i (Σ_{a>=i} c_a·psi_{a-i})², not the sum of per-step variances.
// Invariant: a sum of a non-negative series never falls below what is already achieved:
// its bounds are floored there, and so is its probability (P(X >= t) = 1 for t <= floor).

import type { Forecast } from './forecast-types.js';
import { normalCdf, Z80, Z95 } from './normal-distribution.js';

export interface Distribution {
  readonly mean: number;
  readonly sd: number;
  readonly low80: number;
  readonly high80: number;
  readonly low95: number;
  readonly high95: number;
  /** The least value possible (a count's total so far, 0 for a count); absent when unbounded. */
  readonly floor?: number;
}

const gaussian = (mean: number, sd: number, nonNegative: boolean, least = 0): Distribution => {
  const clip = (x: number): number => (nonNegative ? Math.max(least, x) : x);
  return {
    mean: clip(mean),
    sd,
    ...(nonNegative ? { floor: least } : {}),
    low80: clip(mean - Z80 * sd),
    high80: clip(mean + Z80 * sd),
    low95: clip(mean - Z95 * sd),
    high95: clip(mean + Z95 * sd),
  };
};

/** Distribution of the level at step index `step` (0 = first forecast step). */
export const levelDistribution = (fc: Forecast, step = fc.horizon - 1): Distribution => {
  const i = Math.min(Math.max(step, 0), fc.horizon - 1);
  return gaussian(fc.mean[i] ?? 0, fc.sd[i] ?? 0, fc.nonNegative);
};

export interface SumRange {
  /** First step index summed (default 0). */
  readonly from?: number;
  /** Last step index summed, inclusive (default horizon − 1). */
  readonly to?: number;
  /** Amount already achieved, added to the sum (e.g. the period total so far). */
  readonly achieved?: number;
}

/** Distribution of achieved + Σ forecast over steps from..to, with correlated errors. */
export const sumDistribution = (fc: Forecast, range: SumRange = {}): Distribution => {
  const from = Math.max(0, range.from ?? 0);
  const to = Math.min(fc.horizon - 1, range.to ?? fc.horizon - 1);
  let mean = range.achieved ?? 0;
  for (let a = from; a <= to; a++) mean += fc.mean[a] ?? 0;
  // c_a rescales the unit-shock error of step a to its (calibrated) sd
  const c = new Float64Array(to + 1);
  let acc = 0;
  for (let a = 0; a <= to; a++) {
    const p = fc.psi[a] ?? 0;
    acc += p * p;
    c[a] = acc > 0 ? (fc.sd[a] ?? 0) / Math.sqrt(acc) : 0;
  }
  let variance = 0;
  for (let i = 0; i <= to; i++) {
    let w = 0;
    for (let a = Math.max(i, from); a <= to; a++) w += (c[a] as number) * (fc.psi[a - i] ?? 0);
    variance += w * w;
  }
  return gaussian(mean, Math.sqrt(variance), fc.nonNegative, Math.max(0, range.achieved ?? 0));
};

/** P(X >= target) (or <= when `atMost`) for a Gaussian distribution; exact at sd = 0. */
export const probabilityOf = (d: Distribution, target: number, atMost = false): number => {
  if (d.floor !== undefined && target < d.floor) return atMost ? 0 : 1;
  if (d.floor !== undefined && target === d.floor && !atMost) return 1;
  if (!(d.sd > 0)) return (atMost ? d.mean <= target : d.mean >= target) ? 1 : 0;
  const below = normalCdf((target - d.mean) / d.sd);
  return atMost ? below : 1 - below;
};

export type TargetQuestion =
  | {
      readonly kind: 'level';
      /** 'at_least' for reach / stay above targets, 'at_most' for stay below. */
      readonly direction: 'at_least' | 'at_most';
      readonly target: number;
      /** Step index of the deadline (default: last step). */
      readonly step?: number;
    }
  | ({
      readonly kind: 'sum';
      readonly direction: 'at_least' | 'at_most';
      readonly target: number;
    } & SumRange);

/** Probability of hitting a target from the forecast distribution. */
export const probabilityOfTarget = (fc: Forecast, q: TargetQuestion): number => {
  const d = q.kind === 'level' ? levelDistribution(fc, q.step) : sumDistribution(fc, q);
  return probabilityOf(d, q.target, q.direction === 'at_most');
};
