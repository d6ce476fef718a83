// Local wall-clock times in the project time zone written as ISO timestamps with the UTC
// offset, e.g. 2025-03-14T09:05:00+01:00. Pure (Intl only, UTC instants only, so no host
// time zone is involved). Offsets are computed once per day and exactly on DST-change days.

import { dayNumber } from '@kpi/core';

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A function giving the UTC offset (minutes) of a UTC instant in `timeZone`. */
const offsetReader = (timeZone: string): ((utcMs: number) => number) => {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (utcMs) => {
    const v: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(utcMs))) v[part.type] = Number(part.value);
    const asUtc = Date.UTC(
      v.year ?? 1970,
      (v.month ?? 1) - 1,
      v.day ?? 1,
      v.hour ?? 0,
      v.minute ?? 0,
      v.second ?? 0,
    );
    return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
  };
};

const offsetText = (minutes: number): string => {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
};

/**
 * Formats local times of the given dates. Throws a RangeError for an unknown time zone
 * (the caller validates options first).
 */
export const zonedFormatter = (
  timeZone: string,
  dates: readonly string[],
): ((dayIndex: number, secondOfDay: number) => string) => {
  const offsetAt = offsetReader(timeZone);
  const dayMs = dates.map((d) => dayNumber(d) * 86_400_000);
  /** Offset of the day when constant through it, else NaN (a DST-change day). */
  const daily = dayMs.map((ms) => {
    const noon = offsetAt(ms + 43_200_000);
    const early = offsetAt(ms - noon * 60_000);
    const late = offsetAt(ms + 86_399_000 - noon * 60_000);
    return early === noon && late === noon ? noon : Number.NaN;
  });
  const texts = daily.map((o) => (Number.isNaN(o) ? '' : offsetText(o)));
  return (dayIndex, secondOfDay) => {
    const h = Math.floor(secondOfDay / 3600);
    const m = Math.floor((secondOfDay % 3600) / 60);
    const s = secondOfDay % 60;
    let offset = texts[dayIndex] ?? '';
    if (offset === '') {
      const local = (dayMs[dayIndex] ?? 0) + secondOfDay * 1000;
      const guess = offsetAt(local - 60 * 60_000);
      offset = offsetText(offsetAt(local - guess * 60_000));
    }
    return `${dates[dayIndex] ?? ''}T${pad(h)}:${pad(m)}:${pad(s)}${offset}`;
  };
};
