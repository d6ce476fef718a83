// DuckDB dialect hooks. Pure. DuckDB's `/` is floating-point division, date_trunc returns
// a TIMESTAMP (hence the casts), and `timezone(tz, timestamptz)` gives local time (ICU).
import type { Dialect } from '../dialect.js';
import { quoteAliasName, quoteIdentifier } from './quote-identifier.js';
import { weekStartOffset } from './week-offset.js';

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  quoteIdent: quoteIdentifier,
  quoteAlias: quoteAliasName,
  placeholder: (index) => `$${index}`,
  castParamToDate: (p) => `CAST(${p} AS DATE)`,
  toLocalTimestamp: (expr, tz) => `timezone(${tz}, ${expr})`,
  timestampToDate: (expr) => `CAST(${expr} AS DATE)`,
  truncateToDate: (expr, grain, weekStart) => {
    const shift = grain === 'week' ? weekStartOffset(weekStart) : 0;
    if (shift === 0) return `CAST(date_trunc('${grain}', ${expr}) AS DATE)`;
    // A week starting on day `shift` after Monday: move back, take the ISO week, move forward.
    return `(CAST(date_trunc('week', ${expr} - INTERVAL '${shift} days') AS DATE) + ${shift})`;
  },
  latestValue: (value, time, cond) =>
    `arg_max(${value}, ${time})${cond === undefined ? '' : ` FILTER (WHERE ${cond})`}`,
  countDistinct: (expr) => `count(DISTINCT ${expr})`,
  filterAggregate: (agg, cond) => `${agg} FILTER (WHERE ${cond})`,
  safeDivide: (num, den) => `(${num} / NULLIF(${den}, 0))`,
};
