// Vanity: follower counts, raw impressions, views and likes promoted to KPI without a goal
// about reach, or without an outcome KPI beside them. Pure.
import { ownGet, type MetricDef, type Project } from '@kpi/core';
import type { RawFinding, Rule } from '../rule-types.js';
import { goalPosition, kpiPosition } from '../rule-types.js';
import { goalCategories } from '../goal-focus.js';
import { kpiLabel, kpisOfGoal, sortedKpis } from '../project-lookup.js';

const VANITY_COLUMN =
  /(^|_)(followers?|impressions?|views?|video_views|likes?|reach|fans|subscribers_count)($|_)/;

/** Why a metric is a raw audience or attention count, or undefined when it is not one. */
export const vanityKind = (m: MetricDef | undefined): string | undefined => {
  if (m?.kind === 'snapshot' && VANITY_COLUMN.test(m.column)) return 'a follower-style count';
  if (
    m?.kind === 'simple' &&
    (m.agg === 'sum' || m.agg === 'count') &&
    m.column !== undefined &&
    VANITY_COLUMN.test(m.column)
  ) {
    return 'a raw count of impressions, views or likes';
  }
  return undefined;
};

const isOutcome = (p: Project, kpi: string): boolean => {
  const k = ownGet(p.kpis, kpi);
  const cat = ownGet(p.metrics, k?.metric ?? '')?.category;
  return k?.indicator === 'lagging' && (cat === 'conversion' || cat === 'roi');
};

const TEST =
  'Would moving it by 20% change a decision the team would otherwise make? If not, it is a vanity metric.';

export const vanityMetricRule: Rule = {
  id: 'kpi.vanity',
  title: 'Vanity metric promoted to KPI',
  defaultSeverity: 'warning',
  rationale:
    'Followers, impressions, views and likes look good in a report but rarely change a decision. Ask: if this number moved by 20%, would the team do anything differently?',
  check: ({ project }) => {
    const out: RawFinding[] = [];
    const unpaired = new Map<string, string[]>();
    for (const [name, k] of sortedKpis(project)) {
      const kind = vanityKind(ownGet(project.metrics, k.metric));
      const goal = ownGet(project.goals, k.goal);
      if (!kind || !goal) continue;
      const aboutReach = goalCategories(goal).includes('awareness');
      if (aboutReach) {
        const paired = kpisOfGoal(project, k.goal).some((other) => isOutcome(project, other));
        if (!paired) unpaired.set(k.goal, [...(unpaired.get(k.goal) ?? []), name]);
        continue;
      }
      const pos = kpiPosition(project, name);
      out.push({
        code: 'kpi.vanity.promoted',
        message: `KPI "${kpiLabel(project, name)}" is ${kind}, and the goal "${goal.title}" is not about reach or awareness. ${TEST}`,
        path: ['kpis', name],
        hint: 'replace it with a number that moves the goal (e.g. engagement rate, click-through rate, qualified leads), or keep it as a supporting metric',
        kpi: name,
        goal: k.goal,
        ...(pos ? { position: pos } : {}),
      });
    }
    for (const [goal, names] of unpaired) {
      const pos = goalPosition(project, goal);
      const labels = names.map((n) => `"${kpiLabel(project, n)}"`).join(', ');
      out.push({
        code: 'kpi.vanity.unpaired',
        message: `Goal "${ownGet(project.goals, goal)?.title ?? goal}" is about reach, but its raw audience counts (${labels}) have no outcome KPI beside them to show that the reach pays off. ${TEST.replace('moving it', 'moving them').replace('it is a vanity metric', 'they are vanity metrics')}`,
        path: ['goals', goal],
        hint: 'add a lagging outcome KPI (e.g. leads or revenue from the launch market), or keep the counts as supporting metrics',
        goal,
        ...(pos ? { position: pos } : {}),
      });
    }
    return out;
  },
};
