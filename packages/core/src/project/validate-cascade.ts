// Cross-reference rules of the cascade: unit parents, goal units, KPI roll-ups, retired
// KPIs and objectives. Pure. Invariant: returns every problem; the loader adds positions.

import type { Issue } from '../result.js';
import type { Project } from './project-model.js';
import { ownGet } from '../own-lookup.js';

type Path = readonly (string | number)[];
const issue = (
  severity: 'error' | 'warning',
  code: string,
  message: string,
  path: Path,
  hint: string,
): Issue => ({
  code,
  severity,
  message,
  path,
  hint,
});
const names = (r: Readonly<Record<string, unknown>>): string => Object.keys(r).sort().join(', ') || '(none)';

/** Follows `next` from `start`; returns the first name seen twice, or undefined. */
const cycleThrough = (start: string, next: (n: string) => string | undefined): string | undefined => {
  const seen = new Set([start]);
  for (let cur = next(start); cur !== undefined; cur = next(cur)) {
    if (seen.has(cur)) return cur;
    seen.add(cur);
  }
  return undefined;
};

/** True when `goal` is `ancestor` or sits below it in the goal tree. */
export const isGoalUnder = (p: Project, goal: string, ancestor: string): boolean => {
  const seen = new Set<string>();
  for (
    let cur: string | undefined = goal;
    cur !== undefined && !seen.has(cur);
    cur = ownGet(p.goals, cur)?.parent
  ) {
    if (cur === ancestor) return true;
    seen.add(cur);
  }
  return false;
};

/** True when `kpi` rolls up, directly or through other roll-ups, from `target`. */
const rollsUpFrom = (p: Project, kpi: string, target: string, seen: Set<string>): boolean =>
  (ownGet(p.kpis, kpi)?.rollup?.from ?? []).some((c) => {
    if (c === target) return c !== kpi;
    if (seen.has(c)) return false;
    seen.add(c);
    return rollsUpFrom(p, c, target, seen);
  });

const rollupIssues = (p: Project, name: string): Issue[] => {
  const k = ownGet(p.kpis, name);
  if (!k?.rollup) return [];
  const out: Issue[] = [];
  const base = ['kpis', name, 'rollup'];
  k.rollup.from.forEach((child, i) => {
    const c = ownGet(p.kpis, child);
    if (child === name)
      out.push(
        issue(
          'error',
          'kpi.rollup.self',
          `KPI ${name} rolls up from itself`,
          [...base, 'from', i],
          'list the child KPIs it is made of',
        ),
      );
    else if (!c)
      out.push(
        issue(
          'error',
          'kpi.rollup.source_missing',
          `KPI ${name}: roll-up source "${child}" is not a KPI`,
          [...base, 'from', i],
          `defined KPIs: ${names(p.kpis)}`,
        ),
      );
    else if (c.goal === k.goal || !isGoalUnder(p, c.goal, k.goal))
      out.push(
        issue(
          'warning',
          'kpi.rollup.not_a_child',
          `KPI ${name}: roll-up source "${child}" is not on a child goal of "${k.goal}"`,
          [...base, 'from', i],
          "roll up from KPIs of goals whose parent (or ancestor) is this KPI's goal",
        ),
      );
  });
  for (const w of Object.keys(k.rollup.weights ?? {}))
    if (!k.rollup.from.includes(w))
      out.push(
        issue(
          'error',
          'kpi.rollup.weight_unknown',
          `KPI ${name}: weight for "${w}", which is not in rollup.from`,
          [...base, 'weights', w],
          `rollup.from: ${k.rollup.from.join(', ')}`,
        ),
      );
  if (k.rollup.weights && k.rollup.method !== 'weighted_average')
    out.push(
      issue(
        'warning',
        'kpi.rollup.weights_unused',
        `KPI ${name}: weights only apply to method weighted_average`,
        [...base, 'weights'],
        'remove the weights or use method: weighted_average',
      ),
    );
  return out;
};

/** Every cross-reference problem of units, goal units, roll-ups and objectives. */
export const validateCascade = (p: Project): Issue[] => {
  const out: Issue[] = [];
  const units = p.units ?? {};
  const objectives = p.objectives ?? {};
  for (const [name, u] of Object.entries(units)) {
    if (u.parent === undefined) continue;
    if (!ownGet(units, u.parent))
      out.push(
        issue(
          'error',
          'unit.parent_missing',
          `unit ${name}: parent unit "${u.parent}" is not defined`,
          ['units', name, 'parent'],
          `defined units: ${names(units)}`,
        ),
      );
    else if (cycleThrough(name, (n) => ownGet(units, n)?.parent) !== undefined)
      out.push(
        issue(
          'error',
          'unit.parent_cycle',
          `unit ${name}: parent units form a cycle`,
          ['units', name, 'parent'],
          'a unit cannot be its own ancestor',
        ),
      );
  }
  for (const [name, g] of Object.entries(p.goals))
    if (g.unit !== undefined && !ownGet(units, g.unit))
      out.push(
        issue(
          'error',
          'goal.unit_missing',
          `goal ${name}: unit "${g.unit}" is not defined`,
          ['goals', name, 'unit'],
          `defined units: ${names(units)}`,
        ),
      );
  for (const name of Object.keys(p.kpis)) {
    out.push(...rollupIssues(p, name));
    if (rollsUpFrom(p, name, name, new Set()))
      out.push(
        issue(
          'error',
          'kpi.rollup.cycle',
          `KPI ${name}: roll-ups form a cycle`,
          ['kpis', name, 'rollup'],
          'a KPI cannot roll up from itself through other KPIs',
        ),
      );
  }
  for (const [name, o] of Object.entries(objectives)) {
    const base = ['objectives', name];
    if (o.unit !== undefined && !ownGet(units, o.unit))
      out.push(
        issue(
          'error',
          'objective.unit_missing',
          `objective ${name}: unit "${o.unit}" is not defined`,
          [...base, 'unit'],
          `defined units: ${names(units)}`,
        ),
      );
    if (o.goal !== undefined && !ownGet(p.goals, o.goal))
      out.push(
        issue(
          'error',
          'objective.goal_missing',
          `objective ${name}: goal "${o.goal}" is not defined`,
          [...base, 'goal'],
          `defined goals: ${names(p.goals)}`,
        ),
      );
    o.key_results.forEach((kr, i) => {
      if (kr.metric !== undefined && !ownGet(p.metrics, kr.metric))
        out.push(
          issue(
            'error',
            'objective.key_result.metric_missing',
            `objective ${name}: key result "${kr.title}" names metric "${kr.metric}", which is not defined`,
            [...base, 'key_results', i, 'metric'],
            `defined metrics: ${names(p.metrics)}`,
          ),
        );
    });
  }
  return out;
};
