// The shared world behind every demo dataset: the calendar of the two years, the story
// dates (product launch, viral post, the bad week) and the daily demand factors (trend,
// yearly seasonality, launch lift). Pure and deterministic: a function of the options only.
// Invariant: day index 0 is `start`, index dayCount-1 is `end`; every array has dayCount items.

import { addDays, dayNumber, weekdayIndex } from '@kpi/core';

export interface DemoWorld {
  readonly seed: number;
  readonly start: string;
  readonly end: string;
  readonly dayCount: number;
  readonly dates: readonly string[];
  /** 0 = Monday ... 6 = Sunday. */
  readonly weekday: Uint8Array;
  /** Yearly seasonality: Q4 peak, summer dip, Black Friday week spike; about 1 on average. */
  readonly season: Float64Array;
  /** Slow growth: 1 at the start, about 1.4 at the end. */
  readonly trend: Float64Array;
  /** 1 before the launch, a decaying bump then a lasting step after it. */
  readonly launchLift: Float64Array;
  /** season * trend * launchLift: the demand everything scales with. */
  readonly demand: Float64Array;
  /** Day index of the product launch (a Tuesday). */
  readonly launch: number;
  /** Day index of the viral TikTok reel. */
  readonly viral: number;
  /** First (Monday) and last (Sunday) day index of the bad week. */
  readonly badStart: number;
  readonly badEnd: number;
  readonly timezone: string;
  readonly currency: string;
  /** Volume factor (<= 1) for the per-event datasets when a tiny scale is asked for. */
  readonly thin: number;
}

/** The day after the same date two years earlier (02-29 maps to 03-01). */
export const demoStartDate = (end: string): string => {
  const y = Number(end.slice(0, 4)) - 2;
  const md = end.slice(5) === '02-29' ? '02-28' : end.slice(5);
  return addDays(`${String(y).padStart(4, '0')}-${md}`, 1);
};

/** The Friday after the fourth Thursday of November of `year`. */
export const blackFriday = (year: number): string => {
  const nov1 = `${year}-11-01`;
  const firstThursday = (3 - weekdayIndex(nov1) + 7) % 7;
  return addDays(nov1, firstThursday + 22);
};

const dayOfYearFraction = (date: string): number =>
  (dayNumber(date) - dayNumber(`${date.slice(0, 4)}-01-01`)) / 365.25;

const seasonOf = (date: string): number => {
  const t = dayOfYearFraction(date);
  const winter = 0.16 * Math.cos(2 * Math.PI * (t - 0.96));
  const summerDip = -0.1 * Math.exp(-(((t - 0.6) / 0.07) ** 2));
  const bf = dayNumber(blackFriday(Number(date.slice(0, 4))));
  const d = dayNumber(date) - bf;
  const bfWeek = d >= -3 && d <= 3 ? 0.35 : 0;
  const xmasLull = date.slice(5) >= '12-24' && date.slice(5) <= '12-26' ? -0.25 : 0;
  return 1 + winter + summerDip + bfWeek + xmasLull;
};

export const buildWorld = (opts: {
  seed: number;
  endDate: string;
  timezone: string;
  currency: string;
  thin: number;
}): DemoWorld => {
  const start = demoStartDate(opts.endDate);
  const dayCount = dayNumber(opts.endDate) - dayNumber(start) + 1;
  const dates: string[] = [];
  const weekday = new Uint8Array(dayCount);
  for (let i = 0; i < dayCount; i++) {
    const date = addDays(start, i);
    dates.push(date);
    weekday[i] = weekdayIndex(date);
  }
  const at = (i: number): number => Math.min(dayCount - 1, Math.max(0, i));
  // Launch on a Tuesday about five months before the end; the bad week is the Monday-to-
  // Sunday week about six weeks before the end; the viral reel about nine months before.
  const l0 = at(dayCount - 150);
  const launch = l0 + ((1 - (weekday[l0] ?? 0) + 7) % 7);
  const b0 = at(dayCount - 46);
  const badStart = b0 - (weekday[b0] ?? 0);
  const viral = at(dayCount - 270) + ((4 - (weekday[at(dayCount - 270)] ?? 0) + 7) % 7);
  const season = new Float64Array(dayCount);
  const trend = new Float64Array(dayCount);
  const launchLift = new Float64Array(dayCount);
  const demand = new Float64Array(dayCount);
  for (let i = 0; i < dayCount; i++) {
    season[i] = seasonOf(dates[i] ?? start);
    trend[i] = 1 + (0.4 * i) / dayCount;
    launchLift[i] = i < launch ? 1 : 1.1 + 0.35 * Math.exp(-(i - launch) / 12);
    demand[i] = (season[i] ?? 1) * (trend[i] ?? 1) * (launchLift[i] ?? 1);
  }
  return {
    seed: opts.seed,
    start,
    end: opts.endDate,
    dayCount,
    dates,
    weekday,
    season,
    trend,
    launchLift,
    demand,
    launch,
    viral,
    badStart,
    badEnd: badStart + 6,
    timezone: opts.timezone,
    currency: opts.currency,
    thin: opts.thin,
  };
};

export const isBadDay = (w: DemoWorld, i: number): boolean => i >= w.badStart && i <= w.badEnd;

/** Index of `date` in the world, or -1 when outside the two years. */
export const dayIndexOf = (w: DemoWorld, date: string): number => {
  const i = dayNumber(date) - dayNumber(w.start);
  return i >= 0 && i < w.dayCount ? i : -1;
};
