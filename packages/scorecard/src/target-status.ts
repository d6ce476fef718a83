// Progress, pace and status of a KPI against its target, for each target kind. Pure.
// Invariants: "behind" is always direction-aware (positive = worse than the path or the
// limit, whatever the metric's direction); thresholds come from the KPI, else from
// documented defaults; a missing value gives no_data, never a guess.
//
// Defaults: reach and cumulative are on track up to `tolerance` (else 5%) behind the
// path, at risk up to 10 points more, off track beyond; stay_above / stay_below are on
// track on the right side of the limit, at risk up to `tolerance` (else 5%) past it, off
// track beyond. After the deadline a KPI is achieved or missed (within its tolerance).

import { daysIn, type DateRange, type Direction, type TargetDef, type ThresholdsDef } from '@kpi/core';
import type { Status, TargetReading } from './kpi-reading.js';

export interface TargetInput {
  readonly target: TargetDef & { readonly deadline: string };
  readonly thresholds?: ThresholdsDef;
  readonly direction: Direction;
  readonly goalPeriod: DateRange;
  readonly asOf: string;
  /** Cumulative: the total over the goal period to date; other kinds: the current period's value. */
  readonly actual: number | null;
  readonly baseline: number | null;
  /** Seasonal path: the share of last year's total over the same span reached by the same day (0..1). */
  readonly seasonalShare?: number | null;
  /** Stay kinds once the deadline has passed: the value over the whole goal period. */
  readonly wholePeriodValue?: number | null;
}

export interface TargetEvaluation {
  readonly reading: TargetReading;
  readonly status: Status;
  readonly reason: string;
}

const DEFAULT_TOLERANCE = 0.05;
const RISK_BAND = 0.1;

export const effectiveThresholds = (
  kind: TargetDef['kind'],
  tolerance: number | undefined,
  t: ThresholdsDef | undefined,
): { atRisk: number; offTrack: number } => {
  if (kind === 'stay_above' || kind === 'stay_below') {
    const atRisk = t?.at_risk ?? 0;
    return { atRisk, offTrack: Math.max(atRisk, t?.off_track ?? tolerance ?? DEFAULT_TOLERANCE) };
  }
  const atRisk = t?.at_risk ?? tolerance ?? DEFAULT_TOLERANCE;
  return { atRisk, offTrack: Math.max(atRisk, t?.off_track ?? atRisk + RISK_BAND) };
};

/** Status from how far behind (direction-aware fraction) a KPI is. */
export const statusFromBehind = (behind: number, th: { atRisk: number; offTrack: number }): Status =>
  behind <= th.atRisk + 1e-12 ? 'on_track' : behind <= th.offTrack + 1e-12 ? 'at_risk' : 'off_track';

/** True when `value` meets `target` in the good direction, allowing a miss of `tolerance` × |target|. */
const meets = (value: number, target: number, good: Direction, tolerance: number): boolean =>
  good === 'higher'
    ? value >= target - tolerance * Math.abs(target)
    : value <= target + tolerance * Math.abs(target);

const relBehind = (actual: number, expected: number, good: Direction): number => {
  const diff = good === 'higher' ? expected - actual : actual - expected;
  if (expected === 0) return diff > 0 ? Infinity : diff < 0 ? -Infinity : 0;
  return diff / Math.abs(expected);
};

export const evaluateTarget = (input: TargetInput): TargetEvaluation => {
  const { target, asOf, goalPeriod, actual, baseline } = input;
  const kind = target.kind;
  const tolerance = target.tolerance ?? 0;
  const thresholds = effectiveThresholds(kind, target.tolerance, input.thresholds);
  const stay = kind === 'stay_above' || kind === 'stay_below';
  const good: Direction =
    kind === 'stay_above' ? 'higher' : kind === 'stay_below' ? 'lower' : input.direction;
  const span = { start: goalPeriod.start, end: target.deadline };
  const daysTotal = daysIn(span);
  const daysElapsed = Math.min(daysTotal, daysIn({ start: span.start, end: asOf }));
  const daysLeft = daysTotal - daysElapsed;
  const over = asOf >= target.deadline;
  const seasonal = target.path === 'seasonal' && input.seasonalShare != null && !stay;
  const share = seasonal ? (input.seasonalShare as number) : daysTotal > 0 ? daysElapsed / daysTotal : 1;
  const start = kind === 'cumulative' ? 0 : baseline;
  const expected = stay ? target.value : start === null ? null : start + (target.value - start) * share;
  const cumulative = kind === 'cumulative';
  const reading: TargetReading = {
    kind,
    value: target.value,
    deadline: target.deadline,
    tolerance,
    path: target.path ?? 'linear',
    pathUsed: seasonal ? 'seasonal' : 'linear',
    baseline: cumulative ? null : baseline,
    actual,
    expected,
    gap: actual === null || expected === null ? null : actual - expected,
    behind: actual === null || expected === null ? null : relBehind(actual, expected, good),
    progress:
      actual === null || stay || start === null || target.value === start
        ? null
        : (actual - start) / (target.value - start),
    daysElapsed,
    daysTotal,
    daysLeft,
    requiredPerDay: cumulative && actual !== null && daysLeft > 0 ? (target.value - actual) / daysLeft : null,
    currentPerDay: cumulative && actual !== null && daysElapsed > 0 ? actual / daysElapsed : null,
    runRateAtDeadline:
      cumulative && actual !== null && daysElapsed > 0 ? actual + (actual / daysElapsed) * daysLeft : null,
    thresholds,
  };
  const done = (status: Status, reason: string): TargetEvaluation => ({ reading, status, reason });

  if (stay && over && input.wholePeriodValue !== undefined) {
    const v = input.wholePeriodValue;
    if (v === null) return done('no_data', 'no data over the goal period');
    return meets(v, target.value, good, tolerance)
      ? done('achieved', 'the limit held over the goal period')
      : done('missed', 'the limit was not held over the goal period');
  }
  if (actual === null) return done('no_data', 'no data for the period');
  if (over && !stay)
    return meets(actual, target.value, good, tolerance)
      ? done('achieved', 'the target was met by the deadline')
      : done('missed', 'the deadline passed without meeting the target');
  if (cumulative && good === 'higher' && actual >= target.value)
    return done('achieved', 'the total already reaches the target');
  if (cumulative && good === 'lower' && !meets(actual, target.value, 'lower', tolerance))
    return done('missed', 'the total is already past the target');
  if (reading.behind === null) {
    // A level with no baseline has no path: on track only once the target is met.
    return meets(actual, target.value, good, thresholds.atRisk)
      ? done('on_track', 'at the target (no baseline, so no path)')
      : done('at_risk', 'short of the target (no baseline, so no path)');
  }
  const status = statusFromBehind(reading.behind, thresholds);
  const what = stay ? 'the limit' : 'the path';
  const reason =
    status === 'on_track' && reading.behind <= 0
      ? stay
        ? 'on the right side of the limit'
        : 'on or ahead of the path'
      : status === 'on_track'
        ? `within ${Math.round(thresholds.atRisk * 100)}% of ${what}`
        : status === 'at_risk'
          ? `more than ${Math.round(thresholds.atRisk * 100)}% behind ${what}`
          : `more than ${Math.round(thresholds.offTrack * 100)}% behind ${what}`;
  return done(status, reason);
};
