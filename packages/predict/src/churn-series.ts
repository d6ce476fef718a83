// Churn as a daily series, for churn KPIs: each customer's active spans under a churn rule,
// the churn events per day and the customer-days at risk per day, so that a period's churn
// rate is Σ churners / Σ customer-days × horizon (churners per customer per horizon — a
// "monthly churn rate" for a 30-day horizon), comparable across periods of any length. Pure.
// Invariants: customer c is active on day s exactly when churnedBy(c, s) is false (a span is
// [from, to): active from `from`, churned from `to` on); a churn event is the day a span
// ends; activity on or after a cancel is ignored, as churnedBy does.

import { inactivityDays, type ChurnRule, type CustomerActivity } from './churn-data.js';

/** Calls `each(from, to)` for every active span of customer c (to = Infinity while still active). */
export const activeSpans = (
  a: CustomerActivity,
  rule: ChurnRule,
  c: number,
  each: (from: number, to: number) => void,
): void => {
  const start = a.offsets[c] as number;
  const end = a.offsets[c + 1] as number;
  if (end <= start) return;
  const cancel = a.cancelDay?.[c] ?? Number.NaN;
  const stop = Number.isNaN(cancel) ? Number.POSITIVE_INFINITY : cancel;
  const n = inactivityDays(rule);
  let from = a.days[start] as number;
  if (from >= stop) return;
  for (let j = start; j < end; j++) {
    const day = a.days[j] as number;
    const next = j + 1 < end ? (a.days[j + 1] as number) : Number.POSITIVE_INFINITY;
    const quiet = n === undefined ? Number.POSITIVE_INFINITY : day + n;
    if (quiet < next || next >= stop) {
      // The span ends when the customer falls quiet or cancels, whichever comes first.
      const to = Math.min(quiet, stop);
      each(from, to);
      if (to === stop || next >= stop) return;
      from = next;
    }
  }
};

export interface ChurnDays {
  /** The first day of the arrays (day number). */
  readonly day0: number;
  /** Churn events per day: spans ending that day. */
  readonly churners: Float64Array;
  /** Customers at risk per day: active that day. */
  readonly atRisk: Float64Array;
}

/** Churners and customers at risk per day over `days` days from `day0`, for the customers `keep` accepts. */
export const churnDays = (
  a: CustomerActivity,
  rule: ChurnRule,
  day0: number,
  days: number,
  keep?: (c: number) => boolean,
): ChurnDays => {
  const churners = new Float64Array(days);
  const diff = new Float64Array(days + 1);
  for (let c = 0; c < a.count; c++) {
    if (keep && !keep(c)) continue;
    activeSpans(a, rule, c, (from, to) => {
      const i = to - day0;
      if (i >= 0 && i < days) churners[i] = (churners[i] as number) + 1;
      const lo = Math.max(0, from - day0);
      const hi = Math.min(days, to - day0);
      if (hi > lo) {
        diff[lo] = (diff[lo] as number) + 1;
        diff[hi] = (diff[hi] as number) - 1;
      }
    });
  }
  const atRisk = new Float64Array(days);
  let run = 0;
  for (let i = 0; i < days; i++) {
    run += diff[i] as number;
    atRisk[i] = run;
  }
  return { day0, churners, atRisk };
};

/** Σ churners and Σ customer-days at risk over days [from, to] (day numbers, clipped to the arrays). */
export const churnTotals = (
  d: ChurnDays,
  from: number,
  to: number,
): { churners: number; atRiskDays: number } => {
  let churners = 0;
  let atRiskDays = 0;
  const lo = Math.max(0, from - d.day0);
  const hi = Math.min(d.churners.length - 1, to - d.day0);
  for (let i = lo; i <= hi; i++) {
    churners += d.churners[i] as number;
    atRiskDays += d.atRisk[i] as number;
  }
  return { churners, atRiskDays };
};

/** Per group (e.g. a segment's members) and per range [from, to]: Σ churners and Σ customer-days at risk. `group[c]` −1 = none. */
export const churnTotalsBy = (
  a: CustomerActivity,
  rule: ChurnRule,
  group: Int32Array,
  groups: number,
  ranges: readonly (readonly [number, number])[],
): { churners: Float64Array; atRiskDays: Float64Array }[] => {
  const out = ranges.map(() => ({
    churners: new Float64Array(groups),
    atRiskDays: new Float64Array(groups),
  }));
  for (let c = 0; c < a.count; c++) {
    const g = group[c] ?? -1;
    if (g < 0 || g >= groups) continue;
    activeSpans(a, rule, c, (from, to) => {
      ranges.forEach(([lo, hi], r) => {
        const t = out[r] as { churners: Float64Array; atRiskDays: Float64Array };
        if (to >= lo && to <= hi) t.churners[g] = (t.churners[g] as number) + 1;
        const days = Math.min(hi + 1, to) - Math.max(lo, from);
        if (days > 0) t.atRiskDays[g] = (t.atRiskDays[g] as number) + days;
      });
    });
  }
  return out;
};
