// Standard normal CDF and quantile, plus small numeric helpers shared by the models. Pure.
// Invariant: normalCdf is accurate to ~1e-7 absolute; normalQuantile to ~1e-9 relative.

/** z such that P(Z <= z) = 0.9 (the 80% two-sided interval). */
export const Z80 = 1.2815515655446004;
/** z such that P(Z <= z) = 0.975 (the 95% two-sided interval). */
export const Z95 = 1.959963984540054;

/**
 * Student-t quantile for a normal quantile z and df >= 3 degrees of freedom, by the
 * Cornish-Fisher expansion to the fourth order in 1/df (Abramowitz & Stegun 26.7.5): within
 * 1% of the exact value at df = 3, within 0.01% from df = 10. Infinite df gives z back.
 */
export const studentQuantile = (z: number, df: number): number => {
  if (!Number.isFinite(df)) return z;
  const d = Math.max(3, df);
  const z2 = z * z;
  const g1 = ((z2 + 1) * z) / 4;
  const g2 = (((5 * z2 + 16) * z2 + 3) * z) / 96;
  const g3 = ((((3 * z2 + 19) * z2 + 17) * z2 - 15) * z) / 384;
  const g4 = (((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z) / 92160;
  return z + g1 / d + g2 / d ** 2 + g3 / d ** 3 + g4 / d ** 4;
};

export const normalCdf = (x: number): number => {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const z = Math.abs(x) / Math.SQRT2;
  // erfc by a Chebyshev-fitted rational form (Numerical Recipes erfcc), |error| < 1.2e-7.
  const t = 1 / (1 + 0.5 * z);
  const coef = [
    -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
    -0.82215223, 0.17087277,
  ];
  let poly = 0;
  for (let i = coef.length - 1; i >= 0; i--) poly = poly * t + (coef[i] as number);
  const erfc = t * Math.exp(-z * z + poly);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
};

/** Inverse of normalCdf (Acklam's rational approximation with one Newton step). */
export const normalQuantile = (p: number): number => {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const at = (xs: number[], i: number): number => xs[i] ?? 0;
  const pl = 0.02425;
  let x: number;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((at(c, 0) * q + at(c, 1)) * q + at(c, 2)) * q + at(c, 3)) * q + at(c, 4)) * q + at(c, 5)) /
      ((((at(d, 0) * q + at(d, 1)) * q + at(d, 2)) * q + at(d, 3)) * q + 1);
  } else if (p <= 1 - pl) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((at(a, 0) * r + at(a, 1)) * r + at(a, 2)) * r + at(a, 3)) * r + at(a, 4)) * r + at(a, 5)) * q) /
      (((((at(b, 0) * r + at(b, 1)) * r + at(b, 2)) * r + at(b, 3)) * r + at(b, 4)) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((at(c, 0) * q + at(c, 1)) * q + at(c, 2)) * q + at(c, 3)) * q + at(c, 4)) * q + at(c, 5)) /
      ((((at(d, 0) * q + at(d, 1)) * q + at(d, 2)) * q + at(d, 3)) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
};

export const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return xs.length > 0 ? s / xs.length : Number.NaN;
};

/** The k-th smallest (0-based) of a[lo..hi], partially reordering a in place (quickselect). */
const selectKth = (a: Float64Array, k: number): number => {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of three as the pivot, so sorted and constant runs stay linear
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
};

/** The median (mean of the two middle values for an even count); NaN for none. Linear time. */
export const median = (xs: ArrayLike<number>): number => {
  const a = Float64Array.from(xs);
  const n = a.length;
  if (n === 0) return Number.NaN;
  for (let i = 0; i < n; i++) if (Number.isNaN(a[i])) return sortedMedian(a);
  const mid = n >> 1;
  const upper = selectKth(a, mid);
  if (n % 2 === 1) return upper;
  // after selection every value left of mid is <= a[mid]: the lower middle is their maximum
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if ((a[i] as number) > lower) lower = a[i] as number;
  return (lower + upper) / 2;
};

/** The median by sorting (NaNs sort last, as Float64Array.sort puts them). */
const sortedMedian = (a: Float64Array): number => {
  a.sort();
  const n = a.length;
  const mid = n >> 1;
  return n % 2 === 1 ? (a[mid] as number) : ((a[mid - 1] as number) + (a[mid] as number)) / 2;
};
