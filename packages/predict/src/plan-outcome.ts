// The expected outcome of a split over a period with its intervals, from the curves'
// bootstrap draws plus the day-to-day noise left by the fit. Pure.
// Invariant: two splits compared on the same draws (the same draw index per member), so the
// interval of their difference reflects the curves' uncertainty, not two independent noises.

import { createRandom } from '@kpi/forecast';
import { steadyResponse, type ResponseCurve } from './response-curve.js';

export interface OutcomeMember {
  readonly curve?: ResponseCurve;
  readonly draws?: readonly ResponseCurve[];
  readonly residualSd?: number;
  /** Mean daily outcome in the history: what a member without a curve is expected to keep giving. */
  readonly pastDaily: number;
}

export interface OutcomeRange {
  readonly mean: number;
  readonly low80: number;
  readonly high80: number;
  readonly low95: number;
  readonly high95: number;
  /** Standard deviation of the draws. */
  readonly sd: number;
}

export interface SplitComparison {
  readonly plan: OutcomeRange;
  readonly today: OutcomeRange;
  /** Plan minus today. */
  readonly gain: OutcomeRange;
}

const rangeOf = (xs: Float64Array, mean: number): OutcomeRange => {
  const s = Float64Array.from(xs).sort();
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))] ?? mean;
  const m = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
  return { mean, low80: at(0.1), high80: at(0.9), low95: at(0.025), high95: at(0.975), sd };
};

const periodOutcome = (c: ResponseCurve, spend: number, days: number): number =>
  days * (c.base + steadyResponse(c, spend / days));

/** The outcome of `plan` and of `today` (period spends per member) over `days`, with ranges. */
export const compareSplits = (
  members: readonly OutcomeMember[],
  plan: readonly number[],
  today: readonly number[],
  days: number,
  opts: { readonly draws?: number; readonly seed?: number } = {},
): SplitComparison => {
  const n = opts.draws ?? Math.max(1, ...members.map((m) => m.draws?.length ?? 0));
  const rng = createRandom(opts.seed ?? 29);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const g = new Float64Array(n);
  let meanPlan = 0;
  let meanToday = 0;
  members.forEach((m, i) => {
    if (!m.curve) {
      meanPlan += m.pastDaily * days;
      meanToday += m.pastDaily * days;
      return;
    }
    meanPlan += periodOutcome(m.curve, plan[i] ?? 0, days);
    meanToday += periodOutcome(m.curve, today[i] ?? 0, days);
  });
  for (let d = 0; d < n; d++) {
    let p = 0;
    let t = 0;
    members.forEach((m, i) => {
      const noise = rng.normal() * (m.residualSd ?? 0) * Math.sqrt(days);
      if (!m.curve) {
        p += m.pastDaily * days + noise;
        t += m.pastDaily * days + noise;
        return;
      }
      const c = m.draws && m.draws.length ? (m.draws[d % m.draws.length] as ResponseCurve) : m.curve;
      p += periodOutcome(c, plan[i] ?? 0, days) + noise;
      t += periodOutcome(c, today[i] ?? 0, days) + noise;
    });
    a[d] = p;
    b[d] = t;
    g[d] = p - t;
  }
  return { plan: rangeOf(a, meanPlan), today: rangeOf(b, meanToday), gain: rangeOf(g, meanPlan - meanToday) };
};
