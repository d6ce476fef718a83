// Today's date in a time zone, as YYYY-MM-DD. IO (reads the clock).
import { addDays } from '@kpi/core';

export const todayIn = (timeZone: string, now: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );

export const yesterdayIn = (timeZone: string, now: Date = new Date()): string =>
  addDays(todayIn(timeZone, now), -1);
