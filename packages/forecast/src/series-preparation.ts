// Cleans a raw KPI series for the models: drops leading gaps, fills interior gaps by linear
// interpolation, counts trailing gaps (they extend the horizon), and refuses series that
// cannot support a forecast. Pure.
// Invariant: a prepared series has no NaN/null and at least MIN_OBSERVATIONS observed points.

import type { Issue, Result } from '@kpi/core';
import { fail, issue, ok } from '@kpi/core';

export const MIN_OBSERVATIONS = 5;

export interface PreparedSeries {
  readonly y: Float64Array;
  /** Observed (non-gap) points. */
  readonly observed: number;
  /** Null points at the end: the forecast must reach past them. */
  readonly trailingGaps: number;
  /** True when every observation is >= 0 (counts, money, visits). */
  readonly nonNegative: boolean;
  /** True when every observation is a whole number. */
  readonly integer: boolean;
}

const isValue = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

export const prepareSeries = (values: readonly (number | null)[]): Result<PreparedSeries> => {
  let first = 0;
  while (first < values.length && !isValue(values[first])) first++;
  let last = values.length - 1;
  while (last >= first && !isValue(values[last])) last--;
  const problems: Issue[] = [];
  const observed = values.filter(isValue).length;
  if (observed < MIN_OBSERVATIONS) {
    problems.push(
      issue(
        'forecast.not_enough_data',
        `only ${observed} observed point(s); a forecast needs at least ${MIN_OBSERVATIONS}`,
        ['values'],
        'wait for more data or use a coarser grain',
      ),
    );
    return fail(problems);
  }
  const span = last - first + 1;
  if (observed < span / 2) {
    problems.push(
      issue(
        'forecast.too_many_gaps',
        `${span - observed} of ${span} points are missing; too many gaps to forecast`,
        ['values'],
        'check the data load for missing periods',
      ),
    );
  }
  const y = new Float64Array(span);
  let prev = first;
  for (let i = first; i <= last; i++) {
    const v = values[i];
    if (!isValue(v)) continue;
    const pv = values[prev] as number;
    for (let j = prev + 1; j < i; j++) y[j - first] = pv + ((v - pv) * (j - prev)) / (i - prev);
    y[i - first] = v;
    prev = i;
  }
  if (y.every((v) => v === 0)) {
    problems.push(
      issue(
        'forecast.all_zero',
        'every observed value is zero; there is nothing to forecast from',
        ['values'],
        'check that the metric is loaded, or wait for the first non-zero values',
      ),
    );
  }
  if (problems.length > 0) return fail(problems);
  let nonNegative = true;
  let integer = true;
  for (const v of values)
    if (isValue(v)) {
      if (v < 0) nonNegative = false;
      if (!Number.isInteger(v)) integer = false;
    }
  return ok({ y, observed, trailingGaps: values.length - 1 - last, nonNegative, integer });
};
