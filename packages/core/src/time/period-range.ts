// Periods as closed date ranges: the period of a grain that contains a day (calendar and
// fiscal), period-to-date, the previous period and the last N periods. Pure. Invariants:
// dates are YYYY-MM-DD calendar days in the project time zone (never a JS Date); a range
// includes both its start and its end; month arithmetic clamps to the month's last day.

import type { ProjectSettings, Weekday } from '../schema/project-schema.js';
import { addDays, dayNumber, periodStart } from './calendar.js';

/** A closed range of days: both `start` and `end` are included. */
export interface DateRange {
  readonly start: string;
  readonly end: string;
}

/** Grains of a period: the calendar ones plus quarters and years of the fiscal year. */
export const PERIOD_GRAINS = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'fiscal_quarter',
  'fiscal_year',
] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/** How a project counts weeks and fiscal years. */
export interface CalendarSettings {
  readonly weekStart: Weekday;
  /** Month (1-12) the fiscal year starts in; 1 makes fiscal years calendar years. */
  readonly fiscalYearStart: number;
}

export const DEFAULT_CALENDAR: CalendarSettings = { weekStart: 'monday', fiscalYearStart: 1 };

export const calendarOf = (
  s: Pick<ProjectSettings, 'week_start' | 'fiscal_year_start'>,
): CalendarSettings => ({
  weekStart: s.week_start,
  fiscalYearStart: s.fiscal_year_start,
});

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Days in a range, both ends counted (0 when end is before start). */
export const daysIn = (r: DateRange): number => Math.max(0, dayNumber(r.end) - dayNumber(r.start) + 1);

export const inRange = (date: string, r: DateRange): boolean => date >= r.start && date <= r.end;

/** The overlap of two ranges, or undefined when they do not meet. */
export const intersect = (a: DateRange, b: DateRange): DateRange | undefined => {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start <= end ? { start, end } : undefined;
};

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** `date` moved by `n` months, the day clamped to the target month (2024-03-31 - 1 month = 2024-02-29). */
export const addMonths = (date: string, n: number): string => {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(Number(date.slice(8, 10)), daysInMonth(y, m)))}`;
};

export const addYears = (date: string, n: number): string => addMonths(date, 12 * n);

/** First month of a period of `months` months anchored on `anchorMonth` (1-12) containing `date`. */
const monthBlock = (date: string, months: number, anchorMonth: number): DateRange => {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  const offset = (((index - (anchorMonth - 1)) % months) + months) % months;
  const first = index - offset;
  const start = `${pad(Math.floor(first / 12), 4)}-${pad((first % 12) + 1)}-01`;
  return { start, end: addDays(addMonths(start, months), -1) };
};

/** The whole period of `grain` that contains `date`. */
export const periodOf = (
  date: string,
  grain: PeriodGrain,
  cal: CalendarSettings = DEFAULT_CALENDAR,
): DateRange => {
  switch (grain) {
    case 'day':
      return { start: date, end: date };
    case 'week': {
      const start = periodStart(date, 'week', cal.weekStart);
      return { start, end: addDays(start, 6) };
    }
    case 'month':
      return monthBlock(date, 1, 1);
    case 'quarter':
      return monthBlock(date, 3, 1);
    case 'year':
      return monthBlock(date, 12, 1);
    case 'fiscal_quarter':
      return monthBlock(date, 3, cal.fiscalYearStart);
    case 'fiscal_year':
      return monthBlock(date, 12, cal.fiscalYearStart);
  }
};

/** The period before the one containing `date`. */
export const previousPeriodOf = (date: string, grain: PeriodGrain, cal?: CalendarSettings): DateRange =>
  periodOf(addDays(periodOf(date, grain, cal).start, -1), grain, cal);

/** A period cut at `asOf`: the days so far, and how many of the whole period's days they are. */
export interface PeriodToDate {
  readonly grain: PeriodGrain;
  /** The whole period. */
  readonly period: DateRange;
  /** From the period's start to `asOf` (the whole period once `asOf` is its last day). */
  readonly range: DateRange;
  readonly elapsedDays: number;
  readonly totalDays: number;
  /** True when the period is not over on `asOf`. */
  readonly partial: boolean;
}

export const periodToDate = (asOf: string, grain: PeriodGrain, cal?: CalendarSettings): PeriodToDate => {
  const period = periodOf(asOf, grain, cal);
  const range = { start: period.start, end: asOf };
  const elapsedDays = daysIn(range);
  const totalDays = daysIn(period);
  return { grain, period, range, elapsedDays, totalDays, partial: elapsedDays < totalDays };
};

/** The last `n` periods up to the one containing `asOf` (oldest first); the last is cut at `asOf`. */
export const lastPeriods = (
  asOf: string,
  grain: PeriodGrain,
  n: number,
  cal?: CalendarSettings,
): DateRange[] => {
  const out: DateRange[] = [];
  let p = periodOf(asOf, grain, cal);
  out.push({ start: p.start, end: asOf < p.end ? asOf : p.end });
  for (let i = 1; i < n; i++) {
    p = periodOf(addDays(p.start, -1), grain, cal);
    out.push(p);
  }
  return out.reverse();
};

/** The fiscal year containing `date`, named after the calendar year it ends in (FY2026 = Apr 2025 - Mar 2026). */
export const fiscalYearOf = (
  date: string,
  cal: CalendarSettings,
): { readonly year: number; readonly range: DateRange } => {
  const range = periodOf(date, 'fiscal_year', cal);
  return { year: Number(range.end.slice(0, 4)), range };
};

/**
 * The grain for a KPI's review cadence: weekly -> week (the default), monthly -> month,
 * quarterly -> quarter, yearly -> year, or the fiscal quarter / year when the fiscal year
 * does not start in January.
 */
export const cadenceGrain = (
  cadence: 'weekly' | 'monthly' | 'quarterly' | 'yearly' | undefined,
  cal: CalendarSettings = DEFAULT_CALENDAR,
): PeriodGrain => {
  const fiscal = cal.fiscalYearStart !== 1;
  if (cadence === 'monthly') return 'month';
  if (cadence === 'quarterly') return fiscal ? 'fiscal_quarter' : 'quarter';
  if (cadence === 'yearly') return fiscal ? 'fiscal_year' : 'year';
  return 'week';
};
