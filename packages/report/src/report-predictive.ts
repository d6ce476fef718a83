// The report's predictive sections, in words: the budget plan of each goal with a
// spend-driven KPI (the recommended split against today's, the effect on the KPI's chance,
// the correlation caveat with its holdout recommendation) and each churn definition's
// outlook (churn rate, expected churners with the interval, revenue at risk, the segments
// whose churn rose). Pure. Invariant: every number is formatted by core's one formatter;
// the inputs carry raw numbers as the use-cases computed them.

import { formatRange, formatValue } from '@kpi/core';
import { likelihoodText } from '@kpi/scorecard';

export interface BudgetSectionInput {
  readonly goal: string;
  readonly goalTitle: string;
  /** The plan's sentence ("Moving €4,000 from Meta ads to Google search lifts the chance …"). */
  readonly sentence: string;
  readonly dimensionLabel: string;
  readonly outcomeLabel: string;
  readonly currency: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly members: readonly { readonly label: string; readonly today: number; readonly plan: number }[];
  readonly outcome: {
    readonly plan: { readonly mean: number; readonly low80: number; readonly high80: number };
    readonly today: { readonly mean: number };
  };
  readonly kpi?: {
    readonly label: string;
    readonly target: number;
    readonly probabilityNow: number;
    readonly probabilityPlan: number;
  };
  readonly caveat: string;
}

export interface ChurnSectionInput {
  readonly name: string;
  readonly label: string;
  readonly horizonDays: number;
  readonly lastPeriod: { readonly active: number; readonly churned: number; readonly rate: number };
  readonly activeCustomers: number;
  readonly expected: {
    readonly mean: number;
    readonly low: number;
    readonly high: number;
    readonly level: number;
  };
  readonly revenueAtRisk: number;
  readonly currency: string;
  readonly segments: readonly {
    readonly dimensionLabel: string;
    readonly label: string;
    readonly rateBefore: number;
    readonly rateNow: number;
    readonly riskNext: number;
  }[];
}

export interface ReportBudget {
  readonly goal: string;
  readonly title: string;
  readonly headline: string;
  /** "3 – 31 Dec 2026". */
  readonly period: string;
  readonly dimensionLabel: string;
  readonly rows: readonly {
    readonly label: string;
    readonly today: string;
    readonly plan: string;
    readonly change: string;
  }[];
  /** "Expected leads: 2,100 (80%: 1,950–2,250), against 2,000 with today's split". */
  readonly outcome: string;
  /** "Chance of 2,200 leads: 36% with today's split, 55% with the plan", when the goal's KPI has a forecast. */
  readonly probability: string | null;
  /** Correlations, not causes — and the holdout test to run first. */
  readonly caveat: string;
}

export interface ReportChurn {
  readonly name: string;
  readonly label: string;
  /** "19.0% of 601 customers left in the last 30 days". */
  readonly rate: string;
  /** "98 expected to leave in the next 30 days (80%: 88–108) of 537 active". */
  readonly expected: string;
  /** "€7,308 of the last 90 days' revenue is at risk". */
  readonly revenueAtRisk: string;
  /** "Market Netherlands: churn 12% → 25%, risk next 30 days 24%"; empty when no segment's churn rose clearly. */
  readonly segments: readonly string[];
}

const count = (x: number) => formatValue(Math.round(x), { unit: 'count' });
const pct = (x: number) => formatValue(x, { unit: 'percent', decimals: 1 });

export const budgetSection = (b: BudgetSectionInput): ReportBudget => {
  const money = (x: number) => formatValue(Math.round(x), { unit: 'currency', currency: b.currency });
  const label = b.outcomeLabel.toLowerCase();
  return {
    goal: b.goal,
    title: b.goalTitle,
    headline: b.sentence,
    period: formatRange(b.period),
    dimensionLabel: b.dimensionLabel,
    rows: b.members.map((m) => {
      const d = Math.round(m.plan - m.today);
      return {
        label: m.label,
        today: money(m.today),
        plan: money(m.plan),
        change: d === 0 ? 'no change' : `${d > 0 ? '+' : '−'}${money(Math.abs(d))}`,
      };
    }),
    outcome: `Expected ${label}: ${count(b.outcome.plan.mean)} (80%: ${count(b.outcome.plan.low80)}–${count(b.outcome.plan.high80)}), against ${count(b.outcome.today.mean)} with today's split`,
    probability: b.kpi
      ? `Chance of ${count(b.kpi.target)} ${label}: ${likelihoodText(b.kpi.probabilityNow)} with today's split, ${likelihoodText(b.kpi.probabilityPlan)} with the plan`
      : null,
    caveat: b.caveat,
  };
};

export const churnSection = (c: ChurnSectionInput): ReportChurn => ({
  name: c.name,
  label: c.label,
  rate: `${pct(c.lastPeriod.rate)} of ${count(c.lastPeriod.active)} customers left in the last ${c.horizonDays} days (${count(c.lastPeriod.churned)})`,
  expected: `${count(c.expected.mean)} expected to leave in the next ${c.horizonDays} days (${Math.round(c.expected.level * 100)}%: ${count(c.expected.low)}–${count(c.expected.high)}) of ${count(c.activeCustomers)} active`,
  revenueAtRisk: `${formatValue(Math.round(c.revenueAtRisk), { unit: 'currency', currency: c.currency })} of the last 90 days' revenue is at risk`,
  segments: c.segments.map(
    (s) =>
      `${s.dimensionLabel} ${s.label}: churn ${pct(s.rateBefore)} → ${pct(s.rateNow)}, risk for the next ${c.horizonDays} days ${pct(s.riskNext)}`,
  ),
});
