// Comparing a value with an earlier one: absolute and relative change, and whether the
// change is good news given the metric's direction (a rise in cost per lead is worse).
// Pure. Invariants: relative change is null when the earlier value is 0 or missing; a
// comparison against a period holding data on less than half the days the current one
// does is flagged (`thin`) and not computed, so "+2,567%" against two hours never shows.

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

/** Below this share of the current window's days with data, the other window is too thin to compare with. */
export const MIN_COVERAGE = 0.5;

/**
 * The comparison, flagged and left uncomputed when its window has data on fewer than
 * MIN_COVERAGE of the days the current window has data on.
 */
export const withCoverage = (
  c: ComparisonReading,
  daysWithData: number | null | undefined,
  currentDaysWithData: number | null | undefined,
): ComparisonReading => {
  if (daysWithData == null || currentDaysWithData == null || currentDaysWithData === 0) return c;
  if (c.value === null || daysWithData >= MIN_COVERAGE * currentDaysWithData) return c;
  return {
    ...c,
    change: null,
    changeRelative: null,
    sense: 'unknown',
    thin: { daysWithData, currentDaysWithData },
  };
};
