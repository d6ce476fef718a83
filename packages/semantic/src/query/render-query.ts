// Renders a plan as one SQL statement: a CTE per scan, then an outer select that joins
// the scans on (period, dimensions) and computes ratio and derived metrics after
// aggregation. Pure. Invariants: several scans are joined through the union of their keys
// (a period present in one dataset only still appears) with NULL-safe key equality;
// every division goes through the dialect's safe division; formula numbers are rendered
// from the parsed AST (finite JS numbers), never from formula text.

import type { Dialect } from '../dialect.js';
import type { CompiledQuery, MetricNode, MetricQueryPlan } from './metric-query.js';
import { renderScan, type RenderContext } from './render-scan.js';
import { createSqlParams } from './sql-params.js';

const numberSql = (value: number): string => {
  if (!Number.isFinite(value)) throw new Error('formula number out of range');
  return value < 0 ? `(${String(value)})` : String(value);
};

export const metricSql = (node: MetricNode, d: Dialect): string => {
  switch (node.kind) {
    case 'leaf':
      return `${d.quoteAlias(node.scan)}.${d.quoteAlias(node.alias)}`;
    case 'ratio':
      return d.safeDivide(metricSql(node.numerator, d), metricSql(node.denominator, d));
    case 'num':
      return numberSql(node.value);
    case 'neg':
      return `(-${metricSql(node.arg, d)})`;
    case 'bin':
      return node.op === '/'
        ? d.safeDivide(metricSql(node.left, d), metricSql(node.right, d))
        : `(${metricSql(node.left, d)} ${node.op} ${metricSql(node.right, d)})`;
  }
};

/** Renders the plan for `dialect`: SQL, bound parameters in placeholder order, and output columns. */
export const renderMetricQuery = (plan: MetricQueryPlan, dialect: Dialect): CompiledQuery => {
  const d = dialect;
  const params = createSqlParams(d);
  const ctx: RenderContext = { dialect: d, params, plan };
  const ctes = plan.scans.map((s) => `${d.quoteAlias(s.alias)} AS (\n${renderScan(s, ctx)}\n)`);
  const keyCols = [...(plan.grain ? [d.quoteAlias('P')] : []), ...plan.groupBy.map((x) => d.quoteIdent(x))];
  const outNames = [...(plan.grain ? ['period'] : []), ...plan.groupBy];
  const scanNames = plan.scans.map((s) => d.quoteAlias(s.alias));
  const first = scanNames[0] ?? '';
  let from: string;
  let keySource: string;
  if (scanNames.length === 1 || keyCols.length === 0) {
    keySource = first;
    from = scanNames.join(' CROSS JOIN ');
  } else {
    const keys = d.quoteAlias('Keys');
    ctes.push(
      `${keys} AS (\n${scanNames.map((s) => `  SELECT ${keyCols.join(', ')} FROM ${s}`).join('\n  UNION\n')}\n)`,
    );
    keySource = keys;
    from = [
      keys,
      ...scanNames.map(
        (s) =>
          `LEFT JOIN ${s} ON ${keyCols.map((k) => `${s}.${k} IS NOT DISTINCT FROM ${keys}.${k}`).join(' AND ')}`,
      ),
    ].join('\n');
  }
  const select = [
    ...keyCols.map((k, i) => `${keySource}.${k} AS ${d.quoteIdent(outNames[i] ?? '')}`),
    ...plan.metrics.map((m) => `${metricSql(m.node, d)} AS ${d.quoteIdent(m.name)}`),
  ];
  const order = plan.orderBy.map((o) => `${d.quoteIdent(o.column)} ${o.direction.toUpperCase()} NULLS LAST`);
  const sql =
    `WITH ${ctes.join(', ')}\nSELECT ${select.join(', ')}\nFROM ${from}` +
    (order.length ? `\nORDER BY ${order.join(', ')}` : '') +
    (plan.limit === undefined ? '' : `\nLIMIT ${params.bind(plan.limit)}`);
  return { sql, params: [...params.values], columns: plan.columns };
};
