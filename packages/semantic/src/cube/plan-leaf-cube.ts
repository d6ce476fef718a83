// Plans a leaf cube: validates the request, resolves each item (its metric under the
// item's extra filter) into leaves, and groups the leaves into one scan per dataset and
// kind. Pure. Invariants: every problem is collected before failing; leaves shared by
// several items (same metric, same effective filter) are read once; an avg leaf becomes
// a sum leaf and a count leaf.

import {
  IDENTIFIER_RE,
  fail,
  filterSchema,
  issue,
  ok,
  ownGet,
  type Issue,
  type Project,
  type Result,
} from '@kpi/core';
import type { Condition } from '../query/metric-query.js';
import {
  filterConditions,
  resolveMetrics,
  type DraftNode,
  type LeafDraft,
} from '../query/resolve-metrics.js';
import { checkDates, checkGrain } from '../query/validate-request.js';
import type { CubeLeaf, CubeNode, LeafCubeRequest, Reaggregation } from './leaf-cube.js';

/** One aggregate of a scan: a cube leaf with what it reads. */
export interface PlannedLeaf extends CubeLeaf {
  readonly agg: 'sum' | 'count' | 'count_distinct' | 'min' | 'max' | 'latest';
  readonly column?: string;
  readonly conditions: readonly Condition[];
}

export interface CubeScan {
  readonly dataset: string;
  readonly kind: 'aggregate' | 'snapshot';
  readonly timeColumn: string;
  readonly timeType: 'date' | 'timestamp';
  /** Static reference data (`time: none`): every row counts on the request's `staticDate`. */
  readonly static?: boolean;
  readonly seriesDimensions: readonly string[];
  readonly groupingSets: readonly (readonly string[])[];
  readonly leaves: readonly PlannedLeaf[];
}

export interface LeafCubePlan {
  readonly request: LeafCubeRequest;
  readonly timezone: string;
  readonly weekStart: Project['settings']['week_start'];
  readonly scans: readonly CubeScan[];
  readonly items: readonly { readonly key: string; readonly metric: string; readonly node: CubeNode }[];
}

const REAGG: Readonly<Record<PlannedLeaf['agg'], Reaggregation>> = {
  sum: 'sum',
  count: 'sum',
  count_distinct: 'none',
  min: 'min',
  max: 'max',
  latest: 'latest',
};

const checkRequest = (project: Project, req: LeafCubeRequest): Issue[] => {
  const out: Issue[] = [...checkGrain(req.grain), ...checkDates(req.from, req.to)];
  if (req.from === undefined || req.to === undefined)
    out.push(issue('cube.range.missing', 'a leaf cube needs from and to', ['request'], 'give both dates'));
  if (req.items.length === 0)
    out.push(issue('cube.item.none', 'no item requested', ['request', 'items'], 'name at least one metric'));
  const keys = new Set<string>();
  req.items.forEach((it, i) => {
    if (keys.has(it.key))
      out.push(
        issue(
          'cube.item.duplicate',
          `item key ${it.key} is used twice`,
          ['request', 'items', i],
          'give each item its own key',
        ),
      );
    keys.add(it.key);
    if (!IDENTIFIER_RE.test(it.metric) || !ownGet(project.metrics, it.metric))
      out.push(
        issue(
          'query.metric.unknown',
          `unknown metric ${JSON.stringify(it.metric)}`,
          ['request', 'items', i, 'metric'],
          'use a defined metric',
        ),
      );
    if (it.filter !== undefined && !filterSchema.safeParse(it.filter).success)
      out.push(
        issue(
          'cube.filter.invalid',
          'item filter is not a dimension filter',
          ['request', 'items', i, 'filter'],
          'use {dimension: value or [values]}',
        ),
      );
  });
  const rangeKeys = new Set<string>();
  (req.ranges ?? []).forEach((r, i) => {
    if (!/^[A-Za-z0-9_]{1,30}$/.test(r.key) || rangeKeys.has(r.key))
      out.push(
        issue(
          'cube.range.key',
          `range key ${JSON.stringify(r.key)} is invalid or repeated`,
          ['request', 'ranges', i],
          'use short unique keys of letters, digits and _',
        ),
      );
    rangeKeys.add(r.key);
    out.push(
      ...checkDates(r.from, r.to).map((x) => ({ ...x, path: ['request', 'ranges', i, ...x.path.slice(1)] })),
    );
  });
  return out;
};

/** Validates `req` against `project` and plans one scan per dataset and kind. */
export const planLeafCube = (project: Project, req: LeafCubeRequest): Result<LeafCubePlan> => {
  const issues = checkRequest(project, req);
  if (issues.length) return fail(issues);
  const drafts = new Map<string, LeafDraft>();
  const itemNodes: { key: string; metric: string; node: DraftNode }[] = [];
  for (const item of req.items) {
    const r = resolveMetrics(project, [item.metric], filterConditions(item.filter));
    issues.push(...r.issues);
    const node = r.nodes.get(item.metric);
    if (node) itemNodes.push({ key: item.key, metric: item.metric, node });
    for (const [k, leaf] of r.leaves) drafts.set(k, leaf);
  }
  const sets = req.groupingSets ?? [[]];
  const groups = new Map<string, LeafDraft[]>();
  for (const d of drafts.values())
    groups.set(`${d.kind}|${d.dataset}`, [...(groups.get(`${d.kind}|${d.dataset}`) ?? []), d]);
  for (const [g, leaves] of groups) {
    const ds = ownGet(project.datasets, leaves[0]?.dataset ?? '');
    if (g.startsWith('snapshot') || !ds) continue;
    sets.forEach((set, i) =>
      set.forEach((dim) => {
        if (!IDENTIFIER_RE.test(dim) || !ds.dimensions.includes(dim))
          issues.push(
            issue(
              'query.dimension.unknown',
              `"${dim}" is not a dimension of dataset ${leaves[0]?.dataset ?? ''}`,
              ['request', 'groupingSets', i],
              `dimensions: ${ds.dimensions.join(', ')}`,
            ),
          );
      }),
    );
  }
  if (issues.length) return fail(issues);

  let n = 0;
  const idsOf = new Map<string, CubeNode>();
  const scans: CubeScan[] = [...groups.values()].map((group) => {
    const first = group[0] as LeafDraft;
    const ds = ownGet(project.datasets, first.dataset);
    const leaves: PlannedLeaf[] = [];
    for (const d of group) {
      const id = `L${++n}`;
      const base = {
        metric: d.metric,
        dataset: d.dataset,
        conditions: d.conditions,
        ...(d.column === undefined ? {} : { column: d.column }),
      };
      if (d.agg === 'avg') {
        leaves.push(
          { ...base, id: `${id}S`, agg: 'sum', reagg: 'sum' },
          { ...base, id: `${id}C`, agg: 'count', reagg: 'sum' },
        );
        idsOf.set(d.key, {
          kind: 'ratio',
          numerator: { kind: 'leaf', leaf: `${id}S` },
          denominator: { kind: 'leaf', leaf: `${id}C` },
        });
      } else {
        leaves.push({ ...base, id, agg: d.agg, reagg: REAGG[d.agg] });
        idsOf.set(d.key, { kind: 'leaf', leaf: id });
      }
    }
    return {
      dataset: first.dataset,
      kind: first.kind,
      timeColumn: ds?.time ?? '',
      timeType: ownGet(ds?.columns, ds?.time ?? '')?.type === 'timestamp' ? 'timestamp' : 'date',
      ...(ds?.static === true ? { static: true } : {}),
      seriesDimensions: ds?.dimensions ?? [],
      groupingSets: sets,
      leaves,
    };
  });
  const finalize = (node: DraftNode): CubeNode => {
    switch (node.kind) {
      case 'leaf':
        return idsOf.get(node.key) ?? { kind: 'num', value: Number.NaN };
      case 'ratio':
        return {
          kind: 'ratio',
          numerator: finalize(node.numerator),
          denominator: finalize(node.denominator),
        };
      case 'neg':
        return { kind: 'neg', arg: finalize(node.arg) };
      case 'bin':
        return { kind: 'bin', op: node.op, left: finalize(node.left), right: finalize(node.right) };
      case 'num':
        return node;
    }
  };
  return ok({
    request: req,
    timezone: project.settings.timezone,
    weekStart: project.settings.week_start,
    scans,
    items: itemNodes.map((i) => ({ key: i.key, metric: i.metric, node: finalize(i.node) })),
  });
};
