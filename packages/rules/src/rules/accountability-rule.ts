// Accountability: every KPI has an owner, a target, a baseline and a review cadence. Pure.
import type { Rule } from '../rule-types.js';
import { kpiPosition } from '../rule-types.js';
import { kpiLabel, sortedKpis } from '../project-lookup.js';

const WHY: Record<string, string> = {
  owner: 'nobody is answerable for it',
  target: 'nobody can tell whether it is good or bad',
  baseline: 'progress cannot be measured from a starting point',
  cadence: 'nobody knows when it will be looked at again',
};

export const accountabilityRule: Rule = {
  id: 'kpi.accountability',
  title: 'Owner, target, baseline and cadence',
  defaultSeverity: 'error',
  rationale:
    'A KPI without an owner, a target, a baseline and a review cadence is a number on a screen, not a commitment.',
  check: ({ project }) =>
    sortedKpis(project).flatMap(([name, k]) => {
      const missing = (['owner', 'target', 'baseline', 'cadence'] as const).filter((f) => k[f] === undefined);
      if (missing.length === 0) return [];
      const pos = kpiPosition(project, name);
      return [
        {
          code: 'kpi.accountability.missing',
          message: `KPI "${kpiLabel(project, name)}" has no ${missing.join(', no ')}: ${missing.map((m) => WHY[m]).join('; ')}.`,
          path: ['kpis', name],
          hint: `add ${missing.map((m) => `\`${m}:\``).join(', ')} to kpis.${name}`,
          kpi: name,
          goal: k.goal,
          ...(pos ? { position: pos } : {}),
        },
      ];
    }),
};
