// Seasonal periods per series at the data's own grain: the candidate cycles of a grain
// (hour of day and day of week for 5-minute and hourly data, day of week and year for daily
// data, ...) kept when the series' autocorrelation shows them. Pure.
// Invariant: a period is only reported when the series holds enough cycles to test it.

import { ownGet } from '@kpi/core';
import { interpolateGaps } from './robust-decomposition.js';
import { isSeasonal } from './seasonal-decomposition.js';

export const SERIES_GRAINS = ['minute5', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type SeriesGrain = (typeof SERIES_GRAINS)[number];

const CANDIDATES: Readonly<Record<SeriesGrain, readonly number[]>> = {
  minute5: [288, 2016],
  hour: [24, 168],
  day: [7, 365],
  week: [52],
  month: [12],
  quarter: [4],
  year: [],
};

const ALIASES: Readonly<Record<string, SeriesGrain>> = {
  '5m': 'minute5',
  '5min': 'minute5',
  '5-minute': 'minute5',
  minute5: 'minute5',
  h: 'hour',
  hour: 'hour',
  hourly: 'hour',
  d: 'day',
  day: 'day',
  daily: 'day',
  w: 'week',
  week: 'week',
  weekly: 'week',
  m: 'month',
  month: 'month',
  monthly: 'month',
  q: 'quarter',
  quarter: 'quarter',
  quarterly: 'quarter',
  y: 'year',
  year: 'year',
  yearly: 'year',
};

/** The grain a name means ('5m', 'hourly', 'day', ...), or undefined. */
export const parseSeriesGrain = (name: string): SeriesGrain | undefined =>
  ownGet(ALIASES, name.toLowerCase());

/** Every cycle a series at this grain may show, shortest first. */
export const candidatePeriods = (grain: SeriesGrain): readonly number[] => CANDIDATES[grain];

/** Points per day at a grain (for "one false alarm per N days"). */
export const pointsPerDay = (grain: SeriesGrain): number =>
  grain === 'minute5'
    ? 288
    : grain === 'hour'
      ? 24
      : grain === 'day'
        ? 1
        : grain === 'week'
          ? 1 / 7
          : grain === 'month'
            ? 12 / 365.25
            : grain === 'quarter'
              ? 4 / 365.25
              : 1 / 365.25;

/** The candidate periods of `grain` that the series shows (autocorrelation test). */
export const detectPeriods = (values: readonly (number | null)[], grain: SeriesGrain): number[] => {
  const { y } = interpolateGaps(values);
  return candidatePeriods(grain).filter((m) => isSeasonal(y, m));
};
