// The whole scorecard: every goal with its KPIs, plus the supporting metrics shown as
// context. Pure, readonly data, and the grouping helpers that build it.
// Invariant: goals keep the project's order; within a goal, leading KPIs come before
// lagging ones, then the others, each group in the project's order.

import type { DateRange } from '@kpi/core';
import type { KpiReading, MetricReading, Status } from './kpi-reading.js';
import { STATUSES } from './kpi-reading.js';

export interface GoalReading {
  readonly goal: string;
  readonly title: string;
  readonly owner?: string;
  /** The owner as people read it: an account's name for an email (see app people-names). */
  readonly ownerName?: string;
  readonly period: DateRange;
  readonly parent?: string;
  /** How many of the goal's KPIs are in each status. */
  readonly statusCounts: Readonly<Partial<Record<Status, number>>>;
  readonly kpis: readonly KpiReading[];
}

export interface Scorecard {
  readonly kind: 'scorecard';
  readonly project: string;
  readonly asOf: string;
  readonly goals: readonly GoalReading[];
  readonly supporting: readonly MetricReading[];
  /** Statements run against the store to build it (one per dataset and pass). */
  readonly queries: number;
}

const INDICATOR_ORDER = { leading: 0, lagging: 1 } as const;

export const goalReading = (
  goal: Omit<GoalReading, 'statusCounts' | 'kpis'>,
  kpis: readonly KpiReading[],
): GoalReading => {
  const sorted = kpis
    .map((k, i) => ({ k, i }))
    .sort(
      (a, b) =>
        (a.k.indicator ? INDICATOR_ORDER[a.k.indicator] : 2) -
          (b.k.indicator ? INDICATOR_ORDER[b.k.indicator] : 2) || a.i - b.i,
    )
    .map((x) => x.k);
  const statusCounts: Partial<Record<Status, number>> = {};
  for (const s of STATUSES) {
    const n = kpis.filter((k) => k.status === s).length;
    if (n > 0) statusCounts[s] = n;
  }
  return { ...goal, statusCounts, kpis: sorted };
};
