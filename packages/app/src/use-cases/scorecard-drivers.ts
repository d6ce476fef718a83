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
  cubeNodeEvaluator,
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

/** How a leaf re-aggregates across rows: 0 sum (and latest), 1 min, 2 max. */
const howOf = (reagg: string | undefined): number => (reagg === 'min' ? 1 : reagg === 'max' ? 2 : 0);

/** One member of a dimension: its leaf sums per range key, and every leaf it holds in any range. */
interface MemberRoll {
  readonly member: string;
  readonly byRange: Map<unknown, LeafSums>;
  readonly leaves: Set<string>;
}

/** A dimension rolled up: its members in first-seen order, and per leaf the indexes (ascending) of the members holding it. */
interface DimensionRoll {
  readonly members: readonly MemberRoll[];
  readonly byLeaf: ReadonlyMap<string, readonly number[]>;
}

/**
 * The members that can give a non-missing value of nodes reading `leaves`: those holding
 * one of them in some range (a node with at least one leaf is missing when all its leaves
 * are). Without leaves (a constant part), every member. Kept in first-seen order.
 */
const membersReading = (
  roll: DimensionRoll,
  leaves: readonly string[] | undefined,
): readonly MemberRoll[] => {
  if (leaves === undefined) return roll.members;
  const lists = [...new Set(leaves)].map((l) => roll.byLeaf.get(l) ?? []);
  if (lists.length === 1) return (lists[0] as readonly number[]).map((i) => roll.members[i] as MemberRoll);
  const all = Int32Array.from(lists.flat()).sort();
  const out: MemberRoll[] = [];
  for (let i = 0; i < all.length; i++)
    if (i === 0 || all[i] !== all[i - 1]) out.push(roll.members[all[i] as number] as MemberRoll);
  return out;
};

/**
 * Rolls the finest rows (range key, every dimension) up to each dimension's members,
 * building every leaf from its base column over the rows that meet its conditions:
 * dimension -> member -> range key -> leaf -> value. Leaves sharing a condition set (the
 * KPIs' filters) test it once per row; a condition holds when the row's value, as text,
 * is one of the condition's values as text.
 */
const rollUp = (
  rows: readonly Row[],
  dims: readonly string[],
  bases: readonly LeafBase[],
  leaves: readonly CubeLeaf[],
): Map<string, DimensionRoll> => {
  const reagg = new Map(leaves.map((l) => [l.id, l.reagg]));
  const tests: { dimension: string; values: Set<string> }[][] = [];
  const testIndex = new Map<string, number>();
  const builders = bases.map((b) => {
    const conds = b.conditions.map((c) => ({ dimension: c.dimension, values: c.values.map(String) }));
    const sig = JSON.stringify(conds);
    let test = testIndex.get(sig);
    if (test === undefined) {
      test = tests.length;
      testIndex.set(sig, test);
      tests.push(conds.map((c) => ({ dimension: c.dimension, values: new Set(c.values) })));
    }
    return { leaf: b.leaf, base: b.base, how: howOf(reagg.get(b.leaf)), test };
  });
  const holds = new Uint8Array(tests.length);
  const leafOf: string[] = [];
  const valueOf: number[] = [];
  const howIs: number[] = [];
  const memberOf: string[] = [];
  const perDim = dims.map(() => ({ index: new Map<string, MemberRoll>(), members: [] as MemberRoll[] }));
  for (const row of rows) {
    for (let t = 0; t < tests.length; t++)
      holds[t] = (tests[t] as { dimension: string; values: Set<string> }[]).every((c) =>
        c.values.has(String(row[c.dimension])),
      )
        ? 1
        : 0;
    let n = 0;
    for (const b of builders) {
      const v = row[b.base];
      if (v !== null && v !== undefined && holds[b.test] === 1) {
        leafOf[n] = b.leaf;
        valueOf[n] = Number(v);
        howIs[n] = b.how;
        n++;
      }
    }
    const key = row['K'];
    for (let j = 0; j < dims.length; j++) {
      const raw = row[dims[j] as string];
      memberOf[j] = raw === null || raw === undefined ? '(empty)' : String(raw);
    }
    for (let j = 0; j < dims.length; j++) {
      const dim = perDim[j] as { index: Map<string, MemberRoll>; members: MemberRoll[] };
      const member = memberOf[j] as string;
      let roll = dim.index.get(member);
      if (roll === undefined) {
        roll = { member, byRange: new Map<unknown, LeafSums>(), leaves: new Set<string>() };
        dim.index.set(member, roll);
        dim.members.push(roll);
      }
      let sums = roll.byRange.get(key);
      if (sums === undefined) {
        sums = new Map<string, number>();
        roll.byRange.set(key, sums);
      }
      for (let i = 0; i < n; i++) {
        const leaf = leafOf[i] as string;
        const v = valueOf[i] as number;
        const old = sums.get(leaf);
        if (old === undefined) roll.leaves.add(leaf);
        sums.set(
          leaf,
          old === undefined
            ? v
            : howIs[i] === 1
              ? Math.min(old, v)
              : howIs[i] === 2
                ? Math.max(old, v)
                : old + v,
        );
      }
    }
  }
  const out = new Map<string, DimensionRoll>();
  dims.forEach((d, j) => {
    const { members } = perDim[j] as { members: MemberRoll[] };
    const byLeaf = new Map<string, number[]>();
    members.forEach((m, k) => {
      for (const leaf of m.leaves) {
        const list = byLeaf.get(leaf);
        if (list) list.push(k);
        else byLeaf.set(leaf, [k]);
      }
    });
    out.set(d, { members, byLeaf });
  });
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
      const [cur, prev] = [rangeKey(r.current), rangeKey(r.previous)];
      const out: DriverInput[] = [];
      // Leaves each evaluated part reads; undefined when some part reads none (then every member).
      const parts = dec.kind === 'additive' ? [node] : [dec.numerator, dec.denominator];
      const partLeaves = parts.map(cubeNodeLeaves);
      const reads = partLeaves.every((l) => l.length > 0) ? partLeaves.flat() : undefined;
      for (const [dimension, roll] of byDim) {
        const members = membersReading(roll, reads);
        const table = ownGet(project.datasets, dataset)?.columns;
        const col = table ? ownGet(table, dimension) : undefined;
        const names = {
          ...(col?.label === undefined ? {} : { label: col.label }),
          ...(col?.labels === undefined ? {} : { labels: col.labels }),
        };
        if (dec.kind === 'additive') {
          const value = cubeNodeEvaluator(node);
          const list: { member: string; current: number | null; previous: number | null }[] = [];
          for (const { member, byRange } of members) {
            const current = value(byRange.get(cur));
            const previous = value(byRange.get(prev));
            if (current !== null || previous !== null) list.push({ member, current, previous });
          }
          if (list.length) out.push({ dimension, kind: 'additive', members: list, ...names });
        } else {
          const numerator = cubeNodeEvaluator(dec.numerator);
          const denominator = cubeNodeEvaluator(dec.denominator);
          const split = (row: LeafSums | undefined) => ({
            numerator: numerator(row),
            denominator: denominator(row),
          });
          const list: RatioMember[] = [];
          for (const { member, byRange } of members) {
            const current = split(byRange.get(cur));
            const previous = split(byRange.get(prev));
            if (
              current.numerator !== null ||
              current.denominator !== null ||
              previous.numerator !== null ||
              previous.denominator !== null
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
