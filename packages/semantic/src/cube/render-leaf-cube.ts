// Renders a leaf cube plan as one SQL statement per scan. Pure. Invariants: the day
// range goes in WHERE; a leaf's filter goes in FILTER (WHERE ...), so every leaf shares
// the one pass; named ranges are a small VALUES table joined on the day, so a row counts
// in every range it falls in and the range key is one more group key (`K`); all dates and filter values are bound
// parameters; grouping-set rows carry a GROUPING() bit mask so a real NULL member is
// never confused with "not grouped". A static dataset's rows (`time: none`) all count on
// one bound day (the request's staticDate), so reference data has no past to compare with.

import type { Dialect } from '../dialect.js';
import type { Condition } from '../query/metric-query.js';
import { createSqlParams, type SqlParams } from '../query/sql-params.js';
import type { CubeColumn, CubeQuery, CubeRange, LeafBase, LeafCube } from './leaf-cube.js';
import type { CubeScan, LeafCubePlan, PlannedLeaf } from './plan-leaf-cube.js';

interface Ctx {
  readonly d: Dialect;
  readonly params: SqlParams;
  readonly plan: LeafCubePlan;
}

const conditionSql = (conds: readonly Condition[], ctx: Ctx): string[] =>
  conds.map(
    (c) => `${ctx.d.quoteIdent(c.dimension)} IN (${c.values.map((v) => ctx.params.bind(v)).join(', ')})`,
  );

const localTimes = (scan: CubeScan, ctx: Ctx): { local: string; date: string } => {
  if (scan.static === true) {
    const day = ctx.d.castParamToDate(
      ctx.params.bindShared('static', ctx.plan.request.staticDate ?? ctx.plan.request.to),
    );
    return { local: day, date: day };
  }
  const col = ctx.d.quoteIdent(scan.timeColumn);
  if (scan.timeType === 'date') return { local: col, date: col };
  const local = ctx.d.toLocalTimestamp(col, ctx.params.bindShared('timezone', ctx.plan.timezone));
  return { local, date: ctx.d.timestampToDate(local) };
};

const between = (date: string, from: string, to: string, key: string, ctx: Ctx): string =>
  `${date} >= ${ctx.d.castParamToDate(ctx.params.bindShared(`${key}:from`, from))} AND ${date} <= ${ctx.d.castParamToDate(ctx.params.bindShared(`${key}:to`, to))}`;

const leafSql = (leaf: PlannedLeaf, scan: CubeScan, extra: readonly string[], ctx: Ctx): string => {
  const { d } = ctx;
  const col = leaf.column === undefined ? 'NULL' : d.quoteIdent(leaf.column);
  const conds = [...conditionSql(leaf.conditions, ctx), ...extra];
  const cond = conds.length ? conds.join(' AND ') : undefined;
  if (leaf.agg === 'latest') return d.latestValue(col, d.quoteIdent(scan.timeColumn), cond);
  const agg =
    leaf.agg === 'count_distinct'
      ? d.countDistinct(col)
      : leaf.agg === 'count'
        ? leaf.column === undefined
          ? 'count(*)'
          : `count(${col})`
        : `${leaf.agg}(${col})`;
  return cond === undefined ? agg : d.filterAggregate(agg, cond);
};

const rangesSql = (ranges: readonly CubeRange[], ctx: Ctx): string => {
  const { d, params } = ctx;
  const rows = ranges.map(
    (r) =>
      `(${params.bind(r.key)}, ${d.castParamToDate(params.bind(r.from))}, ${d.castParamToDate(params.bind(r.to))})`,
  );
  return `(VALUES ${rows.join(', ')}) AS ${d.quoteAlias('Ranges')}(${['K', 'S', 'E'].map((x) => d.quoteAlias(x)).join(', ')})`;
};

const renderScan = (scan: CubeScan, ctx: Ctx): CubeQuery => {
  const { d, plan } = ctx;
  const req = plan.request;
  const { local, date } = localTimes(scan, ctx);
  const ranges = req.ranges !== undefined && req.ranges.length > 0 ? req.ranges : undefined;
  const byCaller = req.leafFilters === 'caller' && scan.kind === 'aggregate';
  const bases = new Map<string, { name: string; leaf: PlannedLeaf }>();
  const leafBases: LeafBase[] = [];
  if (byCaller)
    for (const leaf of scan.leaves) {
      const k = `${leaf.agg}|${leaf.column ?? ''}`;
      const base = bases.get(k) ?? { name: `B${bases.size + 1}`, leaf: { ...leaf, conditions: [] } };
      bases.set(k, base);
      leafBases.push({ leaf: leaf.id, base: base.name, conditions: leaf.conditions });
    }
  const columns: CubeColumn[] = byCaller
    ? [...bases.values()].map((b) => ({ name: b.name, leaf: b.name }))
    : scan.leaves.map((leaf) => ({ name: leaf.id, leaf: leaf.id }));
  const values = byCaller
    ? [...bases.values()].map((b) => `${leafSql(b.leaf, scan, [], ctx)} AS ${d.quoteAlias(b.name)}`)
    : scan.leaves.map((leaf) => `${leafSql(leaf, scan, [], ctx)} AS ${d.quoteAlias(leaf.id)}`);
  const rangeKey = ranges ? [`${d.quoteAlias('Ranges')}.${d.quoteAlias('K')}`] : [];
  const period = req.grain
    ? [`${d.truncateToDate(local, req.grain, plan.weekStart)} AS ${d.quoteAlias('P')}`]
    : [];
  const keys = [...rangeKey, ...(req.grain ? [d.quoteAlias('P')] : [])];
  const snapshot = scan.kind === 'snapshot';
  const sets = snapshot || byCaller ? [scan.seriesDimensions] : scan.groupingSets;
  const dims = [...new Set(sets.flat())];
  const useSets = !snapshot && !byCaller && sets.length > 1;
  const dimCols = dims.map((x) => d.quoteIdent(x));
  const grouping = useSets ? [`GROUPING(${dimCols.join(', ')}) AS ${d.quoteAlias('G')}`] : [];
  const groupBy = useSets
    ? `GROUPING SETS (${sets.map((s) => `(${[...keys, ...s.map((x) => d.quoteIdent(x))].join(', ')})`).join(', ')})`
    : [...keys, ...dimCols].join(', ');
  const where = [between(date, req.from, req.to, 'cube', ctx)];
  const from = ranges
    ? `${d.quoteIdent(scan.dataset)}\nJOIN ${rangesSql(ranges, ctx)}\n  ON ${date} >= ${d.quoteAlias('Ranges')}.${d.quoteAlias('S')} AND ${date} <= ${d.quoteAlias('Ranges')}.${d.quoteAlias('E')}`
    : d.quoteIdent(scan.dataset);
  const select = [
    ...rangeKey.map((k) => `${k} AS ${d.quoteAlias('K')}`),
    ...period,
    ...dimCols,
    ...grouping,
    ...values,
  ];
  const sql =
    `SELECT ${select.join(', ')}\nFROM ${from}\nWHERE ${where.join(' AND ')}` +
    (groupBy ? `\nGROUP BY ${groupBy}` : '');
  return {
    dataset: scan.dataset,
    kind: scan.kind,
    sql,
    params: [],
    period: req.grain !== undefined,
    ranges: ranges !== undefined,
    dimensions: dims,
    groupingSets: useSets,
    columns,
    ...(byCaller ? { leafBases } : {}),
  };
};

/** Renders every scan of `plan` for `dialect`. Output columns: `K` (ranges), `P` (grain), the dimensions, `G` (grouping sets), the leaf columns. */
export const renderLeafCube = (plan: LeafCubePlan, dialect: Dialect): LeafCube => ({
  queries: plan.scans.map((scan) => {
    const params = createSqlParams(dialect);
    const q = renderScan(scan, { d: dialect, params, plan });
    return { ...q, params: [...params.values] };
  }),
  leaves: plan.scans.flatMap((s) =>
    s.leaves.map((l) => ({ id: l.id, metric: l.metric, dataset: l.dataset, reagg: l.reagg })),
  ),
  items: plan.items,
});
