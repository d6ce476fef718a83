// Lagged correlation between a leading and a lagging series: the Pearson correlation of
// lead[t] with lag[t + k] for k = 0..maxLag, on periods where both are known. Pure.

export interface LagCorrelation {
  readonly lag: number;
  readonly correlation: number;
  readonly pairs: number;
}

const pearson = (xs: readonly number[], ys: readonly number[]): number | undefined => {
  const n = xs.length;
  if (n < 3) return undefined;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] ?? 0;
    my += ys[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? undefined : sxy / Math.sqrt(sxx * syy);
};

/** The lag (0..maxLag) with the strongest positive correlation, or undefined with too few pairs. */
export const bestLagCorrelation = (
  lead: readonly (number | null)[],
  lagging: readonly (number | null)[],
  maxLag = 4,
  minPairs = 8,
): LagCorrelation | undefined => {
  let best: LagCorrelation | undefined;
  for (let k = 0; k <= maxLag; k++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = 0; t + k < lagging.length && t < lead.length; t++) {
      const x = lead[t];
      const y = lagging[t + k];
      if (x != null && y != null) {
        xs.push(x);
        ys.push(y);
      }
    }
    if (xs.length < minPairs) continue;
    const r = pearson(xs, ys);
    if (r !== undefined && (best === undefined || r > best.correlation))
      best = { lag: k, correlation: r, pairs: xs.length };
  }
  return best;
};
