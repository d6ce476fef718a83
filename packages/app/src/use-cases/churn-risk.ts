// Use-case: `kpi churn [name]` — per-customer churn risk for the next period from a churn
// definition, with the expected churners and their interval, the revenue at risk, the
// segments whose risk rose and the riskiest customers. IO wiring only: the model is in
// @kpi/predict.
// Invariants: the model learns only from snapshots whose outcome is known by the as-of day;
// too little history is a precise error, never a made-up risk.

import { ProblemsError, UsageError, addDays, dayNumber, fromDayNumber, ownGet } from '@kpi/core';
import { assessChurn, segmentRises, topReason, type FeatureName } from '@kpi/predict';
import { yesterdayOf } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { churnDef, churnRuleOf, readChurnActivity } from './churn-activity.js';

export interface ChurnInput {
  readonly name?: string;
  readonly asOf?: string;
  /** How many of the riskiest customers to list (default 20). */
  readonly top?: number;
}

export interface ChurnCustomer {
  readonly customer: string;
  readonly risk: number;
  readonly daysSinceActivity: number;
  readonly lastActivity: string;
  readonly amount90: number;
  readonly reason: string;
  readonly reasonFeature: FeatureName;
  readonly segments: Readonly<Record<string, string>>;
}

export interface ChurnOutput {
  readonly name: string;
  readonly label: string;
  readonly asOf: string;
  readonly horizonDays: number;
  readonly rule: { readonly inactiveDays?: number; readonly cancel?: boolean };
  readonly activeCustomers: number;
  /** Over the last full horizon: of those active then, the share gone by the as-of day. */
  readonly lastPeriod: {
    readonly active: number;
    readonly churned: number;
    readonly rate: number;
    readonly from: string;
  };
  readonly expected: {
    readonly mean: number;
    readonly low: number;
    readonly high: number;
    readonly level: number;
  };
  readonly expectedRate: number;
  readonly revenueAtRisk: number;
  readonly currency: string;
  readonly validation: { readonly auc: number; readonly brier: number; readonly customers: number };
  readonly weights: Readonly<Record<FeatureName | 'intercept', number>>;
  readonly segments: readonly {
    readonly dimension: string;
    readonly dimensionLabel: string;
    readonly member: string;
    readonly label: string;
    /** Customers of the segment at the start of the last period. */
    readonly customers: number;
    /** Observed churn rate in the period before the last, and in the last. */
    readonly rateBefore: number;
    readonly rateNow: number;
    /** Mean predicted risk for the next period. */
    readonly riskNext: number;
  }[];
  readonly customers: readonly ChurnCustomer[];
}

const reasonText = (f: FeatureName, x: { days: number; z: number }): string => {
  switch (f) {
    case 'recency':
      return `no activity for ${x.days} days`;
    case 'frequency':
      return x.z < 0 ? 'little activity in the last 90 days' : 'busy lately, yet at risk';
    case 'tenure':
      return x.z < 0 ? 'a new customer' : 'a long-standing customer';
    case 'trend':
      return x.z < 0 ? 'activity falling' : 'activity rising';
    case 'spend':
      return x.z < 0 ? 'low spend in the last 90 days' : 'high spend in the last 90 days';
  }
};

export const churnRisk = async (lp: LoadedProject, input: ChurnInput = {}): Promise<ChurnOutput> => {
  const { name, def } = churnDef(lp, input.name);
  const top = input.top ?? 20;
  if (!Number.isInteger(top) || top < 1 || top > 1_000_000)
    throw new UsageError('churn.top', `--top must be a whole number from 1 to 1,000,000, got ${top}`);
  const asOf = input.asOf ?? yesterdayOf(lp);
  const data = await readChurnActivity(lp, def);
  const { rule, horizon } = churnRuleOf(def);
  const r = assessChurn(data.activity, rule, { asOfDay: dayNumber(asOf), horizon });
  if (!r.ok) throw new ProblemsError('churn.not_enough_data', `cannot assess churn for "${name}"`, r.issues);
  const a = r.value;
  const ds = ownGet(lp.project.datasets, def.dataset);
  const columnOf = (dim: string) => (ds ? ownGet(ds.columns, dim) : undefined);
  const labelOf = (dim: string, member: string) => {
    const labels = columnOf(dim)?.labels;
    return (labels ? ownGet(labels, member) : undefined) ?? member;
  };
  const segments = data.segments.flatMap((s) =>
    segmentRises(a, s.of, s.members).map((g) => ({
      dimension: s.dimension,
      dimensionLabel: columnOf(s.dimension)?.label ?? s.dimension,
      member: g.segment,
      label: labelOf(s.dimension, g.segment),
      customers: g.customers,
      rateBefore: g.rateBefore,
      rateNow: g.rateNow,
      riskNext: g.riskNext,
    })),
  );
  segments.sort(
    (p, q) => (q.rateNow - q.rateBefore) * q.customers - (p.rateNow - p.rateBefore) * p.customers,
  );
  const order = Array.from(a.risk.keys()).sort((i, j) => (a.risk[j] as number) - (a.risk[i] as number));
  const m = a.model;
  const customers = order.slice(0, top).map((row): ChurnCustomer => {
    const c = a.current.customers[row] as number;
    const f = topReason(a, row);
    const j = ['recency', 'frequency', 'tenure', 'trend', 'spend'].indexOf(f);
    const z = ((a.current.x[row * 5 + j] as number) - (m.means[j] ?? 0)) / (m.sds[j] || 1);
    const days = a.current.recencyDays[row] as number;
    return {
      customer: data.ids[c] ?? String(c),
      risk: a.risk[row] as number,
      daysSinceActivity: days,
      lastActivity: fromDayNumber(a.asOfDay - days),
      amount90: a.current.amount90[row] as number,
      reason: reasonText(f, { days, z }),
      reasonFeature: f,
      segments: Object.fromEntries(
        data.segments.map((s) => [s.dimension, labelOf(s.dimension, s.members[s.of[c] ?? -1] ?? '')]),
      ),
    };
  });
  const w = m.weights;
  return {
    name,
    label: def.label ?? name,
    asOf,
    horizonDays: horizon,
    rule: {
      ...(def.inactive_days !== undefined ? { inactiveDays: def.inactive_days } : {}),
      ...(def.cancel ? { cancel: true } : {}),
    },
    activeCustomers: a.current.customers.length,
    lastPeriod: { ...a.lastPeriod, from: addDays(asOf, -horizon) },
    expected: { mean: a.expected.mean, low: a.expected.low, high: a.expected.high, level: a.expected.level },
    expectedRate: a.current.customers.length ? a.expected.mean / a.current.customers.length : 0,
    revenueAtRisk: a.revenueAtRisk,
    currency: lp.project.settings.currency,
    validation: { auc: a.validation.auc, brier: a.validation.brier, customers: a.validation.rows },
    weights: {
      intercept: w[0] ?? 0,
      recency: w[1] ?? 0,
      frequency: w[2] ?? 0,
      tenure: w[3] ?? 0,
      trend: w[4] ?? 0,
      spend: w[5] ?? 0,
    },
    segments,
    customers,
  };
};
