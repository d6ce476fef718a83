// Renders one scan of a plan as the body of a CTE: the period key, the group-by
// dimensions and every leaf aggregate of the dataset, in one pass. Pure. Invariants: the
// range and the request's where go in WHERE (they cut rows for every metric); a metric's
// own filter goes in FILTER (WHERE ...) so metrics with different filters share the scan;
// output columns are the alias `P` (period), the dimensions, then the leaf aliases. A
// static dataset's rows (`time: none`) all count on the query's last day.

import type { Dialect } from '../dialect.js';
import type { Condition, LeafAggregate, MetricQueryPlan, Scan } from './metric-query.js';
import type { SqlParams } from './sql-params.js';

export interface RenderContext {
  readonly dialect: Dialect;
  readonly params: SqlParams;
  readonly plan: MetricQueryPlan;
}

/** `"a" IN ($1, $2) AND "b" IN ($3)`, or undefined when there is no condition. */
export const conditionSql = (conds: readonly Condition[], ctx: RenderContext): string | undefined =>
  conds.length === 0
    ? undefined
    : conds
        .map(
          (c) =>
            `${ctx.dialect.quoteIdent(c.dimension)} IN (${c.values.map((v) => ctx.params.bind(v)).join(', ')})`,
        )
        .join(' AND ');

/** The scan's time as local time (a DATE, or a TIMESTAMP in the project time zone), and as a local DATE. */
const localTime = (scan: Scan, ctx: RenderContext): { local: string; date: string } => {
  const { dialect: d, params, plan } = ctx;
  if (scan.static === true && plan.to !== undefined) {
    const day = d.castParamToDate(params.bindShared('to', plan.to));
    return { local: day, date: day };
  }
  const col = d.quoteIdent(scan.timeColumn);
  if (scan.timeType === 'date') return { local: col, date: col };
  const local = d.toLocalTimestamp(col, params.bindShared('timezone', plan.timezone));
  return { local, date: d.timestampToDate(local) };
};

const rowFilter = (scan: Scan, ctx: RenderContext): string[] => {
  const { dialect: d, params, plan } = ctx;
  const out: string[] = [];
  if (plan.from !== undefined || plan.to !== undefined) {
    const { date } = localTime(scan, ctx);
    if (plan.from !== undefined)
      out.push(`${date} >= ${d.castParamToDate(params.bindShared('from', plan.from))}`);
    if (plan.to !== undefined) out.push(`${date} <= ${d.castParamToDate(params.bindShared('to', plan.to))}`);
  }
  const where = conditionSql(plan.where, ctx);
  if (where !== undefined) out.push(where);
  return out;
};

const leafSql = (leaf: LeafAggregate, scan: Scan, ctx: RenderContext): string => {
  const d = ctx.dialect;
  const col = leaf.column === undefined ? undefined : d.quoteIdent(leaf.column);
  const cond = conditionSql(leaf.conditions, ctx);
  if (leaf.agg === 'latest') return d.latestValue(col ?? 'NULL', d.quoteIdent(scan.timeColumn), cond);
  const agg =
    leaf.agg === 'count_distinct'
      ? d.countDistinct(col ?? 'NULL')
      : leaf.agg === 'count' && col === undefined
        ? 'count(*)'
        : `${leaf.agg}(${col ?? 'NULL'})`;
  return cond === undefined ? agg : d.filterAggregate(agg, cond);
};

const groupByOrdinals = (count: number): string =>
  count === 0 ? '' : `\n  GROUP BY ${Array.from({ length: count }, (_, i) => i + 1).join(', ')}`;

const selectKeys = (scan: Scan, ctx: RenderContext, dims: readonly string[]): string[] => {
  const { dialect: d, plan } = ctx;
  const period = plan.grain
    ? [`${d.truncateToDate(localTime(scan, ctx).local, plan.grain, plan.weekStart)} AS ${d.quoteAlias('P')}`]
    : [];
  return [...period, ...dims.map((x) => d.quoteIdent(x))];
};

/** The CTE body of an aggregate scan: every simple metric of the dataset in one pass. */
const renderAggregateScan = (scan: Scan, ctx: RenderContext): string => {
  const d = ctx.dialect;
  const keys = selectKeys(scan, ctx, ctx.plan.groupBy);
  const values = scan.leaves.map((l) => `${leafSql(l, scan, ctx)} AS ${d.quoteAlias(l.alias)}`);
  const where = rowFilter(scan, ctx);
  return (
    `  SELECT ${[...keys, ...values].join(', ')}\n  FROM ${d.quoteIdent(scan.dataset)}` +
    (where.length ? `\n  WHERE ${where.join(' AND ')}` : '') +
    groupByOrdinals(keys.length)
  );
};

/**
 * The CTE body of a snapshot scan: the latest value per series (every dimension of the
 * dataset) and period, then summed across the series that share the requested keys.
 */
const renderSnapshotScan = (scan: Scan, ctx: RenderContext): string => {
  const { dialect: d, plan } = ctx;
  const seriesDims = [...plan.groupBy, ...scan.seriesDimensions.filter((x) => !plan.groupBy.includes(x))];
  const innerKeys = selectKeys(scan, ctx, seriesDims);
  const values = scan.leaves.map((l) => `${leafSql(l, scan, ctx)} AS ${d.quoteAlias(l.alias)}`);
  const where = rowFilter(scan, ctx);
  const inner =
    `    SELECT ${[...innerKeys, ...values].join(', ')}\n    FROM ${d.quoteIdent(scan.dataset)}` +
    (where.length ? `\n    WHERE ${where.join(' AND ')}` : '') +
    groupByOrdinals(innerKeys.length).replace('\n', '\n  ');
  const outerKeys = [...(plan.grain ? [d.quoteAlias('P')] : []), ...plan.groupBy.map((x) => d.quoteIdent(x))];
  const sums = scan.leaves.map((l) => `sum(${d.quoteAlias(l.alias)}) AS ${d.quoteAlias(l.alias)}`);
  return (
    `  SELECT ${[...outerKeys, ...sums].join(', ')}\n  FROM (\n${inner}\n  ) AS ${d.quoteAlias('Series')}` +
    groupByOrdinals(outerKeys.length)
  );
};

export const renderScan = (scan: Scan, ctx: RenderContext): string =>
  scan.kind === 'snapshot' ? renderSnapshotScan(scan, ctx) : renderAggregateScan(scan, ctx);
