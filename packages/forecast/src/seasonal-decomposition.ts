// Classical seasonal decomposition (centred moving average, as in M4's benchmarks), the
// 90% autocorrelation test for seasonality, and sequential removal of several periods. Pure.
// Invariant: multiplicative indices average 1 and additive ones 0 over a cycle; indices are
// aligned to the phase (t mod period) of the series passed in.

export type SeasonalMode = 'multiplicative' | 'additive';

export interface SeasonalComponent {
  readonly period: number;
  readonly mode: SeasonalMode;
  /** Index for phase k = t mod period. */
  readonly indices: Float64Array;
}

/** Autocorrelation of y at lags 1..maxLag. */
export const autocorrelation = (y: Float64Array, maxLag: number): Float64Array => {
  const n = y.length;
  let mu = 0;
  for (let t = 0; t < n; t++) mu += y[t] as number;
  mu /= n;
  let den = 0;
  for (let t = 0; t < n; t++) den += ((y[t] as number) - mu) ** 2;
  const out = new Float64Array(maxLag + 1);
  out[0] = 1;
  for (let k = 1; k <= maxLag && k < n; k++) {
    let num = 0;
    for (let t = k; t < n; t++) num += ((y[t] as number) - mu) * ((y[t - k] as number) - mu);
    out[k] = den > 0 ? num / den : 0;
  }
  return out;
};

/**
 * M4's seasonality test: |acf(m)| beyond the 90% band of Bartlett's formula. Needs three
 * cycles (M4's rule) for short periods, two for long ones (a yearly cycle in daily data).
 */
export const isSeasonal = (y: Float64Array, m: number): boolean => {
  const n = y.length;
  if (m < 2 || n < (m > 60 ? 2 : 3) * m) return false;
  const acf = autocorrelation(y, m);
  let s = 0;
  for (let k = 1; k < m; k++) s += (acf[k] as number) ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * s) / n);
  return Math.abs(acf[m] as number) > limit;
};

/** Seasonal indices of y by the classical method (centred MA of order m, 2×m when even). */
export const seasonalIndices = (y: Float64Array, m: number, mode: SeasonalMode, smooth = 1): Float64Array => {
  const n = y.length;
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  const sum = new Float64Array(m);
  const cnt = new Float64Array(m);
  // running sum for the centred moving average
  const cs = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) cs[t + 1] = (cs[t] as number) + (y[t] as number);
  for (let t = half; t + half < n; t++) {
    let ma: number;
    if (even) {
      const inner = (cs[t + half] as number) - (cs[t - half + 1] as number);
      ma = (inner + 0.5 * ((y[t - half] as number) + (y[t + half] as number))) / m;
    } else ma = ((cs[t + half + 1] as number) - (cs[t - half] as number)) / m;
    const v = mode === 'multiplicative' ? (ma > 0 ? (y[t] as number) / ma : 1) : (y[t] as number) - ma;
    sum[t % m] = (sum[t % m] as number) + v;
    cnt[t % m] = (cnt[t % m] as number) + 1;
  }
  const neutral = mode === 'multiplicative' ? 1 : 0;
  let idx = new Float64Array(m);
  for (let k = 0; k < m; k++)
    idx[k] = (cnt[k] as number) > 0 ? (sum[k] as number) / (cnt[k] as number) : neutral;
  if (smooth > 1) {
    const w = Math.floor(smooth / 2);
    const sm = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      let a = 0;
      for (let j = -w; j <= w; j++) a += idx[(((k + j) % m) + m) % m] as number;
      sm[k] = a / (2 * w + 1);
    }
    idx = sm;
  }
  let tot = 0;
  for (let k = 0; k < m; k++) tot += idx[k] as number;
  const avg = tot / m;
  for (let k = 0; k < m; k++)
    idx[k] = mode === 'multiplicative' ? (idx[k] as number) / avg : (idx[k] as number) - avg;
  return idx;
};

export const applySeason = (v: number, t: number, c: SeasonalComponent, remove: boolean): number => {
  const s = c.indices[t % c.period] as number;
  if (c.mode === 'multiplicative') return remove ? v / s : v * s;
  return remove ? v - s : v + s;
};

export interface Deseasonalized {
  readonly adjusted: Float64Array;
  readonly components: readonly SeasonalComponent[];
}

/**
 * Removes each period (ascending) that passes the seasonality test on what is left;
 * multiplicative when the series is strictly positive, else additive.
 */
export const deseasonalize = (
  y: Float64Array,
  periods: readonly number[],
  options: { readonly test?: boolean } = {},
): Deseasonalized => {
  const positive = y.every((v) => v > 0);
  const mode: SeasonalMode = positive ? 'multiplicative' : 'additive';
  let cur = y;
  const comps: SeasonalComponent[] = [];
  for (const m of [...periods].sort((a, b) => a - b)) {
    if (m < 2 || y.length < 2 * m) continue;
    if (options.test !== false && !isSeasonal(cur, m)) continue;
    const smooth = m > 60 ? Math.floor(m / 50) | 1 : 1;
    const comp: SeasonalComponent = { period: m, mode, indices: seasonalIndices(cur, m, mode, smooth) };
    if (mode === 'multiplicative' && comp.indices.some((v) => !(v > 0))) continue;
    cur = cur.map((v, t) => applySeason(v, t, comp, true));
    comps.push(comp);
  }
  return { adjusted: cur, components: comps };
};

/** Seasonal factor (multiplicative) or offset (additive) of all components at time t. */
export const reseasonalize = (v: number, t: number, components: readonly SeasonalComponent[]): number => {
  let out = v;
  for (const c of components) out = applySeason(out, t, c, false);
  return out;
};
