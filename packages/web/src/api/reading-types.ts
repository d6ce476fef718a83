// The readings the API computes: the scorecard, one KPI's reading with its target,
// comparisons, cause, series and forecast, and the forecast band. Types only.
// Invariant: they mirror the server's responses; fields the app does not use are omitted.

import type { DateRange, ValueFormat } from './api-types';

export type Status = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'missed' | 'no_data' | 'no_target';

export interface TargetProgress {
  readonly kind: 'reach' | 'cumulative' | 'stay_above' | 'stay_below';
  readonly value: number;
  readonly deadline: string;
  readonly tolerance: number;
  readonly path: string;
  readonly pathUsed: string;
  readonly baseline: number | null;
  readonly actual: number | null;
  readonly expected: number | null;
  readonly gap: number | null;
  readonly behind: number | null;
  /** 0..1 (may exceed 1) from the baseline towards the target; null for limits. */
  readonly progress: number | null;
  readonly daysElapsed: number;
  readonly daysTotal: number;
  readonly daysLeft: number;
  readonly requiredPerDay: number | null;
  readonly currentPerDay: number | null;
  readonly runRateAtDeadline: number | null;
}

export interface BenchmarkPosition {
  readonly set: string;
  readonly label: string;
  readonly source: string;
  readonly date: string;
  readonly example: boolean;
  readonly platform?: string;
  readonly period: 'week' | 'month' | 'quarter' | 'year';
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly value: number;
  readonly band: string;
  readonly percentile: number | null;
  readonly sense: 'better' | 'worse' | 'same';
  /** "above the p75 of retail brands on Instagram (source …, 2026)". */
  readonly phrase: string;
}

export interface Comparison {
  readonly kind: 'previous_period' | 'same_period_last_year';
  readonly range: DateRange;
  readonly days: number;
  readonly aligned: boolean;
  readonly value: number | null;
  readonly change: number | null;
  readonly changeRelative: number | null;
  readonly sense: 'better' | 'worse' | 'same' | 'unknown';
  /** Set when that window holds data on too few days to compare with (no change is computed). */
  readonly thin?: { readonly daysWithData: number; readonly currentDaysWithData: number };
}

export interface CauseMember {
  readonly member: string;
  /** The member's display name from the YAML. */
  readonly label?: string;
  readonly current: number | null;
  readonly previous: number | null;
  readonly effect: number;
  readonly shareOfTotal: number | null;
  readonly shareOfChange: number | null;
  readonly mix?: number;
  readonly rate?: number;
}

export interface CauseDimension {
  readonly dimension: string;
  /** The dimension's display name from the YAML. */
  readonly label?: string;
  readonly method: 'additive' | 'mix_rate' | string;
  readonly current: number | null;
  readonly previous: number | null;
  readonly change: number | null;
  readonly mix?: number;
  readonly rate?: number;
  readonly members: readonly CauseMember[];
  /** The members beyond the largest, summed. */
  readonly others?: { readonly count: number; readonly effect: number };
}

export interface Annotation {
  readonly date: string;
  readonly end?: string;
  readonly title: string;
  readonly description?: string;
  readonly scope?: Readonly<Record<string, string | readonly string[]>>;
}

export interface Driver {
  readonly dimension: string;
  readonly dimensionLabel?: string;
  readonly method: string;
  readonly member: string;
  readonly label?: string;
  readonly current?: number | null;
  readonly previous?: number | null;
  readonly effect: number;
  readonly shareOfChange: number | null;
  readonly mix?: number;
  readonly rate?: number;
  readonly annotations: readonly Annotation[];
}

/** A mention quoted as an example of a theme, with its row key (for a correction). */
export interface MentionExample {
  readonly key: readonly string[];
  readonly date: string;
  readonly text: string;
  readonly label: string;
  readonly corrected: boolean;
}

export interface Theme {
  readonly term: string;
  readonly current: number;
  readonly previous: number;
  readonly z: number;
  readonly examples: readonly MentionExample[];
}

/** A sentiment KPI's cause: what this period's negative mentions talk about more than the previous period's. */
export interface ThemeCause {
  readonly dataset: string;
  readonly column: string;
  readonly textColumn: string;
  readonly label: 'negative';
  readonly current: { readonly range: DateRange; readonly mentions: number };
  readonly previous: { readonly range: DateRange; readonly mentions: number };
  readonly terms: readonly Theme[];
}

export interface Cause {
  readonly against: string;
  readonly change: number | null;
  readonly dimensions: readonly CauseDimension[];
  readonly drivers: readonly Driver[];
  readonly note?: string;
  /** Set when the change is within the usual period-to-period variation. */
  readonly noise?: { readonly usualChange: number };
  readonly themes?: ThemeCause;
}

export interface SeriesPoint {
  readonly start: string;
  readonly end: string;
  readonly label: string;
  readonly value: number | null;
  readonly target: number | null;
  readonly partial: boolean;
}

export interface ForecastSummary {
  readonly atDeadline: number;
  readonly low80: number;
  readonly high80: number;
  readonly low95: number;
  readonly high95: number;
  /** Probability of hitting the target, 0..1 (absent without a target). */
  readonly probability?: number;
  readonly model: string;
  readonly historyDays: number;
}

export interface AnomalyPoint {
  readonly date: string;
  readonly value: number;
  readonly expected: number;
  readonly expectedLow: number;
  readonly expectedHigh: number;
  readonly score: number;
  readonly direction: 'high' | 'low';
}

export interface LevelShift {
  readonly date: string;
  readonly before: number;
  readonly after: number;
}

export interface KpiReading {
  readonly kind: 'kpi_reading';
  readonly kpi: string;
  readonly label?: string;
  readonly goal: string;
  readonly metric: string;
  readonly format: ValueFormat;
  readonly direction: 'higher' | 'lower';
  readonly indicator?: 'leading' | 'lagging';
  readonly owner?: string;
  /** The owner as people read it (an account's name for an email). */
  readonly ownerName?: string;
  readonly asOf: string;
  readonly grain: string;
  readonly current?: {
    readonly range: DateRange;
    readonly label: string;
    readonly value: number | null;
    readonly elapsedDays: number;
    readonly totalDays: number;
    readonly partial: boolean;
  };
  /** The current period to date while it is young; `current` is then the last complete period. */
  readonly soFar?: {
    readonly range: DateRange;
    readonly label: string;
    readonly value: number | null;
    readonly elapsedDays: number;
    readonly totalDays: number;
  };
  /** The number the KPI is judged on (to date for cumulative targets). */
  readonly value: number | null;
  readonly status: Status;
  readonly statusReason?: string;
  /** The verdict (docs/verdict.md): the phrase every surface shows, e.g. "on pace, but 24% likely". */
  readonly verdict?: {
    readonly status: Status;
    readonly pace: Status;
    readonly probability: number | null;
    readonly phrase: string;
    readonly reason: string;
  };
  readonly target?: TargetProgress;
  readonly comparisons: readonly Comparison[];
  readonly cause?: Cause;
  readonly series: readonly SeriesPoint[];
  readonly annotations: readonly Annotation[];
  readonly sentence: string;
  readonly forecast?: ForecastSummary;
  readonly forecastNote?: string;
  /** Set when the metric reads static reference data (time: none): why there is no comparison or forecast. */
  readonly staticNote?: string;
  /** Where the headline value sits in each benchmark set that applies (benchmarks/*.yaml). */
  readonly benchmarks?: readonly BenchmarkPosition[];
  readonly anomalies?: readonly AnomalyPoint[];
  readonly levelShifts?: readonly LevelShift[];
  readonly warnings?: readonly string[];
}

export interface MetricReading {
  readonly kind: 'metric_reading';
  readonly metric: string;
  readonly label?: string;
  readonly format: ValueFormat;
  readonly direction?: 'higher' | 'lower';
  readonly range: DateRange;
  readonly value: number | null;
  readonly previous?: Comparison;
}

export interface GoalScore {
  readonly goal: string;
  readonly title: string;
  readonly owner?: string;
  readonly ownerName?: string;
  readonly period?: DateRange;
  readonly parent?: string;
  readonly statusCounts: Readonly<Partial<Record<Status, number>>>;
  readonly kpis: readonly KpiReading[];
}

/** GET /api/kpis/{name}/scorecard: one KPI's reading with its goal's title. */
export interface KpiExplanation {
  readonly kind: 'kpi_explanation';
  readonly asOf: string;
  readonly goalTitle: string;
  readonly reading: KpiReading;
}

export interface Scorecard {
  readonly kind: 'scorecard';
  readonly project: string;
  readonly asOf: string;
  readonly goals: readonly GoalScore[];
  readonly supporting: readonly MetricReading[];
}

/** A goal as defined in the YAML (GET /api/goals). */
export interface ForecastBandPoint {
  readonly start: string;
  readonly end: string;
  readonly label: string;
  readonly value: number;
  readonly low80: number;
  readonly high80: number;
  readonly low95: number;
  readonly high95: number;
}

export interface ForecastBand {
  readonly kpi: string;
  readonly metric: string;
  readonly grain: string;
  readonly asOf: string;
  readonly deadline?: string;
  readonly horizon: number;
  readonly model?: string;
  readonly note?: string;
  readonly history: readonly { start: string; end: string; label: string; value: number | null }[];
  readonly points: readonly ForecastBandPoint[];
}
