// PostgreSQL dialect hooks. Pure. PostgreSQL divides integers as integers (hence the cast
// to double precision), and date_trunc on a DATE would go through the session time zone,
// so dates are cast to a plain TIMESTAMP first.
import type { Dialect } from '../dialect.js';
import { quoteAliasName, quoteIdentifier } from './quote-identifier.js';
import { weekStartOffset } from './week-offset.js';

export const postgresDialect: Dialect = {
  name: 'postgres',
  quoteIdent: quoteIdentifier,
  quoteAlias: quoteAliasName,
  placeholder: (index) => `$${index}`,
  castParamToDate: (p) => `CAST(${p} AS date)`,
  toLocalTimestamp: (expr, tz) => `(${expr} AT TIME ZONE CAST(${tz} AS text))`,
  timestampToDate: (expr) => `CAST(${expr} AS date)`,
  truncateToDate: (expr, grain, weekStart) => {
    const shift = grain === 'week' ? weekStartOffset(weekStart) : 0;
    const ts = `CAST(${expr} AS timestamp)`;
    if (shift === 0) return `CAST(date_trunc('${grain}', ${ts}) AS date)`;
    return `(CAST(date_trunc('week', ${ts} - INTERVAL '${shift} days') AS date) + ${shift})`;
  },
  latestValue: (value, time, cond) =>
    `(array_agg(${value} ORDER BY ${time} DESC NULLS LAST)${cond === undefined ? '' : ` FILTER (WHERE ${cond})`})[1]`,
  countDistinct: (expr) => `count(DISTINCT ${expr})`,
  filterAggregate: (agg, cond) => `${agg} FILTER (WHERE ${cond})`,
  safeDivide: (num, den) => `(CAST(${num} AS double precision) / NULLIF(${den}, 0))`,
};
