// Simulated error paths of a forecast: e_a = scale_a · Σ_{i<=a} psi_{a-i}·z_i for unit
// shocks z. Pure.
// Invariant: the result is that convolution (up to rounding) for every psi. The direct sum
// is O(h²) per path; when psi's tail repeats with a step that is constant or shrinks
// geometrically — psi_k = psi_{k-m} + D·r^(k-m-1) for every k > m, which is what level,
// trend, damped trend and seasonal smoothing give (and averages of undamped ones keep) —
// a recursion over earlier steps gives the same sums in O(h·m).

/** What a forecast's error paths need, read once. */
export interface PathShape {
  readonly horizon: number;
  readonly psi: Float64Array;
  readonly scale: Float64Array;
  /** m, step and ratio of psi_k = psi_{k-m} + step·ratio^(k-m-1) (k > m); period 0: no such form. */
  readonly period: number;
  readonly step: number;
  readonly ratio: number;
  /** Scratch for the recursion: partial sums (h) and prefix sums of z (h). */
  readonly work: Float64Array;
}

/** The longest period looked for: a year of weeks, beyond any daily or monthly season. */
const MAX_PERIOD = 53;

/**
 * The smallest m whose differences u_k = psi_k - psi_{k-m} (k > m) are geometric,
 * u_k = ratio·u_{k-1} (ratio 1: a constant step; < 1: a damped trend), to rounding, seen
 * over at least two full periods beyond the first; period 0 when there is none.
 */
export const repeatingPeriod = (psi: Float64Array): { period: number; step: number; ratio: number } => {
  const h = psi.length;
  let big = 0;
  for (let k = 0; k < h; k++) big = Math.max(big, Math.abs(psi[k] as number));
  const tol = 1e-12 * Math.max(1, big);
  const u = (k: number, m: number): number => (psi[k] as number) - (psi[k - m] as number);
  for (let m = 1; m <= MAX_PERIOD && 3 * m < h; m++) {
    const step = u(m + 1, m);
    const next = u(m + 2, m);
    const ratio = Math.abs(step) > tol ? next / step : 1;
    if (!(ratio > 0 && ratio <= 1)) continue;
    let fits = true;
    for (let k = m + 2; k < h && fits; k++) fits = Math.abs(u(k, m) - ratio * u(k - 1, m)) <= tol;
    if (fits) return { period: m, step, ratio };
  }
  return { period: 0, step: 0, ratio: 1 };
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
  const { period, step, ratio } = repeatingPeriod(psi);
  return { horizon: fc.horizon, psi, scale, period, step, ratio, work: new Float64Array(2 * fc.horizon) };
};

/** One simulated error path for shocks z (unit normal) into out. */
export const pathErrors = (shape: PathShape, z: Float64Array, out: Float64Array): void => {
  const { psi, scale, period: m, step, ratio, horizon: h } = shape;
  if (m === 0) {
    for (let a = 0; a < h; a++) {
      let e = 0;
      for (let i = 0; i <= a; i++) e += (psi[a - i] as number) * (z[i] as number);
      out[a] = (scale[a] as number) * e;
    }
    return;
  }
  // tail[a] = Σ_{k=1..a} psi_k·z_{a-k}; for a > m it is its first m terms plus
  // tail[a-m] + step·G[a-m-1], G[t] = Σ_{i<=t} ratio^(t-i)·z_i (a plain prefix sum at ratio 1).
  const tail = shape.work.subarray(0, h);
  const prefix = shape.work.subarray(h, 2 * h);
  const psi0 = psi[0] as number;
  let run = 0;
  for (let a = 0; a < h; a++) {
    const za = z[a] as number;
    run = ratio * run + za;
    prefix[a] = run;
    let acc = 0;
    const head = Math.min(a, m);
    for (let k = 1; k <= head; k++) acc += (psi[k] as number) * (z[a - k] as number);
    if (a > m) acc += (tail[a - m] as number) + step * (prefix[a - m - 1] as number);
    tail[a] = acc;
    out[a] = (scale[a] as number) * (psi0 * za + acc);
  }
};
