// Use-case: `kpi budget --goal G --total N` — response curves per member of a dimension from
// the daily history, the split of the total that maximises the goal's outcome under the
// limits, its expected outcome against keeping today's split, and what it does to the goal's
// KPI (probability and verdict, through the scorecard's own forecast). IO wiring only: the
// math is in @kpi/predict.
// Invariants: a member whose history cannot identify a curve keeps today's spend and says
// why; today's spend is the last 28 days' daily pace; the plan sums to the total.

import {
  NotFoundError,
  ProblemsError,
  UsageError,
  addDays,
  nextPeriodStart,
  ownGet,
  periodStart,
  type Issue,
} from '@kpi/core';
import {
  allocateBudget,
  compareSplits,
  fitResponseCurve,
  marginalResponse,
  steadyResponse,
  type CurveFit,
  type OutcomeRange,
} from '@kpi/predict';
import { yesterdayOf } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { checkSumMetric, readMemberHistory, type MemberHistory } from './budget-history.js';
import { kpiEffect, periodDays, type KpiEffect } from './budget-kpi-effect.js';
import { evaluateScorecard } from './evaluate-scorecard.js';

export const BUDGET_PERIODS = ['rest-of-goal', 'rest-of-month', 'next-month', 'next-quarter'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

export interface BudgetInput {
  readonly goal: string;
  /** Total budget for the period (default: today's pace over the period). */
  readonly total?: number;
  readonly period?: BudgetPeriod;
  /** Largest change from today per member, as a share (0.2 = ±20%). */
  readonly maxChange?: number;
  readonly min?: Readonly<Record<string, number>>;
  readonly max?: Readonly<Record<string, number>>;
  readonly dimension?: string;
  readonly spendMetric?: string;
  /** The KPI whose metric is the outcome (default: the goal's first KPI on a summed metric of the spend's dataset). */
  readonly kpi?: string;
  readonly asOf?: string;
  readonly resamples?: number;
  /** A plan already made (period spend per member, e.g. from a plan CSV): evaluated, not optimised. Members left out keep today's spend. */
  readonly plan?: Readonly<Record<string, number>>;
  /** The plan's own days (instead of `period`), first and last, both after the as-of day. */
  readonly range?: { readonly start: string; readonly end: string };
}

export interface CurvePoint {
  readonly spend: number;
  readonly outcome: number;
  readonly low?: number;
  readonly high?: number;
}

export interface BudgetMember {
  readonly member: string;
  readonly label: string;
  readonly today: number;
  readonly plan: number;
  readonly lower: number;
  readonly upper: number;
  readonly status: 'optimised' | 'at_min' | 'at_max' | 'kept';
  readonly outcomeToday: number;
  readonly outcomePlan: number;
  /** Spend per extra outcome at today's pace and at the plan's (absent without a curve). */
  readonly marginalCostToday?: number;
  readonly marginalCostPlan?: number;
  readonly curve?: {
    readonly decay: number;
    readonly halfSat: number;
    readonly scale: number;
    readonly base: number;
    readonly r2: number;
    readonly days: number;
    readonly saturationSeen: boolean;
    readonly spendMax: number;
  };
  /** Why no curve was fitted. */
  readonly refused?: { readonly code: string; readonly message: string; readonly hint?: string };
  /** Observed weekly averages (daily spend, daily outcome), for the chart. */
  readonly points: readonly CurvePoint[];
  /** The fitted steady daily response with its 80% band, for the chart. */
  readonly line: readonly CurvePoint[];
}

export interface BudgetPlanOutput {
  readonly goal: string;
  readonly goalTitle: string;
  readonly asOf: string;
  readonly dimension: string;
  readonly dimensionLabel: string;
  readonly spendMetric: string;
  readonly outcomeMetric: string;
  readonly outcomeLabel: string;
  readonly currency: string;
  readonly period: {
    readonly name: BudgetPeriod | 'custom';
    readonly start: string;
    readonly end: string;
    readonly days: number;
  };
  readonly total: number;
  readonly todayTotal: number;
  readonly maxChange?: number;
  readonly members: readonly BudgetMember[];
  /** Expected outcome over the period: the plan, today's split scaled to the total, and the difference. */
  readonly outcome: {
    readonly plan: OutcomeRange;
    readonly today: OutcomeRange;
    readonly gain: OutcomeRange;
  };
  readonly kpi?: KpiEffect;
  readonly caveat: string;
}

export const CAVEAT =
  'This plan reads correlations in past data: spend may have followed demand rather than caused it. Before moving the whole budget, test it: hold out a region or a few weeks at the old split and compare.';

const periodRange = (name: BudgetPeriod, asOf: string, goalEnd: string) => {
  const start = addDays(asOf, 1);
  if (name === 'rest-of-goal') return periodDays(start, goalEnd);
  if (name === 'rest-of-month')
    return periodDays(start, addDays(nextPeriodStart(periodStart(start, 'month'), 'month'), -1));
  const grain = name === 'next-month' ? 'month' : 'quarter';
  const first = nextPeriodStart(periodStart(start, grain), grain);
  return periodDays(first, addDays(nextPeriodStart(first, grain), -1));
};

const HISTORY_DAYS = 730;
const PACE_DAYS = 28;

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

const weeklyPoints = (h: MemberHistory): CurvePoint[] => {
  const out: CurvePoint[] = [];
  for (let end = h.spend.length; end - 7 >= 0 && out.length < 104; end -= 7)
    out.push({ spend: mean(h.spend.slice(end - 7, end)), outcome: mean(h.outcome.slice(end - 7, end)) });
  return out.reverse();
};

const curveLine = (fit: CurveFit, top: number): CurvePoint[] =>
  Array.from({ length: 25 }, (_, i) => {
    const x = (top * i) / 24;
    const ys = fit.draws.map((c) => c.base + steadyResponse(c, x)).sort((a, b) => a - b);
    const at = (p: number) => ys[Math.min(ys.length - 1, Math.round(p * (ys.length - 1)))];
    const low = at(0.1);
    const high = at(0.9);
    return {
      spend: x,
      outcome: fit.curve.base + steadyResponse(fit.curve, x),
      ...(low === undefined ? {} : { low }),
      ...(high === undefined ? {} : { high }),
    };
  });

/** The goal's KPI on a summed metric of the spend's dataset (or the one named). */
const outcomeKpi = (lp: LoadedProject, goal: string, spendDataset: string, named?: string) => {
  const p = lp.project;
  if (named !== undefined) {
    const k = ownGet(p.kpis, named);
    if (!k || k.goal !== goal)
      throw new NotFoundError('budget.kpi_not_found', `no KPI named "${named}" on goal "${goal}"`);
    return { name: named, def: k };
  }
  for (const [name, k] of Object.entries(p.kpis)) {
    if (k.goal !== goal || k.filter) continue;
    const m = ownGet(p.metrics, k.metric);
    if (m?.kind === 'simple' && (m.agg === 'sum' || m.agg === 'count') && m.dataset === spendDataset)
      return { name, def: k };
  }
  throw new UsageError(
    'budget.no_outcome_kpi',
    `goal "${goal}" has no KPI on a summed metric of the spend's dataset (${spendDataset})`,
    'name one with --kpi, or add a KPI such as leads or conversions to the goal',
  );
};

export const planBudget = async (lp: LoadedProject, input: BudgetInput): Promise<BudgetPlanOutput> => {
  const p = lp.project;
  const goal = ownGet(p.goals, input.goal);
  if (!goal)
    throw new NotFoundError(
      'goal.not_found',
      `no goal named "${input.goal}"`,
      `goals: ${Object.keys(p.goals).sort().join(', ') || '(none)'}`,
    );
  const spendMetric = input.spendMetric ?? 'spend';
  const spendDataset = checkSumMetric(p, spendMetric, 'spend', '--spend');
  const k = outcomeKpi(lp, input.goal, spendDataset, input.kpi);
  const outcomeMetric = k.def.metric;
  if (checkSumMetric(p, outcomeMetric, 'outcome', '--kpi') !== spendDataset)
    throw new UsageError(
      'budget.datasets_differ',
      `the outcome "${outcomeMetric}" and the spend "${spendMetric}" come from different datasets`,
    );
  const dimension = input.dimension ?? 'channel';
  const col = ownGet(ownGet(p.datasets, spendDataset)?.columns ?? {}, dimension);
  if (!col)
    throw new UsageError(
      'budget.dimension_not_found',
      `the dataset "${spendDataset}" has no column "${dimension}"`,
      `columns: ${Object.keys(ownGet(p.datasets, spendDataset)?.columns ?? {}).join(', ')}`,
    );
  const asOf = input.asOf ?? yesterdayOf(lp);
  const name: BudgetPeriod = input.period ?? (goal.period.end > asOf ? 'rest-of-goal' : 'next-month');
  if (name === 'rest-of-goal' && goal.period.end <= asOf)
    throw new UsageError(
      'budget.goal_over',
      `the goal "${input.goal}" ended on ${goal.period.end}`,
      'use --period next-month',
    );
  if (input.range && (input.range.start <= asOf || input.range.end < input.range.start))
    throw new UsageError(
      'budget.range',
      `the plan's days ${input.range.start} to ${input.range.end} must start after ${asOf} and end on or after their start`,
    );
  const period = input.range
    ? { name: 'custom' as const, ...periodDays(input.range.start, input.range.end) }
    : { name, ...periodRange(name, asOf, goal.period.end) };
  const histories = await readMemberHistory(lp, {
    spendMetric,
    outcomeMetric,
    dimension,
    from: addDays(asOf, -HISTORY_DAYS + 1),
    to: asOf,
  });
  if (histories.length === 0)
    throw new UsageError(
      'budget.no_history',
      `no ${spendMetric} by ${dimension} in the last ${HISTORY_DAYS} days up to ${asOf}`,
      'import the spend first',
    );
  const labels = col.labels;
  const labelOf = (m: string) => (labels ? ownGet(labels, m) : undefined) ?? m;
  const limit = (table: Readonly<Record<string, number>> | undefined, what: string) => {
    const bad = Object.keys(table ?? {}).filter((m) => !histories.some((h) => h.member === m));
    if (bad.length)
      throw new UsageError(
        'budget.unknown_member',
        `--${what} names ${bad.map((b) => `"${b}"`).join(', ')}, not a ${dimension} with spend`,
        `${dimension}s: ${histories.map((h) => h.member).join(', ')}`,
      );
    return (m: string) => (table ? ownGet(table, m) : undefined);
  };
  limit(input.plan, 'plan');
  const minOf = limit(input.min, 'min');
  const maxOf = limit(input.max, 'max');
  const fits = histories.map((h, i) =>
    fitResponseCurve(h, { resamples: input.resamples ?? 100, seed: 101 + i }),
  );
  const pace = histories.map((h) => mean(h.spend.slice(-PACE_DAYS)));
  const today = pace.map((x) => Math.round(x * period.days * 100) / 100);
  const todayTotal = today.reduce((a, b) => a + b, 0);
  const total = input.total ?? Math.round(todayTotal * 100) / 100;
  const members = histories.map((h, i) => {
    const f = fits[i];
    const lo = minOf(h.member);
    const hi = maxOf(h.member);
    return {
      name: h.member,
      today: today[i] ?? 0,
      ...(f?.ok ? { curve: f.value.curve } : {}),
      ...(lo !== undefined ? { min: lo } : {}),
      ...(hi !== undefined ? { max: hi } : {}),
    };
  });
  // A plan already made is evaluated as given: each member fixed at its planned spend.
  const fixed = input.plan;
  const planned = (m: string, i: number) => (fixed ? (ownGet(fixed, m) ?? today[i] ?? 0) : undefined);
  const alloc = fixed
    ? allocateBudget({
        members: members.map((m, i) => ({
          name: m.name,
          today: m.today,
          min: planned(m.name, i) ?? 0,
          max: planned(m.name, i) ?? 0,
          ...(m.curve ? { curve: m.curve } : {}),
        })),
        total: members.reduce((a, m, i) => a + (planned(m.name, i) ?? 0), 0),
        days: period.days,
      })
    : allocateBudget({
        members,
        total,
        days: period.days,
        ...(input.maxChange !== undefined ? { maxChange: input.maxChange } : {}),
      });
  if (!alloc.ok)
    throw new ProblemsError('budget.infeasible', 'no plan meets these limits', alloc.issues as Issue[]);
  const plan = alloc.value.members.map((m) => m.spend);
  const scaled = todayTotal > 0 ? today.map((t) => (t * total) / todayTotal) : today;
  const outcomeMembers = histories.map((h, i) => {
    const f = fits[i];
    return f?.ok
      ? {
          curve: f.value.curve,
          draws: f.value.draws,
          residualSd: f.value.residualSd,
          pastDaily: mean(h.outcome.slice(-PACE_DAYS)),
        }
      : { pastDaily: mean(h.outcome.slice(-PACE_DAYS)) };
  });
  const outcome = compareSplits(outcomeMembers, plan, scaled, period.days, { seed: 7 });
  // Against the forecast (which carries on at today's pace), the gain is plan minus today's spend.
  const vsPace = compareSplits(outcomeMembers, plan, today, period.days, { seed: 7 });
  const card = await evaluateScorecard(lp, { asOf, kpis: [k.name], withoutSupporting: true });
  const reading = card.goals.flatMap((g) => g.kpis).find((r) => r.kpi === k.name);
  const effect = reading ? kpiEffect(p, reading, period, vsPace.gain) : undefined;
  const outcomeDef = ownGet(p.metrics, outcomeMetric);
  return {
    goal: input.goal,
    goalTitle: goal.title,
    asOf,
    dimension,
    dimensionLabel: col.label ?? dimension,
    spendMetric,
    outcomeMetric,
    outcomeLabel: outcomeDef?.label ?? outcomeMetric,
    currency: (ownGet(p.metrics, spendMetric)?.currency ?? p.settings.currency) || 'USD',
    period,
    total: alloc.value.total,
    todayTotal: Math.round(todayTotal * 100) / 100,
    ...(input.maxChange !== undefined ? { maxChange: input.maxChange } : {}),
    members: alloc.value.members.map((m, i): BudgetMember => {
      const h = histories[i] as MemberHistory;
      const f = fits[i];
      const days = period.days;
      const om = outcomeMembers[i] as { curve?: CurveFit['curve']; pastDaily: number };
      const periodOutcome = (spend: number) =>
        om.curve ? days * (om.curve.base + steadyResponse(om.curve, spend / days)) : om.pastDaily * days;
      const cost = (spend: number) => {
        const mr = om.curve ? marginalResponse(om.curve, spend / days) : 0;
        return mr > 0 ? 1 / mr : undefined;
      };
      const ct = cost(m.today);
      const cp = cost(m.spend);
      return {
        member: m.name,
        label: labelOf(m.name),
        today: m.today,
        plan: m.spend,
        lower: m.lower,
        upper: Number.isFinite(m.upper) ? m.upper : Number.MAX_SAFE_INTEGER,
        status: m.status,
        outcomeToday: periodOutcome(m.today),
        outcomePlan: periodOutcome(m.spend),
        ...(f?.ok && ct !== undefined ? { marginalCostToday: ct } : {}),
        ...(f?.ok && cp !== undefined ? { marginalCostPlan: cp } : {}),
        ...(f?.ok
          ? {
              curve: {
                decay: f.value.curve.decay,
                halfSat: f.value.curve.halfSat,
                scale: f.value.curve.scale,
                base: f.value.curve.base,
                r2: f.value.r2,
                days: f.value.days,
                saturationSeen: f.value.saturationSeen,
                spendMax: f.value.spendMax,
              },
            }
          : {}),
        ...(f && !f.ok && f.issues[0]
          ? {
              refused: {
                code: f.issues[0].code,
                message: f.issues[0].message,
                ...(f.issues[0].hint ? { hint: f.issues[0].hint } : {}),
              },
            }
          : {}),
        points: weeklyPoints(h),
        line: f?.ok ? curveLine(f.value, Math.max(f.value.spendMax, (m.spend / days) * 1.2, 1) * 1.1) : [],
      };
    }),
    outcome,
    ...(effect ? { kpi: effect } : {}),
    caveat: CAVEAT,
  };
};
