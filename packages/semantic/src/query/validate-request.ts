// Checks of the request fields that do not depend on the metrics: grain, dates, where
// values, order and limit. Pure. Invariant: returns every problem, each with a stable
// code, a path inside the request (['request', field, ...]) and a hint.

import { GRAINS, isIsoDate, issue, type Grain, type Issue } from '@kpi/core';
import type { MetricQueryRequest } from './metric-query.js';

const MAX_LIMIT = 1_000_000_000;

export const checkGrain = (grain: unknown): Issue[] =>
  grain === undefined || (typeof grain === 'string' && (GRAINS as readonly string[]).includes(grain))
    ? []
    : [
        issue(
          'query.grain.unknown',
          `unknown grain ${JSON.stringify(grain)}`,
          ['request', 'grain'],
          `use one of: ${GRAINS.join(', ')}, or none for one row over the whole range`,
        ),
      ];

export const checkDates = (from: unknown, to: unknown): Issue[] => {
  const out: Issue[] = [];
  const check = (value: unknown, field: 'from' | 'to'): boolean => {
    if (value === undefined) return false;
    if (typeof value === 'string' && isIsoDate(value)) return true;
    out.push(
      issue(
        'query.date.invalid',
        `${field} date ${JSON.stringify(value)} is not a real calendar date`,
        ['request', field],
        'write dates as YYYY-MM-DD, e.g. 2025-03-31',
      ),
    );
    return false;
  };
  const okFrom = check(from, 'from');
  const okTo = check(to, 'to');
  if (okFrom && okTo && (from as string) > (to as string))
    out.push(
      issue(
        'query.date.range',
        `from ${String(from)} is after to ${String(to)}`,
        ['request', 'to'],
        'use from <= to (both days are included)',
      ),
    );
  return out;
};

const isFilterValue = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

export const checkWhereValues = (where: MetricQueryRequest['where']): Issue[] => {
  const out: Issue[] = [];
  for (const [dim, values] of Object.entries(where ?? {})) {
    if (!Array.isArray(values) || values.length === 0)
      out.push(
        issue(
          'query.where.empty',
          `filter on ${JSON.stringify(dim)} lists no values`,
          ['request', 'where', dim],
          'give at least one allowed value, or drop the filter',
        ),
      );
    else if (!values.every(isFilterValue))
      out.push(
        issue(
          'query.where.value_invalid',
          `filter on ${JSON.stringify(dim)} has a value that is not text, a finite number or true/false`,
          ['request', 'where', dim],
          'filter values are plain text, numbers or booleans',
        ),
      );
  }
  return out;
};

export const checkOrderAndLimit = (
  request: MetricQueryRequest,
  outputColumns: readonly string[],
): Issue[] => {
  const out: Issue[] = [];
  (request.orderBy ?? []).forEach((o, i) => {
    if (!outputColumns.includes(o.column))
      out.push(
        issue(
          'query.order.unknown_column',
          `cannot order by ${JSON.stringify(o.column)}: it is not an output column`,
          ['request', 'orderBy', i, 'column'],
          `output columns: ${outputColumns.join(', ')}`,
        ),
      );
    if (o.direction !== undefined && o.direction !== 'asc' && o.direction !== 'desc')
      out.push(
        issue(
          'query.order.direction',
          `unknown order direction ${JSON.stringify(o.direction)}`,
          ['request', 'orderBy', i, 'direction'],
          'use asc or desc',
        ),
      );
  });
  const limit = request.limit;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT))
    out.push(
      issue(
        'query.limit.invalid',
        `limit ${JSON.stringify(limit)} is not a positive whole number`,
        ['request', 'limit'],
        'use a whole number of rows, 1 or more',
      ),
    );
  return out;
};

export const isGrain = (g: unknown): g is Grain =>
  typeof g === 'string' && (GRAINS as readonly string[]).includes(g);
