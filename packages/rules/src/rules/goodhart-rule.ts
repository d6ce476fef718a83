// Goodhart guard: the KPI improves while its counter-metric worsens beyond tolerance
// (cost per lead down while lead-to-customer rate falls). Pure: the app supplies changes.
import type { Rule } from '../rule-types.js';
import { kpiPosition } from '../rule-types.js';
import { counterMetricName, kpiLabel, sortedKpis } from '../project-lookup.js';
import { ownGet } from '@kpi/core';

const DEFAULT_TOLERANCE = 0.05;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export const goodhartRule: Rule = {
  id: 'kpi.goodhart',
  title: 'Counter-metric guard',
  defaultSeverity: 'warning',
  rationale:
    'When a measure becomes a target it can be hit at the expense of the goal. A counter-metric shows whether the KPI is improving for the right reasons.',
  check: ({ project, facts }) =>
    sortedKpis(project).flatMap(([name, k]) => {
      const counter = counterMetricName(k);
      const f = ownGet(facts.kpis, name);
      if (!counter || f?.kpiChange == null || f.counterChange == null) return [];
      const kpiDir = ownGet(project.metrics, k.metric)?.direction ?? 'higher';
      const ctrDir = ownGet(project.metrics, counter)?.direction ?? 'higher';
      const improved = kpiDir === 'higher' ? f.kpiChange > 0 : f.kpiChange < 0;
      const worsened = ctrDir === 'higher' ? -f.counterChange : f.counterChange;
      const tolerance =
        typeof k.counter_metric === 'object'
          ? (k.counter_metric.tolerance ?? DEFAULT_TOLERANCE)
          : DEFAULT_TOLERANCE;
      if (!improved || worsened <= tolerance) return [];
      const pos = kpiPosition(project, name);
      return [
        {
          code: 'kpi.goodhart.counter_worsened',
          message: `KPI "${kpiLabel(project, name)}" improved (${f.kpiChange > 0 ? '+' : ''}${pct(f.kpiChange)}) while its counter-metric "${ownGet(project.metrics, counter)?.label ?? counter}" worsened by ${pct(worsened)}, beyond the ${pct(tolerance)} allowed: the KPI may be improving at the goal's expense.`,
          path: ['kpis', name, 'counter_metric'],
          hint: 'look at what drove the KPI (kpi explain) before celebrating; adjust the tactic if quality is being traded for volume',
          kpi: name,
          goal: k.goal,
          ...(pos ? { position: pos } : {}),
        },
      ];
    }),
};
