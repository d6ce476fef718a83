// Measurable: the KPI's metric resolves to data, and that data is fresh for its cadence
// (rows within the last two cadence periods). Pure: the app supplies lastDataDate.
import type { Rule } from '../rule-types.js';
import { kpiPosition } from '../rule-types.js';
import { periodsAgo } from '../cadence.js';
import { kpiLabel, sortedKpis } from '../project-lookup.js';
import { ownGet } from '@kpi/core';

export const measurableRule: Rule = {
  id: 'kpi.measurable',
  title: 'Data behind the KPI, and fresh',
  defaultSeverity: 'error',
  rationale: 'A KPI without recent data cannot be tracked; a stale one is read as if it were current.',
  check: ({ project, facts, today }) =>
    sortedKpis(project).flatMap(([name, k]) => {
      const f = ownGet(facts.kpis, name);
      if (!f || f.lastDataDate === undefined) return [];
      const pos = kpiPosition(project, name);
      const base = {
        kpi: name,
        goal: k.goal,
        path: ['kpis', name, 'metric'],
        ...(pos ? { position: pos } : {}),
      };
      if (f.lastDataDate === null) {
        return [
          {
            ...base,
            code: 'kpi.measurable.no_data',
            message: `KPI "${kpiLabel(project, name)}" has no data: its metric "${k.metric}" finds no rows.`,
            hint: 'import the export that feeds it (kpi import <dataset> <file>), or check the KPI filter',
          },
        ];
      }
      const cadence = k.cadence ?? 'weekly';
      const limit = periodsAgo(today, cadence, 2);
      if (f.lastDataDate >= limit) return [];
      return [
        {
          ...base,
          code: 'kpi.measurable.stale',
          severity: 'warning' as const,
          message: `KPI "${kpiLabel(project, name)}" is reviewed ${cadence}, but its latest data is from ${f.lastDataDate}, more than two ${cadence.replace('ly', '')} periods ago.`,
          hint: 'load the recent exports, or check that the feed still runs',
        },
      ];
    }),
};
