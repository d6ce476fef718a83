// Plans a metric query: validates the request against the project and groups the leaf
// aggregates into scans (one per dataset for simple metrics, one per dataset for
// snapshots). Pure. Invariants: every problem is collected before failing; a successful
// plan only names validated identifiers; no SQL is written here (see render-*.ts).

import { IDENTIFIER_RE, fail, issue, ok, type Issue, type Project, type Result, ownGet } from '@kpi/core';
import { unknownNameHint } from './close-names.js';
import type {
  Condition,
  LeafAggregate,
  MetricNode,
  MetricQueryPlan,
  MetricQueryRequest,
  Scan,
} from './metric-query.js';
import { resolveMetrics, type DraftNode, type LeafDraft } from './resolve-metrics.js';
import { checkDates, checkGrain, checkOrderAndLimit, checkWhereValues, isGrain } from './validate-request.js';

const positioned = (i: Issue, project: Project, metric: string | undefined): Issue => {
  const position = metric === undefined ? undefined : ownGet(project.locations, `metrics.${metric}`);
  return position ? { ...i, position } : i;
};

const checkMetricNames = (project: Project, metrics: unknown): { known: string[]; issues: Issue[] } => {
  const issues: Issue[] = [];
  const known: string[] = [];
  if (!Array.isArray(metrics) || metrics.length === 0)
    return {
      known,
      issues: [
        issue('query.metric.none', 'no metric requested', ['request', 'metrics'], 'name at least one metric'),
      ],
    };
  metrics.forEach((m: unknown, i) => {
    const name = typeof m === 'string' ? m : JSON.stringify(m);
    if (typeof m !== 'string' || !IDENTIFIER_RE.test(m) || !ownGet(project.metrics, m))
      issues.push(
        issue(
          'query.metric.unknown',
          `unknown metric ${JSON.stringify(name)}`,
          ['request', 'metrics', i],
          unknownNameHint(name, Object.keys(project.metrics), 'defined metrics'),
        ),
      );
    else if (known.includes(m))
      issues.push(
        positioned(
          issue(
            'query.metric.duplicate',
            `metric ${m} is requested twice`,
            ['request', 'metrics', i],
            'list each metric once',
          ),
          project,
          m,
        ),
      );
    else known.push(m);
  });
  return { known, issues };
};

/** Problems with a dimension used in groupBy or where: it must be a dimension of every dataset read. */
const checkDimension = (
  project: Project,
  dim: string,
  path: readonly (string | number)[],
  datasets: ReadonlyMap<string, readonly string[]>,
): Issue[] => {
  const read = [...new Set([...datasets.values()].flat())].sort();
  const shared = read.reduce<string[] | undefined>(
    (acc, d) =>
      (ownGet(project.datasets, d)?.dimensions ?? []).filter((x) => acc === undefined || acc.includes(x)),
    undefined,
  );
  const hint = unknownNameHint(dim, shared ?? [], 'dimensions shared by the requested metrics');
  if (!IDENTIFIER_RE.test(dim))
    return [
      issue('query.dimension.unknown', `${JSON.stringify(dim)} is not a valid dimension name`, path, hint),
    ];
  const anywhere = Object.values(project.datasets).some((d) => d.dimensions.includes(dim));
  if (!anywhere) return [issue('query.dimension.unknown', `unknown dimension "${dim}"`, path, hint)];
  const out: Issue[] = [];
  for (const [metric, dsNames] of datasets) {
    const missing = dsNames.filter((d) => !ownGet(project.datasets, d)?.dimensions.includes(dim));
    if (missing.length)
      out.push(
        positioned(
          issue(
            'query.dimension.unknown',
            `"${dim}" is not a dimension of dataset ${missing.join(', ')}, which metric ${metric} reads`,
            path,
            hint,
          ),
          project,
          metric,
        ),
      );
  }
  return out;
};

const buildScans = (
  project: Project,
  leaves: readonly LeafDraft[],
): { scans: Scan[]; where: Map<string, [string, string]> } => {
  const groups = new Map<string, LeafDraft[]>();
  for (const leaf of leaves) {
    const k = `${leaf.kind}|${leaf.dataset}`;
    groups.set(k, [...(groups.get(k) ?? []), leaf]);
  }
  const where = new Map<string, [string, string]>();
  let n = 0;
  const scans = [...groups.values()].map((group, i): Scan => {
    const first = group[0] as LeafDraft;
    const ds = ownGet(project.datasets, first.dataset);
    const alias = `Scan${i + 1}`;
    const out: LeafAggregate[] = group.map((leaf) => {
      const leafAlias = `M${++n}`;
      where.set(leaf.key, [alias, leafAlias]);
      const base = { alias: leafAlias, metric: leaf.metric, agg: leaf.agg, conditions: leaf.conditions };
      return leaf.column === undefined ? base : { ...base, column: leaf.column };
    });
    return {
      alias,
      kind: first.kind,
      dataset: first.dataset,
      timeColumn: ds?.time ?? '',
      timeType: ownGet(ds?.columns, ds?.time ?? '')?.type === 'timestamp' ? 'timestamp' : 'date',
      ...(ds?.static === true ? { static: true } : {}),
      seriesDimensions: ds?.dimensions ?? [],
      leaves: out,
    };
  });
  return { scans, where };
};

const finalize = (node: DraftNode, where: ReadonlyMap<string, [string, string]>): MetricNode => {
  switch (node.kind) {
    case 'leaf': {
      const [scan, alias] = where.get(node.key) ?? ['', ''];
      return { kind: 'leaf', scan, alias };
    }
    case 'ratio':
      return {
        kind: 'ratio',
        numerator: finalize(node.numerator, where),
        denominator: finalize(node.denominator, where),
      };
    case 'neg':
      return { kind: 'neg', arg: finalize(node.arg, where) };
    case 'bin':
      return {
        kind: 'bin',
        op: node.op,
        left: finalize(node.left, where),
        right: finalize(node.right, where),
      };
    case 'num':
      return node;
  }
};

/** Validates `request` against `project` and plans its scans; every problem is reported. */
export const planMetricQuery = (project: Project, request: MetricQueryRequest): Result<MetricQueryPlan> => {
  const { known, issues } = checkMetricNames(project, request.metrics);
  const resolved = resolveMetrics(project, known);
  issues.push(...resolved.issues, ...checkGrain(request.grain), ...checkDates(request.from, request.to));
  const groupBy = request.groupBy ?? [];
  groupBy.forEach((dim, i) => {
    if (groupBy.indexOf(dim) !== i)
      issues.push(
        issue(
          'query.dimension.duplicate',
          `dimension ${dim} is grouped by twice`,
          ['request', 'groupBy', i],
          'list each dimension once',
        ),
      );
    else issues.push(...checkDimension(project, dim, ['request', 'groupBy', i], resolved.datasets));
  });
  const whereEntries = Object.entries(request.where ?? {});
  for (const [dim] of whereEntries)
    issues.push(...checkDimension(project, dim, ['request', 'where', dim], resolved.datasets));
  issues.push(...checkWhereValues(request.where));
  const grain = isGrain(request.grain) ? request.grain : undefined;
  const columns = [
    ...(grain ? [{ name: 'period', role: 'period' as const }] : []),
    ...groupBy.map((name) => ({ name, role: 'dimension' as const })),
    ...known.map((name) => ({ name, role: 'metric' as const, metric: name })),
  ];
  const names = columns.map((c) => c.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i && groupBy.indexOf(name) === groupBy.lastIndexOf(name))
      issues.push(
        positioned(
          issue(
            'query.column.conflict',
            `two output columns would be named ${name}`,
            ['request'],
            'a metric and a dimension (or "period") cannot share a name in one query; query them separately',
          ),
          project,
          ownGet(project.metrics, name) ? name : undefined,
        ),
      );
  });
  issues.push(...checkOrderAndLimit(request, names));
  if (issues.some((i) => i.severity === 'error')) return fail(issues);

  const { scans, where: aliasOf } = buildScans(project, [...resolved.leaves.values()]);
  const conditions: Condition[] = whereEntries.map(([dimension, values]) => ({ dimension, values }));
  const requested = (request.orderBy ?? []).map((o) => ({
    column: o.column,
    direction: o.direction ?? ('asc' as const),
  }));
  const defaults = columns
    .filter((c) => c.role !== 'metric' && !requested.some((o) => o.column === c.name))
    .map((c) => ({ column: c.name, direction: 'asc' as const }));
  return ok({
    ...(grain ? { grain } : {}),
    ...(request.from === undefined ? {} : { from: request.from }),
    ...(request.to === undefined ? {} : { to: request.to }),
    timezone: project.settings.timezone,
    weekStart: project.settings.week_start,
    groupBy,
    where: conditions,
    scans,
    metrics: known.map((name) => ({ name, node: finalize(resolved.nodes.get(name) as DraftNode, aliasOf) })),
    orderBy: [...requested, ...defaults],
    ...(request.limit === undefined ? {} : { limit: request.limit }),
    columns,
  });
};
