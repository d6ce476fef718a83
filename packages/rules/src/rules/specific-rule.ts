// Specific: one clearly described metric per KPI, not a compound of several. Pure.
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
