// The stakeholder report as data: what every surface (HTML, PDF, Markdown, JSON, e-mail)
// shows, already in words. Pure, readonly plain objects. Invariants: every number a reader
// sees is a string made by core's one formatter; people are names, never emails; statuses
// are words ("on track"), never codes, except in `status` (for colours and machines).

import type { DateRange } from '@kpi/core';
import type { Status, ValueFormat } from '@kpi/scorecard';
import type { ReportPeriod } from './report-period.js';
import type { ReportBudget, ReportChurn } from './report-predictive.js';

export type { ReportBudget, ReportChurn };

export interface PaceBarView {
  /** 0..1 of the bar filled. */
  readonly fill: number;
  /** 0..1: where the path expects the KPI today, or the limit. */
  readonly marker: number | null;
  /** True when on the right side of the path or limit. */
  readonly ahead: boolean | null;
}

export interface SparkView {
  readonly values: readonly (number | null)[];
  readonly targets: readonly (number | null)[];
  /** The last period is not over (drawn hollow). */
  readonly partialLast: boolean;
}

export interface ReportReview {
  readonly who: string;
  /** Calendar day of the review, "21 Nov 2026". */
  readonly date: string;
  readonly decision: string;
  readonly note: string;
}

export interface ReportKpi {
  readonly kpi: string;
  readonly label: string;
  readonly status: Status;
  /** The status in words: "at risk". */
  readonly statusText: string;
  /** The verdict phrase, as the API's `verdict.phrase`. */
  readonly phrase: string;
  readonly indicator?: 'leading' | 'lagging';
  readonly ownerName?: string;
  /** The headline value, formatted, and what it covers ("to date", "W47 2026"). */
  readonly value: string;
  readonly valueWhen: string;
  /** "Reach 2,050 in total by 31 Dec 2026"; null without a target. */
  readonly target: string | null;
  /** "62% of the way to 2,050 · the path expects 70% today"; "1.25% against a floor of 1.30% (−0.05 pp)". */
  readonly pace: string | null;
  readonly paceBar: PaceBarView | null;
  /** "+12% on the previous period (1,234 → 1,382)". */
  readonly comparison: string | null;
  /** "Meta ads produced 58% of the rise (26 → 30)", or why no driver is named. */
  readonly cause: string | null;
  /** The annotation beside the cause: "12 Nov: Black Friday campaign". */
  readonly annotation: string | null;
  /** "2,100 at the deadline (80%: 1,900–2,300)", or why there is none. */
  readonly forecast: string | null;
  /** The probability of a hit in words ("83%", "over 99%"), when there is a forecast. */
  readonly probability: string | null;
  readonly review: ReportReview | null;
  readonly warnings: readonly string[];
  /** The scorecard's sentence for the KPI. */
  readonly sentence: string;
  readonly spark: SparkView;
  /** The raw numbers behind the words, for machines (JSON). */
  readonly raw: {
    readonly value: number | null;
    readonly target: number | null;
    readonly probability: number | null;
    readonly format: ValueFormat;
  };
}

export interface ReportChange {
  readonly kind: 'status' | 'target';
  readonly kpi: string;
  readonly label: string;
  /** "at risk → off track", "target reach 2,000 → reach 2,050 by 31 Dec 2026". */
  readonly text: string;
  /** Who made a target change, and why (target changes only). */
  readonly who?: string;
  readonly why?: string;
  readonly date?: string;
}

export interface ReportGoal {
  readonly goal: string;
  readonly title: string;
  readonly ownerName?: string;
  /** The goal's own period, "1 Oct – 31 Dec 2026". */
  readonly period: string;
  /** "2 on track · 1 at risk". */
  readonly summary: string;
  readonly kpis: readonly ReportKpi[];
  readonly changes: readonly ReportChange[];
}

export interface ReportMetric {
  readonly metric: string;
  readonly label: string;
  readonly value: string;
  /** "+4.4% on the week before". */
  readonly change: string;
  readonly range: string;
}

export interface Report {
  readonly kind: 'report';
  readonly project: string;
  readonly title: string;
  readonly period: ReportPeriod;
  /** The last complete day the numbers cover (the period's end). */
  readonly asOf: string;
  /** When the report was made (an instant, ISO 8601). */
  readonly generatedAt: string;
  /** The goals, in the project's order (one when a goal was asked for). */
  readonly goals: readonly ReportGoal[];
  /** Supporting metrics: the compact appendix. */
  readonly supporting: readonly ReportMetric[];
  /** "Range" of the supporting metrics: the week they cover. */
  readonly supportingRange: string | null;
  /** Where the next euro should go: one plan per goal with a spend-driven KPI. */
  readonly budget?: readonly ReportBudget[];
  /** Who is about to leave: one outlook per churn definition. */
  readonly churn?: readonly ReportChurn[];
}

export type { DateRange };
