// The daily series of one cube item over a date range, as the forecasts and anomaly checks
// read it. IO-free once the cube is read. Invariant: leading empty days are dropped.

import { addDays, dayNumber, type DateRange } from '@kpi/core';
import type { DayCube } from './scorecard-cube.js';

/** Days of history the daily models read. */
export const HISTORY_DAYS = 730;

/** Daily values from `start` to `end`; for additive series, empty days after the first value are 0. */
export const daily = (cube: DayCube, key: string, range: DateRange, zeroFill: boolean): (number | null)[] => {
  const n = dayNumber(range.end) - dayNumber(range.start) + 1;
  const out: (number | null)[] = [];
  let seen = false;
  for (let i = 0; i < n; i++) {
    const d = addDays(range.start, i);
    const v = cube.value(key, { start: d, end: d });
    if (v !== null) seen = true;
    out.push(v === null && seen && zeroFill ? 0 : v);
  }
  const first = out.findIndex((v) => v !== null);
  return first < 0 ? [] : out.slice(first);
};
