// The SQL dialect hooks: the only place where DuckDB and PostgreSQL differ (a dialect is named
// here only when the engine suite runs it on its real engine).
// Pure. Invariants: every identifier goes through quoteIdent (user names, validated) or
// quoteAlias (names the compiler makes up, which can never clash with a user name); every
// user value is a bound parameter; each hook returns one SQL expression or fragment and
// never sees a user value, only placeholders and compiler-built SQL.

import type { Grain, Weekday } from '@kpi/core';

export type DialectName = 'duckdb' | 'postgres';

/** A value bound to a placeholder. */
export type SqlValue = string | number | boolean | null;

export interface Dialect {
  readonly name: DialectName;
  /** Quotes a validated identifier (dataset, column, metric, dimension); throws on anything else. */
  quoteIdent(name: string): string;
  /** Quotes a name the compiler made up (`P`, `M1`, `Scan1`): an upper-case first letter, so it never equals a user identifier. */
  quoteAlias(name: string): string;
  /** The placeholder of the `index`-th bound parameter (1-based). */
  placeholder(index: number): string;
  /** A bound text parameter (its placeholder) read as a DATE. */
  castParamToDate(placeholder: string): string;
  /** A TIMESTAMPTZ expression as a local TIMESTAMP in the time zone bound at `tzPlaceholder`. */
  toLocalTimestamp(expr: string, tzPlaceholder: string): string;
  /** A local TIMESTAMP expression as its DATE. */
  timestampToDate(expr: string): string;
  /** A DATE or local TIMESTAMP truncated to the first day of its period, as a DATE. */
  truncateToDate(expr: string, grain: Grain, weekStart: Weekday): string;
  /** Aggregate: the value of `valueExpr` on the row with the latest `timeExpr`, among the rows where `condition` holds when given. */
  latestValue(valueExpr: string, timeExpr: string, condition?: string): string;
  /** Aggregate: the number of distinct non-null values. */
  countDistinct(expr: string): string;
  /** An aggregate restricted to the rows where `condition` holds. */
  filterAggregate(aggregate: string, condition: string): string;
  /** num / den as a floating-point number, NULL when den is zero. */
  safeDivide(num: string, den: string): string;
}
