// Drift: a KPI not reviewed for two cadence periods; the KPI list not reviewed this
// quarter. Pure: the app supplies the review dates.
import { periodStart, ownGet } from '@kpi/core';
import type { RawFinding, Rule } from '../rule-types.js';
import { kpiPosition } from '../rule-types.js';
import { periodsAgo } from '../cadence.js';
import { kpiLabel, sortedKpis } from '../project-lookup.js';

export const driftRule: Rule = {
  id: 'kpi.drift',
  title: 'Reviews kept up',
  defaultSeverity: 'warning',
  rationale:
    'KPI lists drift: targets go stale and KPIs outlive the goals they served. Regular reviews keep the list honest.',
  check: ({ project, facts, today }) => {
    const out: RawFinding[] = [];
    if (!facts.kpis) return out;
    const never: string[] = [];
    for (const [name, k] of sortedKpis(project)) {
      const f = ownGet(facts.kpis, name);
      if (!f || f.lastReview === undefined || !k.cadence) continue;
      if (f.lastReview === null) {
        never.push(name);
        continue;
      }
      if (f.lastReview >= periodsAgo(today, k.cadence, 2)) continue;
      const pos = kpiPosition(project, name);
      out.push({
        code: 'kpi.drift.stale_review',
        message: `KPI "${kpiLabel(project, name)}" was last reviewed on ${f.lastReview}, more than two ${k.cadence} periods ago.`,
        path: ['kpis', name, 'cadence'],
        hint: `record a review: kpi review ${name}`,
        kpi: name,
        goal: k.goal,
        ...(pos ? { position: pos } : {}),
      });
    }
    if (never.length > 0) {
      out.push({
        code: 'kpi.drift.never_reviewed',
        severity: 'info',
        message: `${never.length} KPI${never.length === 1 ? ' has' : 's have'} never been reviewed: ${never.map((n) => `"${kpiLabel(project, n)}"`).join(', ')}.`,
        path: ['kpis'],
        hint: 'record a review after the next meeting: kpi review <kpi>',
      });
    }
    if (facts.lastListReview !== undefined && Object.keys(project.kpis).length > 0) {
      const quarter = periodStart(today, 'quarter');
      if (facts.lastListReview === null || facts.lastListReview < quarter) {
        out.push({
          code: 'kpi.drift.list_not_reviewed',
          message:
            facts.lastListReview === null
              ? 'The KPI list has never been reviewed as a whole.'
              : `The KPI list was last reviewed on ${facts.lastListReview}, before this quarter began (${quarter}).`,
          path: ['kpis'],
          hint: 'run the quarterly review: kpi review --list (keep, retire, replace or rewrite each KPI)',
        });
      }
    }
    return out;
  },
};
