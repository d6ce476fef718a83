// Comparing a value with an earlier one: absolute and relative change, and whether the
// change is good news given the metric's direction (a rise in cost per lead is worse).
// Pure. Invariant: relative change is null when the earlier value is 0 or missing.

import type { ComparisonWindow, Direction } from '@kpi/core';
import type { ComparisonReading, Sense } from './kpi-reading.js';

/** Changes smaller than this fraction count as flat. */
export const FLAT = 0.005;

export const senseOf = (change: number | null, relative: number | null, direction: Direction): Sense => {
  if (change === null) return 'unknown';
  if (change === 0 || (relative !== null && Math.abs(relative) < FLAT)) return 'flat';
  return change > 0 === (direction === 'higher') ? 'better' : 'worse';
};

export const compareValues = (
  current: number | null,
  window: ComparisonWindow,
  previous: number | null,
  direction: Direction,
): ComparisonReading => {
  const change = current === null || previous === null ? null : current - previous;
  const changeRelative =
    change === null || previous === null || previous === 0 ? null : change / Math.abs(previous);
  return {
    kind: window.kind,
    range: window.range,
    days: window.days,
    aligned: window.aligned,
    value: previous,
    change,
    changeRelative,
    sense: senseOf(change, changeRelative, direction),
  };
};
