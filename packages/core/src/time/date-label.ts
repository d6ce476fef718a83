// Dates and periods written for people: "31 Mar", "week of 16 Nov", "Q4 2026", "FY2026".
// Pure. Invariant: English month names, no JS Date and no locale lookups, so the same
// input always gives the same text.

import { isoWeek } from './calendar.js';
import { fiscalYearOf, type CalendarSettings, type DateRange, type PeriodGrain } from './period-range.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const monthName = (date: string): string => MONTHS[Number(date.slice(5, 7)) - 1] ?? '?';

/** "31 Mar", or "31 Mar 2026" when `withYear` (or when the year differs from `refYear`). */
export const formatDay = (date: string, refYear?: string): string => {
  const base = `${Number(date.slice(8, 10))} ${monthName(date)}`;
  return refYear === undefined || date.slice(0, 4) !== refYear ? `${base} ${date.slice(0, 4)}` : base;
};

/** "5–11 Oct 2026", "28 Sep – 4 Oct 2026", "30 Dec 2025 – 5 Jan 2026". */
export const formatRange = (r: DateRange): string => {
  if (r.start === r.end) return formatDay(r.start, '');
  const sameYear = r.start.slice(0, 4) === r.end.slice(0, 4);
  if (sameYear && r.start.slice(5, 7) === r.end.slice(5, 7))
    return `${Number(r.start.slice(8, 10))}–${formatDay(r.end, '')}`;
  return sameYear
    ? `${formatDay(r.start, r.end.slice(0, 4))} – ${formatDay(r.end, '')}`
    : `${formatDay(r.start, '')} – ${formatDay(r.end, '')}`;
};

/** A short name for the period of `grain` starting at `start`: "W42 2026", "Oct 2026", "Q4 2026", "FY2026 Q1". */
export const periodLabel = (start: string, grain: PeriodGrain, cal?: CalendarSettings): string => {
  const year = start.slice(0, 4);
  switch (grain) {
    case 'day':
      return formatDay(start, '');
    case 'week': {
      const w = isoWeek(start);
      return cal === undefined || cal.weekStart === 'monday'
        ? `W${w.week} ${w.year}`
        : `week of ${formatDay(start, '')}`;
    }
    case 'month':
      return `${monthName(start)} ${year}`;
    case 'quarter':
      return `Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1} ${year}`;
    case 'year':
      return year;
    case 'fiscal_year':
    case 'fiscal_quarter': {
      const c = cal ?? { weekStart: 'monday', fiscalYearStart: 1 };
      const fy = fiscalYearOf(start, c);
      if (grain === 'fiscal_year') return `FY${fy.year}`;
      const months =
        (Number(start.slice(0, 4)) - Number(fy.range.start.slice(0, 4))) * 12 +
        Number(start.slice(5, 7)) -
        Number(fy.range.start.slice(5, 7));
      return `FY${fy.year} Q${Math.floor(months / 3) + 1}`;
    }
  }
};
