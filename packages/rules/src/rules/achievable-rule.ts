// Achievable: the pace a target demands, from today to the deadline, compared with the
// best pace of the last year; and, when forecasts exist, the forecast's probability.
// Pure: the app supplies the history at the KPI's cadence and the value now.
import { dayNumber, formatValue, type KpiDef, type Project, ownGet } from '@kpi/core';
import type { KpiFacts, RawFinding, Rule } from '../rule-types.js';
import { kpiPosition } from '../rule-types.js';
import { kpiLabel, sortedKpis } from '../project-lookup.js';

const PERIOD_DAYS = { weekly: 7, monthly: 30.44, quarterly: 91.31, yearly: 365.25 } as const;
/** Periods of history the pace is compared with: the last year, or the last four for a yearly KPI. */
const HISTORY = { weekly: 52, monthly: 12, quarterly: 4, yearly: 4 } as const;
const UNIT_WORD = { weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year' } as const;
const SPAN_WORDS = {
  weekly: 'the last year',
  monthly: 'the last year',
  quarterly: 'the last year',
  yearly: 'the last four years',
} as const;

const check = (p: Project, name: string, k: KpiDef, f: KpiFacts, today: string): RawFinding | undefined => {
  const target = k.target;
  const goal = ownGet(p.goals, k.goal);
  const metric = ownGet(p.metrics, k.metric);
  if (!target || !goal || !metric) return undefined;
  const cadence = k.cadence ?? 'weekly';
  const deadline = target.deadline ?? goal.period.end;
  const left = (dayNumber(deadline) - dayNumber(today) + 1) / PERIOD_DAYS[cadence];
  const year = (f.history ?? [])
    .slice(-HISTORY[cadence])
    .map((h) => h.value)
    .filter((v): v is number => v !== null);
  const fmt = (v: number) =>
    formatValue(v, { unit: metric.unit, ...(metric.currency ? { currency: metric.currency } : {}) });
  const up = metric.direction === 'higher';
  const label = kpiLabel(p, name);
  const word = UNIT_WORD[cadence];
  const span = SPAN_WORDS[cadence];
  if (f.probability != null && f.probability < 0.1 && left > 0) {
    return {
      code: 'kpi.achievable.unlikely',
      message: `KPI "${label}": the forecast gives a ${(f.probability * 100).toFixed(0)}% chance of reaching ${fmt(target.value)} by ${deadline}.`,
      path: ['kpis', name, 'target', 'value'],
      hint: 'agree a target the team believes in, or change the plan that is supposed to get there',
    };
  }
  if (year.length < 4 || left <= 0 || f.current == null) return undefined;
  if (target.kind === 'cumulative') {
    const needed = (target.value - f.current) / left;
    const best = Math.max(...year);
    if (!up || needed <= best) return undefined;
    return {
      code: 'kpi.achievable.pace_above_history',
      message: `KPI "${label}": reaching ${fmt(target.value)} by ${deadline} needs ${fmt(needed)} a ${word} from now on, more than the best ${word} of ${span} (${fmt(best)}).`,
      path: ['kpis', name, 'target', 'value'],
      hint: `lower the target, move the deadline, or name what will make the coming ${word}s better than any in ${span}`,
    };
  }
  if (target.kind === 'reach') {
    const needed = (target.value - f.current) / left;
    const steps = year.slice(1).map((v, i) => v - (year[i] ?? v));
    const best = up ? Math.max(...steps) : Math.min(...steps);
    if (up ? needed <= best : needed >= best) return undefined;
    return {
      code: 'kpi.achievable.pace_above_history',
      message: `KPI "${label}": getting from ${fmt(f.current)} to ${fmt(target.value)} by ${deadline} needs ${needed > 0 ? '+' : ''}${fmt(needed)} every ${word}, a faster change than any ${word} of ${span} (best ${best > 0 ? '+' : ''}${fmt(best)}).`,
      path: ['kpis', name, 'target', 'value'],
      hint: 'lower the target, move the deadline, or name what will change the trend',
    };
  }
  const limitOk =
    target.kind === 'stay_below' ? year.some((v) => v <= target.value) : year.some((v) => v >= target.value);
  if (limitOk) return undefined;
  return {
    code: 'kpi.achievable.limit_never_met',
    message: `KPI "${label}": the limit ${target.kind === 'stay_below' ? 'below' : 'above'} ${fmt(target.value)} was not met in any ${word} of ${span}.`,
    path: ['kpis', name, 'target', 'value'],
    hint: 'set a limit the current operation can hold, then tighten it as it improves',
  };
};

export const achievableRule: Rule = {
  id: 'kpi.achievable',
  title: 'Target within reach',
  defaultSeverity: 'warning',
  rationale:
    'A target that demands more than the team has ever done, with no plan for why, demotivates instead of guiding.',
  check: ({ project, facts, today }) =>
    sortedKpis(project).flatMap(([name, k]) => {
      const f = ownGet(facts.kpis, name);
      const found = f ? check(project, name, k, f, today) : undefined;
      if (!found) return [];
      const pos = kpiPosition(project, name);
      return [{ ...found, kpi: name, goal: k.goal, ...(pos ? { position: pos } : {}) }];
    }),
};
