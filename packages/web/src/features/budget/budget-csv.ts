// The plan as CSV for a media buyer (the same columns as `kpi budget --csv`), built in the
// browser from the API's answer. Pure.
import type { BudgetPlan } from './budget-types';

const field = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const r2 = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 100) / 100);

export const planCsv = (p: BudgetPlan): string =>
  [
    [
      p.dimension,
      'name',
      'period_start',
      'period_end',
      'today_spend',
      'planned_spend',
      'change',
      'daily_budget',
      'expected_outcome_today',
      'expected_outcome_plan',
      'cost_per_extra_outcome_plan',
      'note',
    ],
    ...p.members.map((m) => [
      m.member,
      m.label,
      p.period.start,
      p.period.end,
      r2(m.today),
      r2(m.plan),
      r2(m.plan - m.today),
      r2(m.plan / p.period.days),
      Math.round(m.outcomeToday * 10) / 10,
      Math.round(m.outcomePlan * 10) / 10,
      r2(m.marginalCostPlan),
      m.refused
        ? `kept at today's spend: ${m.refused.message}`
        : m.status === 'optimised'
          ? ''
          : m.status.replace('_', ' '),
    ]),
  ]
    .map((row) => row.map(field).join(','))
    .join('\n') + '\n';
