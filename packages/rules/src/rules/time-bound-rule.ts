// Time-bound: a target's deadline falls inside the goal's period (or at its end). Pure.
import type { Rule } from '../rule-types.js';
import { kpiPosition } from '../rule-types.js';
import { kpiLabel, sortedKpis } from '../project-lookup.js';
import { ownGet } from '@kpi/core';

export const timeBoundRule: Rule = {
  id: 'kpi.time_bound',
  title: 'Deadline inside the goal period',
  defaultSeverity: 'error',
  rationale:
    'A target whose deadline lies outside its goal period is judged against the wrong stretch of time.',
  check: ({ project }) =>
    sortedKpis(project).flatMap(([name, k]) => {
      const goal = ownGet(project.goals, k.goal);
      const deadline = k.target?.deadline;
      if (!goal || deadline === undefined) return [];
      if (deadline >= goal.period.start && deadline <= goal.period.end) return [];
      const pos = kpiPosition(project, name);
      return [
        {
          code: 'kpi.time_bound.deadline_outside_goal',
          message: `KPI "${kpiLabel(project, name)}": the target deadline ${deadline} is outside the goal's period ${goal.period.start} to ${goal.period.end}.`,
          path: ['kpis', name, 'target', 'deadline'],
          hint: `move the deadline into the goal period, or leave it out to use the goal's end (${goal.period.end})`,
          kpi: name,
          goal: k.goal,
          ...(pos ? { position: pos } : {}),
        },
      ];
    }),
};
