// The metric query: what a caller asks for, the plan the compiler makes of it, and the
// compiled SQL. Pure, readonly data. Invariant: a plan only holds validated names (safe to
// quote) and user values that will be bound, never SQL text.

import type { Aggregation, Grain, Weekday } from '@kpi/core';
import type { SqlValue } from '../dialect.js';

export type FilterValue = string | number | boolean;

export interface MetricOrder {
  /** An output column: `period`, a group-by dimension or a requested metric. */
  readonly column: string;
  readonly direction?: 'asc' | 'desc';
}

export interface MetricQueryRequest {
  readonly metrics: readonly string[];
  /** Omit for one row over the whole range. */
  readonly grain?: Grain;
  /** Inclusive first day, YYYY-MM-DD in the project time zone. */
  readonly from?: string;
  /** Inclusive last day, YYYY-MM-DD in the project time zone. */
  readonly to?: string;
  /** Dimension names to group by. */
  readonly groupBy?: readonly string[];
  /** Any of the listed values, per dimension. */
  readonly where?: Readonly<Record<string, readonly FilterValue[]>>;
  /** Applied before the default order (period, then dimensions). */
  readonly orderBy?: readonly MetricOrder[];
  readonly limit?: number;
}

export type ColumnRole = 'period' | 'dimension' | 'metric';

export interface CompiledColumn {
  readonly name: string;
  readonly role: ColumnRole;
  /** The metric name, for role 'metric'. */
  readonly metric?: string;
}

export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly SqlValue[];
  readonly columns: readonly CompiledColumn[];
}

/** A dimension restricted to any of `values`. */
export interface Condition {
  readonly dimension: string;
  readonly values: readonly FilterValue[];
}

/** One aggregate read from a dataset: a simple or snapshot metric under its effective filter. */
export interface LeafAggregate {
  /** Column alias inside its scan (`M1`, `M2`, ...), unique in the query. */
  readonly alias: string;
  readonly metric: string;
  readonly agg: Aggregation | 'latest';
  readonly column?: string;
  /** The metric's own filter plus those inherited from the ratio or derived metrics using it (all must hold). */
  readonly conditions: readonly Condition[];
}

/**
 * One pass over a dataset. `aggregate` scans hold every simple metric of the dataset;
 * `snapshot` scans take the latest value per series (combination of the dataset's
 * dimensions) and period, then sum across series.
 */
export interface Scan {
  /** CTE name (`Scan1`, ...). */
  readonly alias: string;
  readonly kind: 'aggregate' | 'snapshot';
  readonly dataset: string;
  readonly timeColumn: string;
  readonly timeType: 'date' | 'timestamp';
  /** Static reference data (`time: none`): every row counts on the query's last day. */
  readonly static?: boolean;
  /** The dataset's dimensions (the series of a snapshot). */
  readonly seriesDimensions: readonly string[];
  readonly leaves: readonly LeafAggregate[];
}

/** How a requested metric is computed from the scans' columns, after aggregation. */
export type MetricNode =
  | { readonly kind: 'leaf'; readonly scan: string; readonly alias: string }
  | { readonly kind: 'ratio'; readonly numerator: MetricNode; readonly denominator: MetricNode }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'neg'; readonly arg: MetricNode }
  | {
      readonly kind: 'bin';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: MetricNode;
      readonly right: MetricNode;
    };

export interface MetricQueryPlan {
  readonly grain?: Grain;
  readonly from?: string;
  readonly to?: string;
  readonly timezone: string;
  readonly weekStart: Weekday;
  readonly groupBy: readonly string[];
  readonly where: readonly Condition[];
  readonly scans: readonly Scan[];
  readonly metrics: readonly { readonly name: string; readonly node: MetricNode }[];
  readonly orderBy: readonly Required<MetricOrder>[];
  readonly limit?: number;
  readonly columns: readonly CompiledColumn[];
}
