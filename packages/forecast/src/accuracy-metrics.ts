// Forecast accuracy measures as the M4 competition defines them: sMAPE, MASE (scaled by the
// in-sample seasonal naive error), MSIS for 95% intervals, and interval coverage. Pure.
// Invariant: every function compares arrays of the same length; NaN actuals are skipped.

/** Mean over horizon of 200·|y−f| / (|y|+|f|); terms with |y|+|f| = 0 count as 0. */
export const smape = (actual: ArrayLike<number>, fc: ArrayLike<number>): number => {
  let s = 0;
  let k = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] as number;
    const f = fc[i] as number;
    if (!Number.isFinite(y)) continue;
    const d = Math.abs(y) + Math.abs(f);
    s += d > 0 ? (200 * Math.abs(y - f)) / d : 0;
    k++;
  }
  return k > 0 ? s / k : Number.NaN;
};

/** Mean absolute seasonal difference of the training data at lag m (MASE's scale). */
export const maseScale = (train: ArrayLike<number>, m: number): number => {
  let s = 0;
  let k = 0;
  for (let t = m; t < train.length; t++) {
    const a = train[t] as number;
    const b = train[t - m] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    s += Math.abs(a - b);
    k++;
  }
  return k > 0 ? s / k : Number.NaN;
};

export const mae = (actual: ArrayLike<number>, fc: ArrayLike<number>): number => {
  let s = 0;
  let k = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] as number;
    if (!Number.isFinite(y)) continue;
    s += Math.abs(y - (fc[i] as number));
    k++;
  }
  return k > 0 ? s / k : Number.NaN;
};

export const mase = (actual: ArrayLike<number>, fc: ArrayLike<number>, scale: number): number =>
  mae(actual, fc) / scale;

/** Mean scaled interval score of a (1−a) interval (M4: a = 0.05). */
export const msis = (
  actual: ArrayLike<number>,
  low: ArrayLike<number>,
  high: ArrayLike<number>,
  scale: number,
  a = 0.05,
): number => {
  let s = 0;
  let k = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] as number;
    if (!Number.isFinite(y)) continue;
    const l = low[i] as number;
    const u = high[i] as number;
    s += u - l + (y < l ? (2 / a) * (l - y) : 0) + (y > u ? (2 / a) * (y - u) : 0);
    k++;
  }
  return k > 0 ? s / k / scale : Number.NaN;
};

/** Share of actuals inside [low, high]. */
export const coverage = (
  actual: ArrayLike<number>,
  low: ArrayLike<number>,
  high: ArrayLike<number>,
): number => {
  let inside = 0;
  let k = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] as number;
    if (!Number.isFinite(y)) continue;
    if (y >= (low[i] as number) && y <= (high[i] as number)) inside++;
    k++;
  }
  return k > 0 ? inside / k : Number.NaN;
};
