// Reads the day cube of a scorecard (one statement per dataset) and answers "the value of
// item X over days A..B" for any range inside it, without going back to the store. IO
// (runs the statements). Invariants: sums use prefix sums over days, so every range is
// exact and O(1); a snapshot leaf takes, per series, the latest day with a value inside
// the range, then sums the series; a count_distinct leaf cannot be re-added over days
// and reads as null (the KPI then shows no data, with the reason). A leaf over static
// reference data (`time: none`) has one current value, the same for every range.

import { ProblemsError, dayNumber, ownGet, type DateRange, type Project } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import {
  compileLeafCube,
  cubeNodeLeaves,
  evaluateCubeNode,
  type CubeItem,
  type LeafCube,
} from '@kpi/semantic';

export interface DayCube {
  readonly cube: LeafCube;
  readonly statements: number;
  /** The item's value over `range` (null: no data, or not re-aggregatable). */
  value(item: string, range: DateRange): number | null;
  /** True when the item reads a leaf that cannot be re-added over days (count_distinct). */
  unsupported(item: string): boolean;
  /** Days of `range` on which any leaf of the item has a row (null for snapshot-only items). */
  daysWithData(item: string, range: DateRange): number | null;
}

interface SumLeaf {
  readonly kind: 'sum' | 'min' | 'max';
  readonly values: Float64Array; // NaN = no row that day
  readonly prefix: Float64Array; // prefix[i] = sum of values[0..i-1], NaN as 0
  readonly count: Int32Array; // days with a value before i
}
type SnapshotLeaf = {
  readonly kind: 'latest';
  readonly series: Map<string, { day: number; value: number }[]>;
};

export const readDayCube = async (
  engine: Engine,
  project: Project,
  items: readonly CubeItem[],
  span: DateRange,
): Promise<DayCube> => {
  const compiled = compileLeafCube(
    project,
    { items, from: span.start, to: span.end, grain: 'day' },
    engine.dialect,
  );
  if (!compiled.ok)
    throw new ProblemsError('scorecard.invalid', 'the scorecard cannot be computed', compiled.issues);
  const cube = compiled.value;
  const d0 = dayNumber(span.start);
  const days = dayNumber(span.end) - d0 + 1;
  const leaves = new Map<string, SumLeaf | SnapshotLeaf>();
  const reagg = new Map(cube.leaves.map((l) => [l.id, l.reagg]));
  for (const q of cube.queries) {
    const { rows } = await engine.query(q.sql, q.params);
    for (const col of q.columns) {
      const kind = reagg.get(col.leaf);
      if (kind === 'latest') {
        const series = new Map<string, { day: number; value: number }[]>();
        for (const r of rows) {
          const v = r[col.name];
          if (v === null || v === undefined) continue;
          const key = JSON.stringify(q.dimensions.map((x) => r[x] ?? null));
          const list = series.get(key) ?? [];
          list.push({ day: dayNumber(String(r['P'])) - d0, value: Number(v) });
          series.set(key, list);
        }
        for (const list of series.values()) list.sort((a, b) => a.day - b.day);
        leaves.set(col.leaf, { kind: 'latest', series });
      } else if (kind === 'sum' || kind === 'min' || kind === 'max') {
        const values = new Float64Array(days).fill(Number.NaN);
        for (const r of rows) {
          const v = r[col.name];
          if (v !== null && v !== undefined) values[dayNumber(String(r['P'])) - d0] = Number(v);
        }
        const prefix = new Float64Array(days + 1);
        const count = new Int32Array(days + 1);
        for (let i = 0; i < days; i++) {
          const v = values[i] as number;
          prefix[i + 1] = (prefix[i] as number) + (Number.isNaN(v) ? 0 : v);
          count[i + 1] = (count[i] as number) + (Number.isNaN(v) ? 0 : 1);
        }
        leaves.set(col.leaf, { kind, values, prefix, count });
      }
    }
  }
  const staticLeaves = new Set(
    cube.leaves.filter((l) => ownGet(project.datasets, l.dataset)?.static === true).map((l) => l.id),
  );
  const leafValue = (id: string, range: DateRange): number | null => {
    const leaf = leaves.get(id);
    if (!leaf) return null;
    const whole = staticLeaves.has(id);
    const a = whole ? 0 : Math.max(0, dayNumber(range.start) - d0);
    const b = whole ? days - 1 : Math.min(days - 1, dayNumber(range.end) - d0);
    if (b < a) return null;
    if (leaf.kind === 'latest') {
      let total: number | null = null;
      for (const list of leaf.series.values()) {
        for (let i = list.length - 1; i >= 0; i--) {
          const p = list[i] as { day: number; value: number };
          if (p.day > b) continue;
          if (p.day >= a) total = (total ?? 0) + p.value;
          break;
        }
      }
      return total;
    }
    if ((leaf.count[b + 1] as number) - (leaf.count[a] as number) === 0) return null;
    if (leaf.kind === 'sum') return (leaf.prefix[b + 1] as number) - (leaf.prefix[a] as number);
    let best: number | null = null;
    for (let i = a; i <= b; i++) {
      const v = leaf.values[i] as number;
      if (!Number.isNaN(v) && (best === null || (leaf.kind === 'min' ? v < best : v > best))) best = v;
    }
    return best;
  };
  const nodes = new Map(cube.items.map((i) => [i.key, i.node]));
  const bad = new Set(cube.leaves.filter((l) => l.reagg === 'none').map((l) => l.id));
  const readsBad = (key: string): boolean => {
    const node = nodes.get(key);
    return node !== undefined && cubeNodeLeaves(node).some((l) => bad.has(l));
  };
  return {
    cube,
    statements: cube.queries.length,
    value: (item, range) => {
      const node = nodes.get(item);
      if (!node || readsBad(item)) return null;
      return evaluateCubeNode(node, (id) => leafValue(id, range));
    },
    unsupported: readsBad,
    daysWithData: (item, range) => {
      const node = nodes.get(item);
      if (!node) return null;
      const a = Math.max(0, dayNumber(range.start) - d0);
      const b = Math.min(days - 1, dayNumber(range.end) - d0);
      let best: number | null = null;
      for (const id of cubeNodeLeaves(node)) {
        const leaf = leaves.get(id);
        if (!leaf || leaf.kind === 'latest') continue;
        const n = b < a ? 0 : (leaf.count[b + 1] as number) - (leaf.count[a] as number);
        best = Math.max(best ?? 0, n);
      }
      return best;
    },
  };
};
