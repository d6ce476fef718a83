// Specific: one clearly described metric per KPI, not a compound of several, with a target
// that means what it says (a floor on a plain sum judges the goal-period total). Pure.
import type { RawFinding, Rule } from '../rule-types.js';
import { kpiPosition } from '../rule-types.js';
import { metricDeps, ownGet } from '@kpi/core';
import { kpiLabel, sortedKpis } from '../project-lookup.js';

const COMPOUND_LABEL = /\s(and|&|\+|plus)\s|\//i;

export const specificRule: Rule = {
  id: 'kpi.specific',
  title: 'One specific metric per KPI',
  defaultSeverity: 'warning',
  rationale:
    'A KPI that blends several numbers, or whose metric nobody has described, cannot be acted on: nobody knows which part to move.',
  check: ({ project }) =>
    sortedKpis(project).flatMap(([name, k]) => {
      const m = ownGet(project.metrics, k.metric);
      if (!m) return [];
      const pos = kpiPosition(project, name);
      const base = { kpi: name, goal: k.goal, ...(pos ? { position: pos } : {}) };
      const label = kpiLabel(project, name);
      const out: RawFinding[] = [];
      const parts = m.kind === 'derived' ? metricDeps(m) : [];
      const units = new Set(parts.map((d) => ownGet(project.metrics, d)?.unit));
      if (parts.length >= 3 && units.size > 1) {
        out.push({
          code: 'kpi.specific.compound_metric',
          message: `KPI "${label}" blends ${parts.length} metrics of different units (${parts.join(', ')}) into one number; when it moves, nobody knows which part moved.`,
          path: ['kpis', name, 'metric'],
          hint: 'promote the one part that decides the goal, and keep the others as supporting metrics',
          ...base,
        });
      }
      if (COMPOUND_LABEL.test(k.label ?? '')) {
        out.push({
          code: 'kpi.specific.compound_label',
          message: `KPI "${label}" is named like two things at once.`,
          path: ['kpis', name, 'label'],
          hint: 'split it into one KPI per measured thing',
          ...base,
        });
      }
      if (k.target?.kind === 'stay_above' && m.kind === 'simple' && (m.agg === 'sum' || m.agg === 'count')) {
        // docs/verdict.md: a stay target judges the KPI over the whole goal period; on a sum that
        // total only grows, so the floor reads "on track" while single weeks sit below it.
        out.push({
          code: 'kpi.specific.floor_on_sum',
          message: `KPI "${label}" must stay above ${k.target.value} on a sum ("${k.metric}"): it is judged on the total over the whole goal period, which only grows, so single ${(k.cadence ?? 'weekly').replace(/ly$/, '').replace(/^dai$/, 'day')}s below ${k.target.value} never make it miss.`,
          path: ['kpis', name, 'target', 'kind'],
          hint: 'for a floor on the total, use kind: cumulative; for a floor every period, track a rate or an average (a ratio metric) instead',
          ...base,
        });
      }
      if (!m.description && !k.description) {
        out.push({
          code: 'kpi.specific.undescribed',
          severity: 'info' as const,
          message: `KPI "${label}": neither the KPI nor its metric "${k.metric}" says what is measured.`,
          path: ['metrics', k.metric, 'description'],
          hint: 'add a one-sentence description: what is counted, where it comes from, what is left out',
          ...base,
        });
      }
      return out;
    }),
};
