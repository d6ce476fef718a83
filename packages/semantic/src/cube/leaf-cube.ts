// The leaf cube: the additive building blocks of many metrics, read in one pass per
// dataset, so a caller (the scorecard) can add them up over any set of days and compute
// ratios and formulas afterwards. Pure, readonly data. Invariants: every cube column is
// one aggregate that can be re-aggregated by its `reagg` rule (sum, min, max, the latest
// value of a series), except count_distinct (`none`: exact only as returned); an `avg`
// metric is split into a sum and a count so it stays exact over any range.

import type { Filter, Grain } from '@kpi/core';
import type { SqlValue } from '../dialect.js';
import type { Condition } from '../query/metric-query.js';

/** A metric to read, under an optional extra filter (a KPI's), named by `key`. */
export interface CubeItem {
  readonly key: string;
  readonly metric: string;
  readonly filter?: Filter;
}

/** A named closed date range; the output has one row group per range (column `K`). */
export interface CubeRange {
  readonly key: string;
  readonly from: string;
  readonly to: string;
}

export interface LeafCubeRequest {
  readonly items: readonly CubeItem[];
  /** Inclusive first and last day read (project time zone). */
  readonly from: string;
  readonly to: string;
  /**
   * The day on which every row of a static dataset (`time: none`) counts; default `to`
   * (reference data has one current version and no past).
   */
  readonly staticDate?: string;
  /** One row per period of `grain` (column `period`). */
  readonly grain?: Grain;
  /** Rows per named range (column `K`); a day in several ranges counts in each. */
  readonly ranges?: readonly CubeRange[];
  /**
   * Dimension sets to group aggregate scans by (GROUPING SETS); default one set, no
   * dimension. Snapshot scans always return one row per series (every dataset dimension).
   */
  readonly groupingSets?: readonly (readonly string[])[];
  /**
   * `caller`: aggregate scans return the finest rows (every dataset dimension) with one
   * unfiltered aggregate per (aggregate, column), and `leafBases` tells how to build each
   * leaf from them (its conditions on the row's dimensions). Cheaper than FILTER clauses
   * when many leaves differ only by filter. Default `sql`.
   */
  readonly leafFilters?: 'sql' | 'caller';
}

/** A leaf built by the caller: the aggregate column `base` over the rows whose dimensions meet `conditions`. */
export interface LeafBase {
  readonly leaf: string;
  readonly base: string;
  readonly conditions: readonly Condition[];
}

export type Reaggregation = 'sum' | 'min' | 'max' | 'latest' | 'none';

export interface CubeLeaf {
  /** `L1`, `L2S` (the sum of an avg), `L2C` (its count), ... */
  readonly id: string;
  readonly metric: string;
  readonly dataset: string;
  readonly reagg: Reaggregation;
}

/** How an item's value is computed from leaf values (after re-aggregation). */
export type CubeNode =
  | { readonly kind: 'leaf'; readonly leaf: string }
  | { readonly kind: 'ratio'; readonly numerator: CubeNode; readonly denominator: CubeNode }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'neg'; readonly arg: CubeNode }
  | {
      readonly kind: 'bin';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: CubeNode;
      readonly right: CubeNode;
    };

export interface CubeColumn {
  readonly name: string;
  readonly leaf: string;
}

/** One statement: one pass over one dataset. */
export interface CubeQuery {
  readonly dataset: string;
  readonly kind: 'aggregate' | 'snapshot';
  readonly sql: string;
  readonly params: readonly SqlValue[];
  /** Output column `P` present: the first day of the period. */
  readonly period: boolean;
  /** Output column `K` present: the key of the range the row sums. */
  readonly ranges: boolean;
  /** Dimension columns in the output; in an aggregate scan with grouping sets, `grouping` tells which are set. */
  readonly dimensions: readonly string[];
  /**
   * Aggregate scans with grouping sets: the output column `grouping` is a bit mask, the
   * first dimension being the highest bit, a bit set when that dimension is NOT grouped.
   */
  readonly groupingSets: boolean;
  readonly columns: readonly CubeColumn[];
  /** With `leafFilters: 'caller'`: how each leaf is built from the base columns. */
  readonly leafBases?: readonly LeafBase[];
}

export interface LeafCube {
  readonly queries: readonly CubeQuery[];
  readonly leaves: readonly CubeLeaf[];
  readonly items: readonly { readonly key: string; readonly metric: string; readonly node: CubeNode }[];
}
