// The plain sentence of a budget plan ("moving €4,000 from Meta ads to Google search lifts the
// chance of 2,200 qualified leads from 36% to 55%") and its CSV for a media buyer. IO-free.
// Invariant: numbers go through the one formatter; the CSV carries raw numbers.

import { formatValue } from '@kpi/core';
import { likelihoodText } from '@kpi/scorecard';
import type { BudgetPlanOutput } from './budget-plan.js';

const money = (x: number, currency: string) => formatValue(Math.round(x), { unit: 'currency', currency });
const count = (x: number) => formatValue(Math.round(x), { unit: 'count' });

const names = (xs: readonly string[]): string =>
  xs.length <= 2 ? xs.join(' and ') : `${xs[0]}, ${xs[1]} and ${xs.length - 2} more`;

/** What moves where, in words: "moving €4,000 from Meta ads to Google search". */
export const planMove = (out: BudgetPlanOutput): string => {
  const diff = out.members.map((m) => ({ label: m.label, d: m.plan - m.today }));
  const from = diff.filter((x) => x.d < -0.5).sort((a, b) => a.d - b.d);
  const to = diff.filter((x) => x.d > 0.5).sort((a, b) => b.d - a.d);
  const moved = Math.min(
    -from.reduce((a, x) => a + x.d, 0),
    to.reduce((a, x) => a + x.d, 0),
  );
  const extra = out.total - out.todayTotal;
  const parts: string[] = [];
  if (Math.abs(extra) >= 0.5)
    parts.push(
      `${extra > 0 ? 'adding' : 'cutting'} ${money(Math.abs(extra), out.currency)} ${extra > 0 ? 'to' : 'from'} today's pace`,
    );
  if (moved >= 0.5 && from.length && to.length)
    parts.push(
      `moving ${money(moved, out.currency)} from ${names(from.map((x) => x.label))} to ${names(to.map((x) => x.label))}`,
    );
  return parts.length ? parts.join(' and ') : "keeping today's split";
};

/** The plan's headline sentence, with its effect on the goal's KPI when it has one. */
export const planSentence = (out: BudgetPlanOutput): string => {
  const move = planMove(out);
  const head = move.charAt(0).toUpperCase() + move.slice(1);
  const g = out.outcome.gain;
  const label = out.outcomeLabel.toLowerCase();
  const gain = `${g.mean >= 0 ? '+' : '−'}${count(Math.abs(g.mean))} ${label} over the period (80%: ${count(g.low80)} to ${count(g.high80)})`;
  const k = out.kpi;
  if (!k) return `${head}: ${gain} against today's split.`;
  const verb = k.probabilityPlan >= k.probabilityNow ? 'lifts' : 'lowers';
  return `${head} ${verb} the chance of ${count(k.target)} ${label} from ${likelihoodText(k.probabilityNow)} to ${likelihoodText(k.probabilityPlan)} (${gain} against today's split).`;
};

const csvField = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const round = (x: number | undefined, d = 2) =>
  x === undefined ? undefined : Math.round(x * 10 ** d) / 10 ** d;

/** One row per member: what to spend from the period's first day to its last. */
export const budgetPlanCsv = (out: BudgetPlanOutput): string => {
  const head = [
    out.dimension,
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
    'goal',
  ];
  const rows = out.members.map((m) => [
    m.member,
    m.label,
    out.period.start,
    out.period.end,
    round(m.today),
    round(m.plan),
    round(m.plan - m.today),
    round(m.plan / out.period.days),
    round(m.outcomeToday, 1),
    round(m.outcomePlan, 1),
    round(m.marginalCostPlan),
    m.refused
      ? `kept at today's spend: ${m.refused.message}`
      : m.status === 'optimised'
        ? ''
        : m.status.replace('_', ' '),
    out.goal,
  ]);
  return [head, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
};
