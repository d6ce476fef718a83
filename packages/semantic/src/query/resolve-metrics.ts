// Resolves requested metric names into formula trees over leaf aggregates (simple and
// snapshot metrics under their effective filters). Pure. Invariants: ratio and derived
// metrics become trees evaluated after aggregation, never SQL text; a ratio's or derived
// metric's filter is pushed down to every leaf under it; identical leaves are shared;
// broken definitions and cycles become issues positioned at the metric's definition.

import {
  IDENTIFIER_RE,
  parseExpression,
  ownGet,
  type Expr,
  type Filter,
  type Issue,
  type Project,
} from '@kpi/core';
import type { Condition, FilterValue } from './metric-query.js';

export interface LeafDraft {
  readonly key: string;
  readonly metric: string;
  readonly dataset: string;
  readonly kind: 'aggregate' | 'snapshot';
  readonly agg: LeafAgg;
  readonly column?: string;
  readonly conditions: readonly Condition[];
}
type LeafAgg = 'sum' | 'count' | 'count_distinct' | 'avg' | 'min' | 'max' | 'latest';

export type DraftNode =
  | { readonly kind: 'leaf'; readonly key: string }
  | { readonly kind: 'ratio'; readonly numerator: DraftNode; readonly denominator: DraftNode }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'neg'; readonly arg: DraftNode }
  | {
      readonly kind: 'bin';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: DraftNode;
      readonly right: DraftNode;
    };

export interface ResolvedMetrics {
  readonly nodes: ReadonlyMap<string, DraftNode>;
  readonly leaves: ReadonlyMap<string, LeafDraft>;
  /** Datasets each requested metric reads, through ratios and formulas. */
  readonly datasets: ReadonlyMap<string, readonly string[]>;
  readonly issues: readonly Issue[];
}

const valueKey = (v: FilterValue): string => `${typeof v}:${String(v)}`;

/** Conditions in a canonical order with sorted, de-duplicated values (so equal filters compare equal). */
const canonical = (conds: readonly Condition[]): Condition[] => {
  const seen = new Set<string>();
  return conds
    .map((c) => {
      const values = [...new Map(c.values.map((v) => [valueKey(v), v])).entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, v]) => v);
      return { dimension: c.dimension, values };
    })
    .filter((c) => {
      const k = JSON.stringify(c);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
};

export const filterConditions = (filter: Filter | undefined): Condition[] =>
  Object.entries(filter ?? {}).map(([dimension, v]) => ({ dimension, values: Array.isArray(v) ? v : [v] }));

/**
 * Resolves `names` (each assumed defined) into trees and leaves. `inherited` conditions
 * (an extra filter, e.g. a KPI's) apply to every leaf, like a ratio's filter does.
 */
export const resolveMetrics = (
  project: Project,
  names: readonly string[],
  inherited: readonly Condition[] = [],
): ResolvedMetrics => {
  const leaves = new Map<string, LeafDraft>();
  const issues = new Map<string, Issue>();
  const problem = (metric: string, field: string | undefined, message: string, hint: string): undefined => {
    const position = ownGet(project.locations, `metrics.${metric}`);
    const path = field === undefined ? ['metrics', metric] : ['metrics', metric, field];
    const i: Issue = { code: 'query.metric.invalid', severity: 'error', message, path, hint };
    issues.set(`${path.join('.')}|${message}`, position ? { ...i, position } : i);
    return undefined;
  };
  let read = new Set<string>();

  const resolve = (
    name: string,
    inherited: readonly Condition[],
    stack: readonly string[],
  ): DraftNode | undefined => {
    const user = stack[stack.length - 1] ?? name;
    const def = ownGet(project.metrics, name);
    if (!def || !IDENTIFIER_RE.test(name))
      return problem(
        user,
        undefined,
        `metric ${user} uses "${name}", which is not a defined metric`,
        'define it or fix the reference',
      );
    if (stack.includes(name))
      return problem(
        name,
        undefined,
        `metric ${name} depends on itself: ${[...stack, name].join(' -> ')}`,
        'break the cycle',
      );
    if (def.kind === 'churn')
      return problem(
        user,
        undefined,
        user === name
          ? `metric ${name} is a churn figure, computed by kpi from the customers' activity, not by a query`
          : `metric ${user} uses the churn metric "${name}", which a formula or ratio cannot read`,
        'use the churn metric as a KPI on its own (kpi status, kpi churn)',
      );
    const conds = [...inherited, ...filterConditions(def.filter)];
    if (def.kind === 'ratio') {
      const numerator = resolve(def.numerator, conds, [...stack, name]);
      const denominator = resolve(def.denominator, conds, [...stack, name]);
      return numerator && denominator ? { kind: 'ratio', numerator, denominator } : undefined;
    }
    if (def.kind === 'derived') {
      const parsed = parseExpression(def.expr);
      if (!parsed.ok)
        return problem(
          name,
          'expr',
          `metric ${name}: formula cannot be read: ${parsed.error.message}`,
          'fix the formula',
        );
      const walk = (e: Expr): DraftNode | undefined => {
        if (e.kind === 'num')
          return Number.isFinite(e.value)
            ? { kind: 'num', value: e.value }
            : problem(name, 'expr', `metric ${name}: number out of range`, 'use a smaller number');
        if (e.kind === 'ref') return resolve(e.name, conds, [...stack, name]);
        if (e.kind === 'neg') {
          const arg = walk(e.arg);
          return arg && { kind: 'neg', arg };
        }
        const left = walk(e.left);
        const right = walk(e.right);
        return left && right ? { kind: 'bin', op: e.op, left, right } : undefined;
      };
      return walk(parsed.expr);
    }
    const ds = ownGet(project.datasets, def.dataset);
    if (!ds || !IDENTIFIER_RE.test(def.dataset) || !ds.dimensions.every((x) => IDENTIFIER_RE.test(x)))
      return problem(
        name,
        'dataset',
        `metric ${name}: dataset ${JSON.stringify(def.dataset)} is not defined or not valid`,
        'define the dataset or fix the name',
      );
    read.add(def.dataset);
    const timeType = ownGet(ds.columns, ds.time)?.type;
    if ((timeType !== 'date' && timeType !== 'timestamp') || !IDENTIFIER_RE.test(ds.time))
      return problem(
        name,
        'dataset',
        `metric ${name}: dataset ${def.dataset} has no date or timestamp time column`,
        `give column "${ds.time}" type date or timestamp`,
      );
    const column = def.column;
    if (column !== undefined && (!ownGet(ds.columns, column) || !IDENTIFIER_RE.test(column)))
      return problem(
        name,
        'column',
        `metric ${name}: column "${column}" is not in dataset ${def.dataset}`,
        `columns: ${Object.keys(ds.columns).join(', ')}`,
      );
    if (column === undefined && !(def.kind === 'simple' && def.agg === 'count'))
      return problem(
        name,
        'column',
        `metric ${name}: needs a column`,
        'add `column:`, or use agg: count to count rows',
      );
    const bad = conds.find((c) => !ds.dimensions.includes(c.dimension) || !IDENTIFIER_RE.test(c.dimension));
    if (bad)
      return problem(
        name,
        'filter',
        `metric ${name}: filter on "${bad.dimension}", which is not a dimension of dataset ${def.dataset}`,
        `dimensions of ${def.dataset}: ${ds.dimensions.join(', ') || '(none)'}`,
      );
    const conditions = canonical(conds);
    const key = `${name}|${JSON.stringify(conditions)}`;
    if (!leaves.has(key)) {
      const base = { key, metric: name, dataset: def.dataset, conditions };
      leaves.set(
        key,
        def.kind === 'snapshot'
          ? { ...base, kind: 'snapshot', agg: 'latest', column: def.column }
          : { ...base, kind: 'aggregate', agg: def.agg, ...(column === undefined ? {} : { column }) },
      );
    }
    return { kind: 'leaf', key };
  };

  const nodes = new Map<string, DraftNode>();
  const datasets = new Map<string, readonly string[]>();
  for (const name of names) {
    read = new Set();
    const node = resolve(name, inherited, []);
    datasets.set(name, [...read].sort());
    if (node) nodes.set(name, node);
  }
  return { nodes, leaves, datasets, issues: [...issues.values()] };
};
