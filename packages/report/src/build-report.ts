// Builds the report model from the scorecard readings: per goal, each KPI's verdict,
// target and pace, comparison, cause with its annotation, forecast, latest review; what
// changed since the last report; the supporting metrics as an appendix. Pure and
// deterministic: the same inputs give the same report. Invariants: goals and KPIs keep the
// scorecard's order; a status change compares the verdict now with the verdict at the end of
// the last report's period; a target change is one whose `target` differs before and after.

import { formatDay, formatRange, ownGet } from '@kpi/core';
import type { GoalReading, KpiReading, MetricReading, Scorecard, ValueFormat } from '@kpi/scorecard';
import type {
  Report,
  ReportChange,
  ReportGoal,
  ReportKpi,
  ReportMetric,
  ReportReview,
} from './report-model.js';
import type { ReportPeriod } from './report-period.js';
import {
  budgetSection,
  churnSection,
  type BudgetSectionInput,
  type ChurnSectionInput,
} from './report-predictive.js';
import {
  STATUS_TEXT,
  annotationText,
  capital,
  causeText,
  comparisonText,
  fmt,
  forecastText,
  paceOf,
  probabilityText,
  targetText,
} from './report-words.js';
import { formatChange } from '@kpi/core';
import { percentText } from '@kpi/scorecard';

/** A recorded change of a KPI definition (from the change history), with the person's name. */
export interface KpiChangeInput {
  readonly kpi: string;
  /** The calendar day of the change in the project time zone. */
  readonly date: string;
  readonly who: string;
  readonly reason: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/** A KPI's latest review, with the author's name. */
export interface ReviewInput {
  readonly kpi: string;
  readonly date: string;
  readonly who: string;
  readonly decision: string;
  readonly note: string;
}

export interface ReportInput {
  readonly scorecard: Scorecard;
  /** The scorecard at the end of the last report's period (for status changes), when there was data. */
  readonly previous?: Scorecard;
  readonly period: ReportPeriod;
  /** KPI definition changes made since the last report. */
  readonly changes: readonly KpiChangeInput[];
  /** The latest review per KPI. */
  readonly reviews: readonly ReviewInput[];
  readonly generatedAt: string;
  /** Budget plans of the goals with a spend-driven KPI, and churn outlooks (the predictive sections). */
  readonly budget?: readonly BudgetSectionInput[];
  readonly churn?: readonly ChurnSectionInput[];
}

const targetOf = (def: unknown): { kind: string; value: number; deadline?: string } | undefined => {
  if (typeof def !== 'object' || def === null) return undefined;
  const t = (def as { target?: unknown }).target;
  if (typeof t !== 'object' || t === null) return undefined;
  const x = t as { kind?: unknown; value?: unknown; deadline?: unknown };
  if (typeof x.kind !== 'string' || typeof x.value !== 'number') return undefined;
  return {
    kind: x.kind,
    value: x.value,
    ...(typeof x.deadline === 'string' ? { deadline: x.deadline } : {}),
  };
};

const KINDS = ['reach', 'cumulative', 'stay_above', 'stay_below'] as const;
const targetWords = (t: ReturnType<typeof targetOf>, f: ValueFormat): string => {
  if (!t) return 'no target';
  const kind = KINDS.find((k) => k === t.kind);
  const text = kind
    ? targetText({ kind, value: t.value, ...(t.deadline ? { deadline: t.deadline } : {}) }, f)
    : `${t.kind} ${fmt(t.value, f)}`;
  return text[0]?.toLowerCase() + text.slice(1);
};

const kpiOf = (r: KpiReading, review: ReviewInput | undefined): ReportKpi => {
  const pace = paceOf(r);
  const last = r.series[r.series.length - 1];
  const rev: ReportReview | null = review
    ? { who: review.who, date: formatDay(review.date, ''), decision: review.decision, note: review.note }
    : null;
  return {
    kpi: r.kpi,
    label: r.label,
    status: r.status,
    statusText: STATUS_TEXT[r.status],
    phrase: r.verdict?.phrase ?? STATUS_TEXT[r.status],
    ...(r.indicator ? { indicator: r.indicator } : {}),
    ...((r.ownerName ?? r.owner) ? { ownerName: r.ownerName ?? r.owner } : {}),
    value: fmt(r.value, r.format),
    valueWhen: r.target?.kind === 'cumulative' ? 'to date' : r.current.label,
    target: r.target ? targetText(r.target, r.format) : null,
    pace: pace.text,
    paceBar: pace.bar,
    comparison: comparisonText(
      r,
      r.comparisons.find((c) => c.kind === 'previous_period'),
    ),
    cause: causeText(r),
    annotation: annotationText(r),
    forecast: forecastText(r),
    probability: probabilityText(r),
    review: rev,
    warnings: r.warnings ?? [],
    sentence: r.sentence,
    spark: {
      values: r.series.map((p) => p.value),
      targets: r.series.map((p) => p.target),
      partialLast: last?.partial === true,
    },
    raw: {
      value: r.value,
      target: r.target?.value ?? null,
      probability: r.forecast?.probability ?? null,
      format: r.format,
    },
  };
};

const summaryOf = (g: GoalReading): string =>
  Object.entries(g.statusCounts)
    .map(([s, n]) => `${n} ${ownGet(STATUS_TEXT, s) ?? s}`)
    .join(' · ');

const changesOf = (g: GoalReading, input: ReportInput): ReportChange[] => {
  const before = new Map<string, KpiReading>();
  for (const pg of input.previous?.goals ?? []) for (const k of pg.kpis) before.set(k.kpi, k);
  const status: ReportChange[] = g.kpis.flatMap((k) => {
    const b = before.get(k.kpi);
    if (!b || b.status === k.status) return [];
    return [
      {
        kind: 'status' as const,
        kpi: k.kpi,
        label: k.label,
        text: `${STATUS_TEXT[b.status]} → ${STATUS_TEXT[k.status]}`,
      },
    ];
  });
  const target: ReportChange[] = input.changes.flatMap((c) => {
    const k = g.kpis.find((x) => x.kpi === c.kpi);
    if (!k) return [];
    const [t0, t1] = [targetOf(c.before), targetOf(c.after)];
    if (JSON.stringify(t0) === JSON.stringify(t1)) return [];
    return [
      {
        kind: 'target' as const,
        kpi: c.kpi,
        label: k.label,
        text: `target ${targetWords(t0, k.format)} → ${targetWords(t1, k.format)}`,
        who: c.who,
        ...(c.reason ? { why: c.reason } : {}),
        date: formatDay(c.date, ''),
      },
    ];
  });
  return [...status, ...target];
};

const metricOf = (m: MetricReading): ReportMetric => {
  const p = m.previous;
  const change =
    p.value === null || p.change === null
      ? 'no earlier value'
      : m.format.unit !== 'percent' && p.changeRelative !== null
        ? `${p.changeRelative > 0 ? '+' : p.changeRelative < 0 ? '−' : ''}${percentText(Math.abs(p.changeRelative))} on the week before`
        : `${formatChange(p.change, m.format)} on the week before`;
  return {
    metric: m.metric,
    label: m.label,
    value: fmt(m.value, m.format),
    change,
    range: formatRange(m.range),
  };
};

export const buildReport = (input: ReportInput): Report => {
  const card = input.scorecard;
  const reviews = new Map(input.reviews.map((r) => [r.kpi, r]));
  const goals: ReportGoal[] = card.goals.map((g) => ({
    goal: g.goal,
    title: g.title,
    ...((g.ownerName ?? g.owner) ? { ownerName: g.ownerName ?? g.owner } : {}),
    period: formatRange(g.period),
    summary: summaryOf(g),
    kpis: g.kpis.map((k) => kpiOf(k, reviews.get(k.kpi))),
    changes: changesOf(g, input),
  }));
  const first = card.supporting[0];
  return {
    kind: 'report',
    project: card.project,
    title: capital(`${card.project}: report for ${input.period.text}`),
    period: input.period,
    asOf: card.asOf,
    generatedAt: input.generatedAt,
    goals,
    supporting: card.supporting.map(metricOf),
    supportingRange: first ? formatRange(first.range) : null,
    ...(input.budget?.length ? { budget: input.budget.map(budgetSection) } : {}),
    ...(input.churn?.length ? { churn: input.churn.map(churnSection) } : {}),
  };
};
