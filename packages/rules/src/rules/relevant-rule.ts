// Relevant: each KPI's category fits what its goal is about. Pure.
import type { Rule } from '../rule-types.js';
import { kpiPosition } from '../rule-types.js';
import { goalCategories, SERVES } from '../goal-focus.js';
import { kpiLabel, sortedKpis } from '../project-lookup.js';
import { ownGet } from '@kpi/core';

export const relevantRule: Rule = {
  id: 'kpi.relevant',
  title: 'KPI fits its goal',
  defaultSeverity: 'warning',
  rationale:
    'A KPI measures progress towards its goal; a number from another area (follower growth on a lead goal) moves without the goal moving.',
  check: ({ project }) =>
    sortedKpis(project).flatMap(([name, k]) => {
      const goal = ownGet(project.goals, k.goal);
      const category = ownGet(project.metrics, k.metric)?.category;
      if (!goal || !category) return [];
      const about = goalCategories(goal);
      if (about.length === 0) return [];
      if (about.some((c) => SERVES[c].includes(category))) return [];
      const pos = kpiPosition(project, name);
      return [
        {
          code: 'kpi.relevant.category_mismatch',
          message: `KPI "${kpiLabel(project, name)}" is ${/^[aeiou]/.test(category) ? 'an' : 'a'} ${category.replace('_', ' ')} number, but the goal "${goal.title}" is about ${about.map((c) => c.replace('_', ' ')).join(' and ')}.`,
          path: ['kpis', name, 'metric'],
          hint: `pick a ${about
            .flatMap((c) => SERVES[c])
            .filter((c, i, a) => a.indexOf(c) === i)
            .map((c) => c.replace('_', ' '))
            .join(', ')} metric for this goal, or move the KPI to a goal it serves`,
          kpi: name,
          goal: k.goal,
          ...(pos ? { position: pos } : {}),
        },
      ];
    }),
};
