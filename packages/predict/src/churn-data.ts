// Customer activity in a compact layout, the churn definition, and the per-snapshot features
// and labels a churn model learns from. Pure.
// Layout: customer c's activity days are days[offsets[c] .. offsets[c+1]), sorted ascending,
// as day numbers; amounts (optional) line up with days; cancelDay[c] is NaN without a cancel.
// Definition: a customer has churned by day s when they cancelled on or before s, or (with
// an inactivity rule of N days) their last activity is on or before s − N. A customer is
// "active" at s when they started on or before s and have not churned by s.
// Label at snapshot s over a horizon of P days: churned by s + P (given active at s).

export interface CustomerActivity {
  readonly count: number;
  readonly offsets: Int32Array;
  readonly days: Int32Array;
  readonly amounts?: Float64Array;
  readonly cancelDay?: Float64Array;
  /** Segment index per customer (into `segmentNames`), for the cause. */
  readonly segment?: Int32Array;
  readonly segmentNames?: readonly string[];
}

export type ChurnRule =
  | { readonly kind: 'inactivity'; readonly days: number }
  | { readonly kind: 'cancel'; readonly inactivityDays?: number };

/** Days with no activity after which a customer counts as gone (undefined: only cancels count). */
export const inactivityDays = (rule: ChurnRule): number | undefined =>
  rule.kind === 'inactivity' ? rule.days : rule.inactivityDays;

/** Index of the last activity on or before day s (−1 when none). */
const lastAtOrBefore = (a: CustomerActivity, c: number, s: number): number => {
  let lo = a.offsets[c] as number;
  let hi = (a.offsets[c + 1] as number) - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((a.days[mid] as number) <= s) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
};

/** Has customer c churned by day s? (Undefined when they had not started by s.) */
export const churnedBy = (
  a: CustomerActivity,
  rule: ChurnRule,
  c: number,
  s: number,
): boolean | undefined => {
  const first = a.days[a.offsets[c] as number];
  if (first === undefined || (a.offsets[c] as number) >= (a.offsets[c + 1] as number) || first > s)
    return undefined;
  const cancel = a.cancelDay?.[c] ?? Number.NaN;
  if (cancel <= s) return true;
  const n = inactivityDays(rule);
  if (n === undefined) return false;
  const last = a.days[lastAtOrBefore(a, c, s)] as number;
  return last <= s - n;
};

export const FEATURE_NAMES = ['recency', 'frequency', 'tenure', 'trend', 'spend'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURES = FEATURE_NAMES.length;

export interface Snapshot {
  readonly day: number;
  /** Customers active at the snapshot. */
  readonly customers: Int32Array;
  /** Row-major features, FEATURES per customer: log1p(recency days), log1p(activities in 90 days), log1p(tenure days), log((last 30 + 1) / (prior 30 + 1)), log1p(amount in 90 days). */
  readonly x: Float64Array;
  /** Raw figures for the reader: days since last activity, amount over the last 90 days. */
  readonly recencyDays: Float64Array;
  readonly amount90: Float64Array;
  /** 1 when churned by day + horizon; absent when that day is not yet seen. */
  readonly y?: Uint8Array;
}

/** Features of every active customer at day s, and their labels when s + horizon <= lastDay. */
export const snapshotAt = (
  a: CustomerActivity,
  rule: ChurnRule,
  s: number,
  horizon: number,
  lastDay: number,
): Snapshot => {
  const ids: number[] = [];
  for (let c = 0; c < a.count; c++) if (churnedBy(a, rule, c, s) === false) ids.push(c);
  const m = ids.length;
  const x = new Float64Array(m * FEATURES);
  const recencyDays = new Float64Array(m);
  const amount90 = new Float64Array(m);
  const labelled = s + horizon <= lastDay;
  const y = labelled ? new Uint8Array(m) : undefined;
  ids.forEach((c, r) => {
    const start = a.offsets[c] as number;
    const li = lastAtOrBefore(a, c, s);
    let f90 = 0;
    let n30 = 0;
    let p30 = 0;
    let amt = 0;
    for (let j = li; j >= start; j--) {
      const age = s - (a.days[j] as number);
      if (age >= 90) break;
      f90++;
      amt += a.amounts?.[j] ?? 0;
      if (age < 30) n30++;
      else if (age < 60) p30++;
    }
    const recency = s - (a.days[li] as number);
    const tenure = s - (a.days[start] as number);
    const o = r * FEATURES;
    x[o] = Math.log1p(recency);
    x[o + 1] = Math.log1p(f90);
    x[o + 2] = Math.log1p(tenure);
    x[o + 3] = Math.log((n30 + 1) / (p30 + 1));
    x[o + 4] = Math.log1p(Math.max(0, amt));
    recencyDays[r] = recency;
    amount90[r] = amt;
    if (y) y[r] = churnedBy(a, rule, c, s + horizon) ? 1 : 0;
  });
  return { day: s, customers: Int32Array.from(ids), x, recencyDays, amount90, ...(y ? { y } : {}) };
};
