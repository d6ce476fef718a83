// Logistic regression by Newton's method (IRLS) with a small ridge penalty, on standardised
// features. Pure. Invariant: the intercept is not penalised; features are standardised with
// the training means and deviations, which the model keeps so new rows are scored the same way.

export interface LogisticModel {
  readonly kind: 'logistic';
  readonly features: number;
  readonly means: readonly number[];
  readonly sds: readonly number[];
  /** Intercept first, then one weight per standardised feature. */
  readonly weights: readonly number[];
}

export const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));

/** Solves A·x = b (A symmetric positive definite, k×k row-major) by Gaussian elimination with pivoting. */
const solveLinear = (A: Float64Array, b: Float64Array, k: number): Float64Array => {
  const m = Float64Array.from(A);
  const v = Float64Array.from(b);
  for (let col = 0; col < k; col++) {
    let piv = col;
    for (let r = col + 1; r < k; r++)
      if (Math.abs(m[r * k + col] as number) > Math.abs(m[piv * k + col] as number)) piv = r;
    if (piv !== col) {
      for (let j = 0; j < k; j++) {
        const t = m[col * k + j] as number;
        m[col * k + j] = m[piv * k + j] as number;
        m[piv * k + j] = t;
      }
      const t = v[col] as number;
      v[col] = v[piv] as number;
      v[piv] = t;
    }
    const d = (m[col * k + col] as number) || 1e-12;
    for (let r = col + 1; r < k; r++) {
      const f = (m[r * k + col] as number) / d;
      if (f === 0) continue;
      for (let j = col; j < k; j++) m[r * k + j] = (m[r * k + j] as number) - f * (m[col * k + j] as number);
      v[r] = (v[r] as number) - f * (v[col] as number);
    }
  }
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = v[r] as number;
    for (let j = r + 1; j < k; j++) s -= (m[r * k + j] as number) * (x[j] as number);
    x[r] = s / ((m[r * k + r] as number) || 1e-12);
  }
  return x;
};

/** The linear score (log-odds) of row r of x (row-major, `features` per row). */
export const logitOf = (model: LogisticModel, x: ArrayLike<number>, r: number): number => {
  const f = model.features;
  let z = model.weights[0] ?? 0;
  for (let j = 0; j < f; j++)
    z +=
      (model.weights[j + 1] ?? 0) *
      (((x[r * f + j] as number) - (model.means[j] ?? 0)) / (model.sds[j] || 1));
  return z;
};

/** Fits P(y = 1 | x) on rows of x; `ridge` is the L2 penalty per row. */
export const fitLogistic = (
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  features: number,
  opts: { readonly ridge?: number; readonly iterations?: number } = {},
): LogisticModel => {
  const n = y.length;
  const means = new Array<number>(features).fill(0);
  const sds = new Array<number>(features).fill(0);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < features; j++) means[j] = (means[j] as number) + (x[r * features + j] as number) / n;
  for (let r = 0; r < n; r++)
    for (let j = 0; j < features; j++)
      sds[j] = (sds[j] as number) + ((x[r * features + j] as number) - (means[j] as number)) ** 2 / n;
  for (let j = 0; j < features; j++) sds[j] = Math.sqrt(sds[j] as number) || 1;
  const k = features + 1;
  const w = new Float64Array(k);
  const ridge = (opts.ridge ?? 1e-4) * n;
  const z = new Float64Array(k);
  for (let it = 0; it < (opts.iterations ?? 25); it++) {
    const H = new Float64Array(k * k);
    const g = new Float64Array(k);
    for (let r = 0; r < n; r++) {
      z[0] = 1;
      let s = w[0] as number;
      for (let j = 0; j < features; j++) {
        const v = ((x[r * features + j] as number) - (means[j] as number)) / (sds[j] as number);
        z[j + 1] = v;
        s += (w[j + 1] as number) * v;
      }
      const p = sigmoid(s);
      const q = Math.max(1e-9, p * (1 - p));
      const e = (y[r] as number) - p;
      for (let a = 0; a < k; a++) {
        g[a] = (g[a] as number) + e * (z[a] as number);
        const za = (z[a] as number) * q;
        for (let b = a; b < k; b++) H[a * k + b] = (H[a * k + b] as number) + za * (z[b] as number);
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) H[a * k + b] = H[b * k + a] as number;
    for (let a = 1; a < k; a++) {
      H[a * k + a] = (H[a * k + a] as number) + ridge;
      g[a] = (g[a] as number) - ridge * (w[a] as number);
    }
    const step = solveLinear(H, g, k);
    let size = 0;
    for (let a = 0; a < k; a++) {
      w[a] = (w[a] as number) + (step[a] as number);
      size = Math.max(size, Math.abs(step[a] as number));
    }
    if (size < 1e-8) break;
  }
  return { kind: 'logistic', features, means, sds, weights: Array.from(w) };
};
