// How good a risk score is: AUC (rank-based, ties counted half), Brier score, and
// reliability by decile (mean predicted vs observed rate). Pure.

/** Area under the ROC curve by the Mann–Whitney rank sum; 0.5 when one class is missing. */
export const auc = (score: ArrayLike<number>, y: ArrayLike<number>): number => {
  const n = y.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (score[a] as number) - (score[b] as number),
  );
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && score[idx[j + 1] as number] === score[idx[i] as number]) j++;
    const mid = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++)
      if ((y[idx[t] as number] as number) === 1) {
        pos++;
        rankSum += mid;
      }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
};

export const brier = (p: ArrayLike<number>, y: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += ((p[i] as number) - (y[i] as number)) ** 2;
  return y.length ? s / y.length : 0;
};

export interface ReliabilityBin {
  readonly predicted: number;
  readonly observed: number;
  readonly count: number;
}

/** Rows sorted by predicted risk, cut into `bins` equal groups: mean predicted and observed rate per group. */
export const reliability = (p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): ReliabilityBin[] => {
  const n = y.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number));
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue;
    let sp = 0;
    let sy = 0;
    for (let i = from; i < to; i++) {
      sp += p[idx[i] as number] as number;
      sy += y[idx[i] as number] as number;
    }
    out.push({ predicted: sp / (to - from), observed: sy / (to - from), count: to - from });
  }
  return out;
};

/** Largest |predicted − observed| over the reliability bins. */
export const calibrationGap = (bins: readonly ReliabilityBin[]): number =>
  bins.reduce((a, b) => Math.max(a, Math.abs(b.predicted - b.observed)), 0);
