// Leading and lagging: every goal pairs at least one of each; where the app measured the
// lagged correlation between them, it is reported as evidence that the leading one leads. Pure.
import type { RawFinding, Rule } from '../rule-types.js';
import { goalPosition, kpiPosition } from '../rule-types.js';
import { kpiLabel, kpisOfGoal } from '../project-lookup.js';
import { ownGet } from '@kpi/core';

export const leadingLaggingRule: Rule = {
  id: 'goal.leading_lagging',
  title: 'Leading and lagging KPIs paired',
  defaultSeverity: 'warning',
  rationale:
    'Lagging KPIs say how the period went once it is over; leading KPIs say what to do this week. A goal needs both to steer early and to prove the activity pays off.',
  check: ({ project, facts }) => {
    const out: RawFinding[] = [];
    for (const goal of Object.keys(project.goals).sort()) {
      const kpis = kpisOfGoal(project, goal);
      if (kpis.length === 0) continue;
      const title = ownGet(project.goals, goal)?.title ?? goal;
      const pos = goalPosition(project, goal);
      const unset = kpis.filter((k) => ownGet(project.kpis, k)?.indicator === undefined);
      for (const k of unset) {
        const kp = kpiPosition(project, k);
        out.push({
          code: 'goal.leading_lagging.unset',
          message: `KPI "${kpiLabel(project, k)}" is not marked leading or lagging, so the goal's balance cannot be judged.`,
          path: ['kpis', k, 'indicator'],
          hint: 'set indicator: leading (an activity that moves the outcome) or lagging (the outcome itself)',
          kpi: k,
          goal,
          ...(kp ? { position: kp } : {}),
        });
      }
      const has = (i: string) => kpis.some((k) => ownGet(project.kpis, k)?.indicator === i);
      const missing = !has('leading') ? 'leading' : !has('lagging') ? 'lagging' : undefined;
      if (missing && unset.length < kpis.length) {
        out.push({
          code: `goal.leading_lagging.no_${missing}`,
          message:
            missing === 'leading'
              ? `Goal "${title}" has only lagging KPIs: the team learns whether it worked only after the period is over.`
              : `Goal "${title}" has only leading KPIs: activity is counted, but nothing shows whether it produces the outcome.`,
          path: ['goals', goal],
          hint:
            missing === 'leading'
              ? 'add a leading KPI the team can move this week (e.g. qualified leads added, posts published, response time)'
              : 'add the outcome the activity is meant to produce (e.g. revenue, customers, conversion rate) as a lagging KPI',
          goal,
          ...(pos ? { position: pos } : {}),
        });
      }
      const evidence = ownGet(facts.leadLag, goal);
      if (evidence) {
        const strong = evidence.correlation >= 0.3;
        out.push({
          code: strong ? 'goal.leading_lagging.evidence' : 'goal.leading_lagging.weak_evidence',
          severity: 'info',
          message: `Goal "${title}": "${kpiLabel(project, evidence.leading)}" ${strong ? 'moves ahead of' : 'shows little sign of leading'} "${kpiLabel(project, evidence.lagging)}" (correlation ${evidence.correlation.toFixed(2)} at a lag of ${evidence.lag} period${evidence.lag === 1 ? '' : 's'}).`,
          path: ['goals', goal],
          ...(strong
            ? {}
            : { hint: 'check that the leading KPI really drives the outcome, or pick one that does' }),
          goal,
          ...(pos ? { position: pos } : {}),
        });
      }
    }
    return out;
  },
};
