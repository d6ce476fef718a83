// Comparison windows: the period to date against the previous period and the same period
// last year, made fair when the current period is not over. Pure. Invariant: a partial
// period is always compared with the same number of days from the start of the other
// period (clamped to that period's length), and the window says so (`aligned`); it is
// never silently compared with a whole period.

import { addDays } from './calendar.js';
import {
  addYears,
  daysIn,
  periodOf,
  periodToDate,
  type CalendarSettings,
  type DateRange,
  type PeriodGrain,
  type PeriodToDate,
} from './period-range.js';

export const COMPARISON_KINDS = ['previous_period', 'same_period_last_year'] as const;
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

export interface ComparisonWindow {
  readonly kind: ComparisonKind;
  /** The days compared against the current range. */
  readonly range: DateRange;
  /** The whole period `range` belongs to. */
  readonly period: DateRange;
  /** True when `range` is only the first days of `period`, matching a partial current period. */
  readonly aligned: boolean;
  readonly days: number;
}

export interface ComparisonWindows {
  readonly current: PeriodToDate;
  readonly previous: ComparisonWindow;
  readonly lastYear: ComparisonWindow;
}

/** The first `days` days of `period` when the current one is partial (never more than the whole period); else the whole period. */
const firstDays = (
  kind: ComparisonKind,
  period: DateRange,
  days: number,
  partial: boolean,
): ComparisonWindow => {
  const cut = addDays(period.start, days - 1);
  const range = { start: period.start, end: partial && cut < period.end ? cut : period.end };
  return { kind, range, period, aligned: partial, days: daysIn(range) };
};

/**
 * The same period one year earlier: 52 weeks (364 days) back for days and weeks, so
 * weekdays line up; the same calendar period one year back for months, quarters and years.
 */
export const samePeriodLastYear = (
  period: DateRange,
  grain: PeriodGrain,
  cal?: CalendarSettings,
): DateRange =>
  grain === 'day' || grain === 'week'
    ? { start: addDays(period.start, -364), end: addDays(period.end, -364) }
    : periodOf(addYears(period.start, -1), grain, cal);

/** The current period to `asOf`, with its previous period and the same period last year. */
export const comparisonWindows = (
  asOf: string,
  grain: PeriodGrain,
  cal?: CalendarSettings,
): ComparisonWindows => {
  const current = periodToDate(asOf, grain, cal);
  const prev = periodOf(addDays(current.period.start, -1), grain, cal);
  const ly = samePeriodLastYear(current.period, grain, cal);
  return {
    current,
    previous: firstDays('previous_period', prev, current.elapsedDays, current.partial),
    lastYear: firstDays('same_period_last_year', ly, current.elapsedDays, current.partial),
  };
};
