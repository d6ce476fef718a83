// Calendar arithmetic on plain dates written YYYY-MM-DD. Pure. Invariant: no JS Date in
// local time is ever involved, so no time zone can shift a day; days are counted from
// 1970-01-01 (day 0, a Thursday) in the proleptic Gregorian calendar.

import type { Weekday } from '../schema/project-schema.js';
import { WEEKDAYS } from '../schema/project-schema.js';

export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Days since 1970-01-01 for a YYYY-MM-DD date (Howard Hinnant's days_from_civil). */
export const dayNumber = (date: string): number => {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

/** YYYY-MM-DD for a day number (civil_from_days). */
export const fromDayNumber = (z0: number): string => {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
};

export const addDays = (date: string, n: number): string => fromDayNumber(dayNumber(date) + n);

/** 0 = Monday ... 6 = Sunday. */
export const weekdayIndex = (date: string): number => (((dayNumber(date) + 3) % 7) + 7) % 7;

/** First day of the period of `grain` that contains `date`. Weeks start on `weekStart`. */
export const periodStart = (date: string, grain: Grain, weekStart: Weekday = 'monday'): string => {
  switch (grain) {
    case 'day':
      return date;
    case 'week': {
      const offset = (weekdayIndex(date) - WEEKDAYS.indexOf(weekStart) + 7) % 7;
      return addDays(date, -offset);
    }
    case 'month':
      return `${date.slice(0, 7)}-01`;
    case 'quarter': {
      const m = Number(date.slice(5, 7));
      return `${date.slice(0, 4)}-${pad(m - ((m - 1) % 3))}-01`;
    }
    case 'year':
      return `${date.slice(0, 4)}-01-01`;
  }
};

/** First day of the next period after the one starting at `start`. */
export const nextPeriodStart = (start: string, grain: Grain): string => {
  if (grain === 'day') return addDays(start, 1);
  if (grain === 'week') return addDays(start, 7);
  const months = grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12;
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 + months;
  return `${pad(y + Math.floor(m / 12), 4)}-${pad((m % 12) + 1)}-01`;
};

/** ISO 8601 week-numbering year and week of a date, e.g. 2021-01-03 -> {year: 2020, week: 53}. */
export const isoWeek = (date: string): { year: number; week: number } => {
  const thursday = addDays(date, 3 - weekdayIndex(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayNumber(thursday) - dayNumber(`${year}-01-01`)) / 7) + 1;
  return { year, week };
};
