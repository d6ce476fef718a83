// The number of events among independent trials with different probabilities (a
// Poisson-binomial count): its mean, and a central interval — exact by dynamic programming
// up to EXACT_LIMIT trials, a continuity-corrected normal beyond. Pure.

import { normalQuantile } from '@kpi/forecast';

export const EXACT_LIMIT = 4000;

export interface CountInterval {
  readonly mean: number;
  readonly sd: number;
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly method: 'exact' | 'normal';
}

/** Central interval holding at least `level` of the probability of Σ Bernoulli(p_i). */
export const poissonBinomialInterval = (p: ArrayLike<number>, level = 0.8): CountInterval => {
  const n = p.length;
  let mean = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const q = Math.min(1, Math.max(0, p[i] as number));
    mean += q;
    v += q * (1 - q);
  }
  const sd = Math.sqrt(v);
  const tail = (1 - level) / 2;
  if (n <= EXACT_LIMIT) {
    const dist = new Float64Array(n + 1);
    dist[0] = 1;
    for (let i = 0; i < n; i++) {
      const q = Math.min(1, Math.max(0, p[i] as number));
      for (let k = i + 1; k >= 1; k--) dist[k] = (dist[k] as number) * (1 - q) + (dist[k - 1] as number) * q;
      dist[0] = (dist[0] as number) * (1 - q);
    }
    let acc = 0;
    let low = 0;
    for (let k = 0; k <= n; k++) {
      acc += dist[k] as number;
      if (acc > tail) {
        low = k;
        break;
      }
    }
    acc = 0;
    let high = n;
    for (let k = n; k >= 0; k--) {
      acc += dist[k] as number;
      if (acc > tail) {
        high = k;
        break;
      }
    }
    return { mean, sd, low, high, level, method: 'exact' };
  }
  const z = normalQuantile(1 - tail);
  return {
    mean,
    sd,
    low: Math.max(0, Math.floor(mean - z * sd - 0.5)),
    high: Math.min(n, Math.ceil(mean + z * sd + 0.5)),
    level,
    method: 'normal',
  };
};
