// Use-case: `kpi tree` — the cascade of organisation units, goals and KPIs with the status
// and value of each KPI (one scorecard evaluation), the rolled-up values declared on parent
// KPIs, and OKR progress (key results bound to a metric read their quarter to date). IO.
// Invariants: retired KPIs are left out; the result is flat lists (units, goals) with
// parent links, so every surface can draw its own nesting.

import { ProblemsError, type KeyResultDef, type Project, type UnitKind, ownGet } from '@kpi/core';
import {
  objectiveProgress,
  quarterRange,
  resolveRollups,
  withoutRetired,
  type ObjectiveProgress,
  type RollupResult,
} from '@kpi/rules';
import { compileMetricQuery } from '@kpi/semantic';
import type { Engine } from '@kpi/engines';
import { yesterdayOf } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { evaluateScorecardOn, type ValueFormat } from './evaluate-scorecard.js';

export interface TreeKpi {
  readonly kpi: string;
  readonly label: string;
  readonly status: string;
  readonly value: number | null;
  readonly format: ValueFormat;
  readonly rollup?: RollupResult;
}

export interface TreeGoal {
  readonly goal: string;
  readonly title: string;
  readonly unit?: string;
  readonly parent?: string;
  /** How many of the goal's KPIs are in each status. */
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly kpis: readonly TreeKpi[];
}

export interface TreeUnit {
  readonly unit: string;
  readonly title: string;
  readonly kind: UnitKind;
  readonly parent?: string;
}

export interface CascadeTree {
  readonly asOf: string;
  readonly units: readonly TreeUnit[];
  readonly goals: readonly TreeGoal[];
  readonly objectives: readonly ObjectiveProgress[];
}

/** Quarter-to-date value of a key result bound to a metric; null before the quarter starts. */
const keyResultValue = async (
  engine: Engine,
  project: Project,
  kr: KeyResultDef,
  quarter: string,
  asOf: string,
) => {
  const q = quarterRange(quarter);
  if (kr.metric === undefined || asOf < q.start) return null;
  const where = Object.fromEntries(
    Object.entries(kr.filter ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]),
  );
  const compiled = compileMetricQuery(
    project,
    { metrics: [kr.metric], from: q.start, to: asOf < q.end ? asOf : q.end, where },
    engine.dialect,
  );
  if (!compiled.ok)
    throw new ProblemsError('okr.invalid', `key result "${kr.title}" cannot be measured`, compiled.issues);
  const r = await engine.query(compiled.value.sql, compiled.value.params);
  const v = r.rows[0]?.[kr.metric];
  return v === null || v === undefined ? null : Number(v);
};

export const cascadeTree = async (
  lp: LoadedProject,
  opts: { readonly asOf?: string } = {},
): Promise<CascadeTree> => {
  const asOf = opts.asOf ?? yesterdayOf(lp);
  const project = withoutRetired(lp.project);
  return withStore(lp, async (engine) => {
    const sc = await evaluateScorecardOn(engine, project, {
      asOf,
      withoutSupporting: true,
      withoutForecast: true,
    });
    const readings = new Map(sc.goals.flatMap((g) => g.kpis).map((r) => [r.kpi, r]));
    const rollups = resolveRollups(
      project,
      Object.fromEntries([...readings].map(([k, r]) => [k, { value: r.value, status: r.status }])),
    );
    const countsOf = new Map(sc.goals.map((g) => [g.goal, g.statusCounts]));
    const goals = Object.entries(project.goals).map(([name, g]): TreeGoal => {
      const kpis = Object.keys(project.kpis)
        .filter((k) => ownGet(project.kpis, k)?.goal === name)
        .map((k): TreeKpi => {
          const r = readings.get(k);
          const rollup = ownGet(rollups, k);
          return {
            kpi: k,
            label: ownGet(project.kpis, k)?.label ?? k,
            status:
              rollup?.method === 'worst_status' && rollup.status ? rollup.status : (r?.status ?? 'no_data'),
            value: r?.value ?? null,
            format: r?.format ?? { unit: 'number' },
            ...(rollup ? { rollup } : {}),
          };
        });
      return {
        goal: name,
        title: g.title,
        ...(g.unit ? { unit: g.unit } : {}),
        ...(g.parent ? { parent: g.parent } : {}),
        statusCounts: countsOf.get(name) ?? {},
        kpis,
      };
    });
    const objectives: ObjectiveProgress[] = [];
    for (const [name, o] of Object.entries(project.objectives ?? {})) {
      const values = await Promise.all(
        o.key_results.map((kr) => keyResultValue(engine, project, kr, o.quarter, asOf)),
      );
      objectives.push(objectiveProgress(name, o, (_kr, i) => values[i] ?? null));
    }
    const units = Object.entries(project.units ?? {}).map(([name, u]): TreeUnit => ({
      unit: name,
      title: u.title,
      kind: u.kind,
      ...(u.parent ? { parent: u.parent } : {}),
    }));
    return { asOf, units, goals, objectives };
  });
};
