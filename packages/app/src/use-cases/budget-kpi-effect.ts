// What a budget plan does to a KPI's forecast, probability and verdict: the plan's expected
// gain over the days it shares with the KPI's judged range, added to the scorecard's own
// forecast (the one `kpi status` shows). IO-free.
// Invariants: with no gain the probability is exactly the scorecard's; the pace is where the
// KPI is today, so a plan changes the verdict only through the probability; the gain's
// uncertainty widens the forecast (independent of the forecast's own error).

import { addDays, dayNumber, ownGet, type Project } from '@kpi/core';
import { normalCdf, normalQuantile, Z80 } from '@kpi/forecast';
import { verdictOf, type KpiReading } from '@kpi/scorecard';
import type { OutcomeRange } from '@kpi/predict';

export interface KpiEffect {
  readonly kpi: string;
  readonly label: string;
  readonly target: number;
  /** Days the plan's period shares with the KPI's judged range. */
  readonly overlapDays: number;
  readonly forecastNow: number;
  readonly forecastPlan: number;
  readonly probabilityNow: number;
  readonly probabilityPlan: number;
  readonly verdictNow: string;
  readonly verdictPlan: string;
  readonly statusNow: string;
  readonly statusPlan: string;
}

const clamp = (p: number) => Math.min(1 - 1e-9, Math.max(1e-9, p));

/** The probability of a hit when the judged total moves by `gain` (mean, sd) on top of the forecast. */
export const shiftedProbability = (
  fc: {
    readonly atDeadline: number;
    readonly low80: number;
    readonly high80: number;
    readonly probability: number;
  },
  line: number,
  gain: { readonly mean: number; readonly sd: number },
): number => {
  if (gain.mean === 0 && gain.sd === 0) return fc.probability;
  const sd = Math.max(0, (fc.high80 - fc.low80) / (2 * Z80));
  // The line the scorecard's probability implies (consistent with it at zero gain); the target's line when degenerate.
  const implied = fc.probability > 1e-6 && fc.probability < 1 - 1e-6 && sd > 0;
  const at = implied ? fc.atDeadline + normalQuantile(1 - clamp(fc.probability)) * sd : line;
  const total = Math.sqrt(sd * sd + gain.sd * gain.sd);
  if (!(total > 0)) return fc.atDeadline + gain.mean >= at ? 1 : 0;
  return 1 - normalCdf((at - fc.atDeadline - gain.mean) / total);
};

/** The plan's effect on one KPI whose metric is the outcome (higher is better); undefined when it has no forecast. */
export const kpiEffect = (
  project: Project,
  r: KpiReading,
  period: { readonly start: string; readonly end: string; readonly days: number },
  gain: OutcomeRange,
): KpiEffect | undefined => {
  const t = r.target;
  const fc = r.forecast;
  if (!t || !fc || !r.verdict || t.kind === 'stay_below' || t.kind === 'stay_above') return undefined;
  const judgedStart =
    t.kind === 'cumulative'
      ? (ownGet(project.goals, r.goal)?.period.start ?? period.start)
      : r.current.range.start;
  const from = period.start > judgedStart ? period.start : judgedStart;
  const to = period.end < t.deadline ? period.end : t.deadline;
  const overlapDays = Math.max(0, dayNumber(to) - dayNumber(from) + 1);
  const share = period.days > 0 ? overlapDays / period.days : 0;
  const g = { mean: gain.mean * share, sd: gain.sd * share };
  const line = t.value - t.tolerance * Math.abs(t.value);
  const probabilityPlan = shiftedProbability(fc, line, g);
  const thresholds = ownGet(project.kpis, r.kpi)?.thresholds;
  const v = verdictOf(
    r.verdict.pace,
    r.verdict.paceReason,
    { probability: probabilityPlan },
    undefined,
    t,
    thresholds,
  );
  return {
    kpi: r.kpi,
    label: r.label,
    target: t.value,
    overlapDays,
    forecastNow: fc.atDeadline,
    forecastPlan: fc.atDeadline + g.mean,
    probabilityNow: fc.probability,
    probabilityPlan,
    verdictNow: r.verdict.phrase,
    verdictPlan: v.phrase,
    statusNow: r.status,
    statusPlan: v.status,
  };
};

/** The plan's first day and last day as a range of `days`. */
export const periodDays = (start: string, end: string) => ({
  start,
  end,
  days: dayNumber(end) - dayNumber(start) + 1,
});
export const dayAfter = (d: string): string => addDays(d, 1);
