// Focus: three to five KPIs per goal, and five to ten across the top-level goals. Pure.
import type { RawFinding, Rule } from '../rule-types.js';
import { goalPosition } from '../rule-types.js';
import { kpisOfGoal } from '../project-lookup.js';
import { ownGet } from '@kpi/core';

export const FOCUS = { perGoalMin: 3, perGoalMax: 5, topMin: 5, topMax: 10 } as const;

export const focusRule: Rule = {
  id: 'goal.focus',
  title: 'Three to five KPIs per goal',
  defaultSeverity: 'warning',
  rationale:
    'Too many KPIs dilute attention and nobody can say which number matters; too few leave a goal judged by a single figure that is easy to game.',
  check: ({ project }) => {
    const out: RawFinding[] = [];
    const goals = Object.keys(project.goals).sort();
    for (const goal of goals) {
      const n = kpisOfGoal(project, goal).length;
      const title = ownGet(project.goals, goal)?.title ?? goal;
      const pos = goalPosition(project, goal);
      const at = pos ? { position: pos } : {};
      if (n > FOCUS.perGoalMax) {
        out.push({
          code: 'goal.focus.too_many',
          message: `Goal "${title}" has ${n} KPIs. With more than ${FOCUS.perGoalMax}, the team cannot tell which number decides whether the goal is met.`,
          path: ['goals', goal],
          hint: `keep the ${FOCUS.perGoalMin}-${FOCUS.perGoalMax} that would change a decision; leave the rest as supporting metrics (they stay on the dashboard as context)`,
          goal,
          ...at,
        });
      } else if (n < FOCUS.perGoalMin) {
        out.push({
          code: 'goal.focus.too_few',
          message: `Goal "${title}" has ${n === 0 ? 'no KPIs' : `only ${n} KPI${n === 1 ? '' : 's'}`}; one number alone is easy to game and says little about why it moved.`,
          path: ['goals', goal],
          hint: `add KPIs until the goal has ${FOCUS.perGoalMin}-${FOCUS.perGoalMax}, including a leading and a lagging one`,
          goal,
          ...at,
        });
      }
    }
    const top = goals.filter((g) => ownGet(project.goals, g)?.parent === undefined);
    const hasCascade = goals.length > top.length;
    const topKpis = top.reduce((n, g) => n + kpisOfGoal(project, g).length, 0);
    if (hasCascade && topKpis > FOCUS.topMax) {
      out.push({
        code: 'goal.focus.top_level_too_many',
        message: `The top-level goals carry ${topKpis} KPIs; an organisation's top level reads best with ${FOCUS.topMin} to ${FOCUS.topMax}.`,
        path: ['goals'],
        hint: 'move detailed KPIs down to the child goals that own them',
      });
    } else if (hasCascade && topKpis < FOCUS.topMin) {
      out.push({
        code: 'goal.focus.top_level_too_few',
        message: `The top-level goals carry ${topKpis} KPI${topKpis === 1 ? '' : 's'}; an organisation's top level needs ${FOCUS.topMin} to ${FOCUS.topMax} to show whether the company is on track.`,
        path: ['goals'],
        hint: 'roll child KPIs up to the top-level goals, or add the company-level outcomes',
      });
    }
    return out;
  },
};
