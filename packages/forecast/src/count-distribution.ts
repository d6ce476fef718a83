// Tail probabilities and quantiles of count distributions for the anomaly detector: Poisson
// and negative binomial (Gamma–Poisson) given a mean and a variance. Pure.
// Invariant: tails are summed (below a mean of 300; above it, the normal approximation) from the tail inwards, so tiny probabilities keep their
// relative accuracy (no 1 − (1 − p) cancellation); variance <= mean means Poisson.

import { normalCdf, normalQuantile } from './normal-distribution.js';

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7; ~1e-15 relative). */
export const logGamma = (x: number): number => {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
};

export interface CountDistribution {
  readonly mean: number;
  /** Variance; at most the mean means Poisson. */
  readonly variance: number;
}

interface Shape {
  readonly logPmf: (k: number) => number;
  /** p(k+1) / p(k). */
  readonly up: (k: number) => number;
}

const shapeOf = (d: CountDistribution): Shape => {
  const mu = Math.max(d.mean, 1e-12);
  if (!(d.variance > mu * (1 + 1e-9))) {
    const lm = Math.log(mu);
    return { logPmf: (k) => k * lm - mu - logGamma(k + 1), up: (k) => mu / (k + 1) };
  }
  const r = (mu * mu) / (d.variance - mu);
  const q = mu / (r + mu);
  const base = r * Math.log(r / (r + mu)) - logGamma(r);
  const lq = Math.log(q);
  return {
    logPmf: (k) => logGamma(k + r) - logGamma(k + 1) + base + k * lq,
    up: (k) => ((k + r) / (k + 1)) * q,
  };
};

const MAX_TERMS = 1_000_000;

/** Σ p(k) for k >= from, summed upwards (from should be at or above the mean). */
const sumUp = (s: Shape, from: number): number => {
  let term = Math.exp(s.logPmf(from));
  let total = 0;
  for (let k = from, i = 0; i < MAX_TERMS; k++, i++) {
    total += term;
    const next = term * s.up(k);
    if (next < total * 1e-15 && s.up(k) < 1) break;
    term = next;
  }
  return total;
};

/** Σ p(k) for 0 <= k <= to, summed downwards (to should be at or below the mean). */
const sumDown = (s: Shape, to: number): number => {
  let term = Math.exp(s.logPmf(to));
  let total = 0;
  for (let k = to; k >= 0; k--) {
    total += term;
    if (k === 0) break;
    const prev = term / s.up(k - 1);
    if (prev < total * 1e-15) break;
    term = prev;
  }
  return total;
};

/** Means above this use the normal approximation (with continuity correction). */
const NORMAL_FROM = 300;
const sdOf = (d: CountDistribution): number => Math.sqrt(Math.max(d.variance, d.mean));

/** P(X >= k). */
export const countUpperTail = (d: CountDistribution, k: number): number => {
  const x = Math.ceil(k);
  if (x <= 0) return 1;
  if (d.mean > NORMAL_FROM) return normalCdf(-(x - 0.5 - d.mean) / sdOf(d));
  const s = shapeOf(d);
  if (x > d.mean) return Math.min(1, sumUp(s, x));
  return Math.max(0, 1 - sumDown(s, x - 1));
};

/** P(X <= k). */
export const countLowerTail = (d: CountDistribution, k: number): number => {
  const x = Math.floor(k);
  if (x < 0) return 0;
  if (d.mean > NORMAL_FROM) return normalCdf((x + 0.5 - d.mean) / sdOf(d));
  const s = shapeOf(d);
  if (x < d.mean) return Math.min(1, sumDown(s, x));
  return Math.max(0, 1 - sumUp(s, x + 1));
};

/** Smallest k with P(X <= k) >= p. */
export const countQuantile = (d: CountDistribution, p: number): number => {
  // far from 0 the count is near normal, and p(0) would underflow
  if (d.mean > NORMAL_FROM) return Math.max(0, Math.round(d.mean + normalQuantile(p) * sdOf(d)));
  const s = shapeOf(d);
  let k = 0;
  let cdf = Math.exp(s.logPmf(0));
  let term = cdf;
  while (cdf < p && k < MAX_TERMS) {
    term *= s.up(k);
    k++;
    cdf += term;
    if (term === 0 && k > d.mean) break;
  }
  return k;
};
