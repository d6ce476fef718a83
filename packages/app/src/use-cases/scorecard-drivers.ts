// Reads the driver figures of a scorecard: for every KPI whose metric splits over
// members (additive, or a ratio of additive parts) and reads one dataset, its value (or
// numerator and denominator) per member of every dimension of that dataset, in the
// current and the previous comparison windows. IO (runs one statement per dataset).
// Invariant: one pass per dataset, whatever the number of KPIs and dimensions.

import { ProblemsError, type DateRange, type Project, ownGet } from '@kpi/core';
import type { Engine, Row } from '@kpi/engines';
import {
  compileLeafCube,
  cubeNodeLeaves,
  decompositionOf,
  evaluateCubeNode,
  type CubeItem,
  type CubeLeaf,
  type CubeNode,
  type Decomposition,
  type LeafBase,
} from '@kpi/semantic';
import type { DriverInput, RatioMember } from '@kpi/scorecard';

export interface DriverRequest {
  readonly key: string;
  readonly item: CubeItem;
  readonly current: DateRange;
  readonly previous: DateRange;
}

export interface DriverFigures {
  readonly inputs: ReadonlyMap<string, readonly DriverInput[]>;
  readonly notes: ReadonlyMap<string, string>;
  readonly statements: number;
}

const rangeKey = (r: DateRange): string => `R${r.start.replace(/-/g, '')}_${r.end.replace(/-/g, '')}`;

/** Which dataset and decomposition an item has, from a plan-only cube (no statement run). */
const classify = (
  project: Project,
  items: readonly CubeItem[],
  span: DateRange,
  engine: Engine,
): Map<string, { dataset?: string; decomposition: Decomposition; node: CubeNode; snapshot: boolean }> => {
  const c = compileLeafCube(project, { items, from: span.start, to: span.end }, engine.dialect);
  if (!c.ok) throw new ProblemsError('scorecard.invalid', 'the scorecard cannot be computed', c.issues);
  const leaves = new Map<string, CubeLeaf>(c.value.leaves.map((l) => [l.id, l]));
  const out = new Map<
    string,
    { dataset?: string; decomposition: Decomposition; node: CubeNode; snapshot: boolean }
  >();
  for (const it of c.value.items) {
    const read = cubeNodeLeaves(it.node).map((l) => leaves.get(l));
    const datasets = [...new Set(read.map((l) => l?.dataset))];
    const snapshot = read.some((l) => l?.reagg === 'latest');
    out.set(it.key, {
      ...(datasets.length === 1 && datasets[0] !== undefined ? { dataset: datasets[0] } : {}),
      decomposition: decompositionOf(it.node, leaves),
      node: it.node,
      snapshot,
    });
  }
  return out;
};

type LeafSums = Map<string, number>;

/**
 * Rolls the finest rows (range key, every dimension) up to each dimension's members,
 * building every leaf from its base column over the rows that meet its conditions:
 * dimension -> member -> range key -> leaf -> value.
 */
const rollUp = (
  rows: readonly Row[],
  dims: readonly string[],
  bases: readonly LeafBase[],
  leaves: readonly CubeLeaf[],
): Map<string, Map<string, Map<unknown, LeafSums>>> => {
  const reagg = new Map(leaves.map((l) => [l.id, l.reagg]));
  const builders = bases.map((b) => ({
    leaf: b.leaf,
    base: b.base,
    reagg: reagg.get(b.leaf),
    holds: (row: Row) =>
      b.conditions.every((c) => c.values.some((v) => String(v) === String(row[c.dimension]))),
  }));
  const out = new Map<string, Map<string, Map<unknown, LeafSums>>>(dims.map((d) => [d, new Map()]));
  for (const row of rows) {
    const values: [string, number, string | undefined][] = [];
    for (const b of builders) {
      const v = row[b.base];
      if (v !== null && v !== undefined && b.holds(row)) values.push([b.leaf, Number(v), b.reagg]);
    }
    for (const d of dims) {
      const member = row[d] === null || row[d] === undefined ? '(empty)' : String(row[d]);
      const members = out.get(d) as Map<string, Map<unknown, LeafSums>>;
      const byRange = members.get(member) ?? new Map<unknown, LeafSums>();
      members.set(member, byRange);
      const sums = byRange.get(row['K']) ?? new Map<string, number>();
      byRange.set(row['K'], sums);
      for (const [leaf, v, how] of values) {
        const old = sums.get(leaf);
        sums.set(
          leaf,
          old === undefined
            ? v
            : how === 'min'
              ? Math.min(old, v)
              : how === 'max'
                ? Math.max(old, v)
                : old + v,
        );
      }
    }
  }
  return out;
};

export const readDrivers = async (
  engine: Engine,
  project: Project,
  requests: readonly DriverRequest[],
  span: DateRange,
): Promise<DriverFigures> => {
  const notes = new Map<string, string>();
  const inputs = new Map<string, DriverInput[]>();
  if (requests.length === 0) return { inputs, notes, statements: 0 };
  const kinds = classify(
    project,
    requests.map((r) => ({ ...r.item, key: r.key })),
    span,
    engine,
  );
  const byDataset = new Map<string, DriverRequest[]>();
  for (const r of requests) {
    const k = kinds.get(r.key);
    if (!k || k.decomposition.kind === 'none')
      notes.set(r.key, 'this metric does not split over members (only sums, counts and ratios of them do)');
    else if (k.snapshot) notes.set(r.key, 'a snapshot metric: drivers are not broken down');
    else if (!k.dataset)
      notes.set(r.key, 'the metric reads several datasets, so no shared dimension to break it down by');
    else if ((ownGet(project.datasets, k.dataset)?.dimensions.length ?? 0) === 0)
      notes.set(r.key, `dataset ${k.dataset} has no dimensions`);
    else byDataset.set(k.dataset, [...(byDataset.get(k.dataset) ?? []), r]);
  }
  let statements = 0;
  for (const [dataset, reqs] of byDataset) {
    const dims = ownGet(project.datasets, dataset)?.dimensions ?? [];
    const ranges = new Map<string, DateRange>();
    for (const r of reqs) for (const x of [r.current, r.previous]) ranges.set(rangeKey(x), x);
    const from = [...ranges.values()].reduce((a, r) => (r.start < a ? r.start : a), span.end);
    const to = [...ranges.values()].reduce((a, r) => (r.end > a ? r.end : a), span.start);
    const c = compileLeafCube(
      project,
      {
        items: reqs.map((r) => ({ ...r.item, key: r.key })),
        from,
        to,
        ranges: [...ranges].map(([key, r]) => ({ key, from: r.start, to: r.end })),
        leafFilters: 'caller',
      },
      engine.dialect,
    );
    if (!c.ok) throw new ProblemsError('scorecard.invalid', 'the scorecard cannot be computed', c.issues);
    const q = c.value.queries[0];
    if (!q) continue;
    const { rows } = await engine.query(q.sql, q.params);
    statements++;
    const nodes = new Map(c.value.items.map((i) => [i.key, i.node]));
    const cubeLeaves = new Map<string, CubeLeaf>(c.value.leaves.map((l) => [l.id, l]));
    const byDim = rollUp(rows, dims, q.leafBases ?? [], c.value.leaves);
    for (const r of reqs) {
      const node = nodes.get(r.key);
      const dec = node ? decompositionOf(node, cubeLeaves) : undefined;
      if (!node || !dec || dec.kind === 'none') continue;
      const reader =
        (sums: LeafSums | undefined) =>
        (leaf: string): number | null => {
          const v = sums?.get(leaf);
          return v === undefined ? null : v;
        };
      const [cur, prev] = [rangeKey(r.current), rangeKey(r.previous)];
      const out: DriverInput[] = [];
      for (const [dimension, members] of byDim) {
        const table = ownGet(project.datasets, dataset)?.columns;
        const col = table ? ownGet(table, dimension) : undefined;
        const names = {
          ...(col?.label === undefined ? {} : { label: col.label }),
          ...(col?.labels === undefined ? {} : { labels: col.labels }),
        };
        if (dec.kind === 'additive') {
          const list: { member: string; current: number | null; previous: number | null }[] = [];
          for (const [member, byRange] of members) {
            const current = evaluateCubeNode(node, reader(byRange.get(cur)));
            const previous = evaluateCubeNode(node, reader(byRange.get(prev)));
            if (current !== null || previous !== null) list.push({ member, current, previous });
          }
          if (list.length) out.push({ dimension, kind: 'additive', members: list, ...names });
        } else {
          const parts = (row: LeafSums | undefined) => ({
            numerator: evaluateCubeNode(dec.numerator, reader(row)),
            denominator: evaluateCubeNode(dec.denominator, reader(row)),
          });
          const list: RatioMember[] = [];
          for (const [member, byRange] of members) {
            const current = parts(byRange.get(cur));
            const previous = parts(byRange.get(prev));
            if (
              [current.numerator, current.denominator, previous.numerator, previous.denominator].some(
                (v) => v !== null,
              )
            )
              list.push({ member, current, previous });
          }
          if (list.length) out.push({ dimension, kind: 'ratio', members: list, ...names });
        }
      }
      inputs.set(r.key, out);
    }
  }
  return { inputs, notes, statements };
};
