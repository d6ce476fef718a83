// Simulated error paths of a forecast: e_a = scale_a · Σ_{i<=a} psi_{a-i}·z_i for unit
// shocks z. Pure.
// Invariant: the result is that convolution (up to rounding) for every psi. The direct sum
// is O(h²) per path; when psi's tail repeats with a constant step — psi_k = psi_{k-m} + D
// for every k > m, which is what level, trend and seasonal smoothing give and what averages
// of them keep — a recursion over earlier steps gives the same sums in O(h·m).

/** What a forecast's error paths need, read once. */
export interface PathShape {
  readonly horizon: number;
  readonly psi: Float64Array;
  readonly scale: Float64Array;
  /** m of psi_k = psi_{k-m} + step (k > m), or 0 when psi has no such form. */
  readonly period: number;
  readonly step: number;
  /** Scratch for the recursion: partial sums (h) and prefix sums of z (h). */
  readonly work: Float64Array;
}

/** The longest period looked for: a year of weeks, beyond any daily or monthly season. */
const MAX_PERIOD = 53;

/**
 * The smallest m with psi_k - psi_{k-m} equal (to rounding) for every k > m, seen over
 * at least two full periods beyond the first, or 0.
 */
export const repeatingPeriod = (psi: Float64Array): { period: number; step: number } => {
  const h = psi.length;
  let big = 0;
  for (let k = 0; k < h; k++) big = Math.max(big, Math.abs(psi[k] as number));
  const tol = 1e-12 * Math.max(1, big);
  for (let m = 1; m <= MAX_PERIOD && 3 * m < h; m++) {
    const step = (psi[m + 1] as number) - (psi[1] as number);
    let fits = true;
    for (let k = m + 1; k < h && fits; k++)
      fits = Math.abs((psi[k] as number) - (psi[k - m] as number) - step) <= tol;
    if (fits) return { period: m, step };
  }
  return { period: 0, step: 0 };
};

/** The shape of a forecast's errors from its psi and per-step sd. */
export const pathShape = (fc: {
  readonly horizon: number;
  readonly psi: readonly number[];
  readonly sd: readonly number[];
}): PathShape => {
  const psi = new Float64Array(fc.horizon);
  const scale = new Float64Array(fc.horizon);
  let acc = 0;
  for (let a = 0; a < fc.horizon; a++) {
    const p = fc.psi[a] ?? 0;
    psi[a] = p;
    acc += p * p;
    scale[a] = acc > 0 ? (fc.sd[a] ?? 0) / Math.sqrt(acc) : 0;
  }
  const { period, step } = repeatingPeriod(psi);
  return { horizon: fc.horizon, psi, scale, period, step, work: new Float64Array(2 * fc.horizon) };
};

/** One simulated error path for shocks z (unit normal) into out. */
export const pathErrors = (shape: PathShape, z: Float64Array, out: Float64Array): void => {
  const { psi, scale, period: m, step, horizon: h } = shape;
  if (m === 0) {
    for (let a = 0; a < h; a++) {
      let e = 0;
      for (let i = 0; i <= a; i++) e += (psi[a - i] as number) * (z[i] as number);
      out[a] = (scale[a] as number) * e;
    }
    return;
  }
  // tail[a] = Σ_{k=1..a} psi_k·z_{a-k}; for a > m it is its first m terms plus
  // tail[a-m] + step·Z[a-m-1] (Z the prefix sums of z).
  const tail = shape.work.subarray(0, h);
  const prefix = shape.work.subarray(h, 2 * h);
  const psi0 = psi[0] as number;
  let run = 0;
  for (let a = 0; a < h; a++) {
    const za = z[a] as number;
    run += za;
    prefix[a] = run;
    let acc = 0;
    const head = Math.min(a, m);
    for (let k = 1; k <= head; k++) acc += (psi[k] as number) * (z[a - k] as number);
    if (a > m) acc += (tail[a - m] as number) + step * (prefix[a - m - 1] as number);
    tail[a] = acc;
    out[a] = (scale[a] as number) * (psi0 * za + acc);
  }
};
