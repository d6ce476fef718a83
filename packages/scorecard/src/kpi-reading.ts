// What the scorecard says about each KPI: the trio (target, comparison, cause), the
// status, the series and one sentence. Pure, readonly data; every number behind a view
// is here so any surface (terminal, JSON, web, report) shows the same reading.
// Invariant: fractions are plain numbers (0.08 = 8%); a value that cannot be computed is
// null, never NaN.

import type {
  AnnotationDef,
  ComparisonKind,
  DateRange,
  Direction,
  PeriodGrain,
  TargetKind,
  TargetPath,
  Unit,
} from '@kpi/core';
import type { VerdictReading } from './verdict.js';
import type { BenchmarkReading } from './benchmark-position.js';

export const STATUSES = [
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'missed',
  'no_data',
  'no_target',
] as const;
export type Status = (typeof STATUSES)[number];

export type Sense = 'better' | 'worse' | 'flat' | 'unknown';

/** How a value is shown: the metric's unit, currency and decimals (when set in YAML). */
export interface ValueFormat {
  readonly unit: Unit;
  readonly currency?: string;
  readonly decimals?: number;
}

export interface TargetReading {
  readonly kind: TargetKind;
  readonly value: number;
  readonly deadline: string;
  readonly tolerance: number;
  /** The path asked for, and the one used (seasonal falls back to linear without last year's data). */
  readonly path: TargetPath;
  readonly pathUsed: TargetPath;
  readonly baseline: number | null;
  /** The value judged: the goal period to date (cumulative), else the current period's value. */
  readonly actual: number | null;
  /** Where the path says the KPI should be today (reach, cumulative), or the limit (stay kinds). */
  readonly expected: number | null;
  /** actual - expected. */
  readonly gap: number | null;
  /** How far behind the path or past the limit, as a fraction of `expected` (negative: ahead); direction-aware. */
  readonly behind: number | null;
  /** Share of the way from the baseline (0 for cumulative) to the target. */
  readonly progress: number | null;
  readonly daysElapsed: number;
  readonly daysTotal: number;
  readonly daysLeft: number;
  /** Cumulative: the daily amount needed from tomorrow to the deadline, and the daily amount so far. */
  readonly requiredPerDay: number | null;
  readonly currentPerDay: number | null;
  /** Cumulative: the total at the deadline if the daily amount so far continues (a run-rate, not a forecast). */
  readonly runRateAtDeadline: number | null;
  /** Effective thresholds: on track up to `atRisk` behind, at risk up to `offTrack`. */
  readonly thresholds: { readonly atRisk: number; readonly offTrack: number };
}

export interface ComparisonReading {
  readonly kind: ComparisonKind;
  readonly range: DateRange;
  readonly days: number;
  /** True when only the first days of that period are used, to match a partial current period. */
  readonly aligned: boolean;
  readonly value: number | null;
  readonly change: number | null;
  readonly changeRelative: number | null;
  readonly sense: Sense;
  /** Set when this window holds data on too few days to compare with (change and changeRelative are then null). */
  readonly thin?: { readonly daysWithData: number; readonly currentDaysWithData: number };
}

export interface MemberContribution {
  readonly member: string;
  /** The member's display name from the YAML (`labels`), when one is given. */
  readonly label?: string;
  readonly current: number | null;
  readonly previous: number | null;
  /** This member's part of the KPI's total change (sums over members to the total change). */
  readonly effect: number;
  readonly shareOfTotal: number | null;
  readonly shareOfChange: number | null;
  /** Ratio metrics: the part from the member's share of the denominator moving (mix) and from its own rate (rate). */
  readonly mix?: number;
  readonly rate?: number;
  readonly weightCurrent?: number;
  readonly weightPrevious?: number;
}

export interface DimensionContribution {
  readonly dimension: string;
  /** The dimension's display name from the YAML (its column's `label`), when one is given. */
  readonly label?: string;
  readonly method: 'additive' | 'mix_rate';
  readonly current: number | null;
  readonly previous: number | null;
  readonly change: number | null;
  readonly mix?: number;
  readonly rate?: number;
  /** Sorted by the size of the effect, largest first. */
  readonly members: readonly MemberContribution[];
  /** Members left out of `members` (beyond the largest), summed, so the parts still add up to the change. */
  readonly others?: {
    readonly count: number;
    readonly effect: number;
    readonly mix?: number;
    readonly rate?: number;
  };
}

export interface AnnotationReading {
  readonly date: string;
  readonly end?: string;
  readonly title: string;
  readonly description?: string;
  readonly scope?: AnnotationDef['scope'];
}

export interface Driver {
  readonly dimension: string;
  readonly dimensionLabel?: string;
  readonly method: 'additive' | 'mix_rate';
  readonly member: string;
  /** The member's display name ("Meta ads" for meta_ads), when the YAML gives one. */
  readonly label?: string;
  /** The member's value now and before (its own rate, for ratio metrics). */
  readonly current: number | null;
  readonly previous: number | null;
  /** Ratio metrics: the member's share of the denominator now and before. */
  readonly weightCurrent?: number;
  readonly weightPrevious?: number;
  readonly effect: number;
  readonly shareOfChange: number | null;
  readonly mix?: number;
  readonly rate?: number;
  /** Annotations in the period whose scope names this member. */
  readonly annotations: readonly AnnotationReading[];
}

/** A mention quoted as an example of a theme: its row key (for a correction), day, text and label. */
export interface MentionExample {
  /** The row's natural key values, in the dataset's key order. */
  readonly key: readonly string[];
  readonly date: string;
  readonly text: string;
  readonly label: string;
  /** True when the label is the team's correction, not the model's. */
  readonly corrected: boolean;
}

/** One theme: a word or two-word phrase over-represented in this period's negative mentions. */
export interface ThemeReading {
  readonly term: string;
  /** Mentions with the term, this period and the previous one. */
  readonly current: number;
  readonly previous: number;
  /** z-score of the log-odds difference (over 2 is notable). */
  readonly z: number;
  readonly examples: readonly MentionExample[];
}

/**
 * The cause of a sentiment KPI: what this period's negative mentions talk about more than
 * the previous period's (same days), with example mentions.
 */
export interface ThemeCause {
  readonly dataset: string;
  /** The sentiment column, and the text column it is scored from. */
  readonly column: string;
  readonly textColumn: string;
  readonly label: 'negative';
  readonly current: { readonly range: DateRange; readonly mentions: number };
  readonly previous: { readonly range: DateRange; readonly mentions: number };
  /** Strongest first; empty when no term stands out. */
  readonly terms: readonly ThemeReading[];
}

export interface CauseReading {
  /** The change explained: current period against this comparison. */
  readonly against: ComparisonKind;
  readonly change: number | null;
  readonly dimensions: readonly DimensionContribution[];
  /** The member that moved the KPI most in the direction of the change, per dimension; biggest first. */
  readonly drivers: readonly Driver[];
  /** Why there are no drivers, when there are none. */
  readonly note?: string;
  /**
   * Set when the change is within the usual period-to-period variation: the typical
   * relative change between closed periods. The split stays in `dimensions`, but no
   * driver is named.
   */
  readonly noise?: { readonly usualChange: number };
  /** Sentiment KPIs: the themes of this period's negative mentions against the previous period's. */
  readonly themes?: ThemeCause;
}

/** Filled by the forecast package; the scorecard leaves it empty. */
export interface ForecastReading {
  /** The judged value expected at the deadline: the goal-period total (cumulative), else the deadline's period. */
  readonly atDeadline: number;
  readonly low80: number;
  readonly high80: number;
  readonly low95: number;
  readonly high95: number;
  /** Probability of meeting the target by the deadline (0..1). */
  readonly probability: number;
  /** What is forecast: the deadline's cadence period (reach), the goal-period total (cumulative) or value (stay kinds). */
  readonly judged?: 'deadline_period' | 'goal_period_total' | 'goal_period_value';
  /** The forecasting model chosen, and the days of history it was fitted on. */
  readonly model?: string;
  readonly historyDays?: number;
}

/** The KPI forecast over one period: the period's value (a sum's total, a ratio's Σnum/Σden, a snapshot's last level). */
export interface ForecastPeriodReading extends DateRange {
  readonly value: number;
  readonly low80: number;
  readonly high80: number;
  readonly low95: number;
  readonly high95: number;
}

/** A day whose value breaks the KPI's usual (weekly and yearly) pattern. */
export interface AnomalyReading {
  readonly date: string;
  readonly value: number;
  readonly expected: number;
  readonly expectedLow: number;
  readonly expectedHigh: number;
  /** −log10 of `probability` (3 = one in a thousand). */
  readonly score: number;
  /** Chance of a day at least this unusual given the days before it (two-sided tail). */
  readonly probability?: number;
  readonly direction: 'high' | 'low';
}

/** A lasting change of level in the daily series. */
export interface LevelShiftReading {
  readonly date: string;
  readonly before: number;
  readonly after: number;
}

export interface SeriesPoint {
  readonly start: string;
  readonly end: string;
  readonly label: string;
  readonly value: number | null;
  /** Target path for this period: the amount due in it (cumulative), the level at its end (reach), the limit (stay kinds). */
  readonly target: number | null;
  readonly partial: boolean;
}

export interface KpiReading {
  readonly kind: 'kpi_reading';
  readonly kpi: string;
  readonly label: string;
  readonly goal: string;
  readonly metric: string;
  readonly format: ValueFormat;
  readonly direction: Direction;
  readonly indicator?: 'leading' | 'lagging';
  readonly owner?: string;
  /** The owner as people read it: an account's name for an email (see app people-names). */
  readonly ownerName?: string;
  readonly asOf: string;
  readonly grain: PeriodGrain;
  /** The headline period of the KPI's cadence: the current one to the as-of day, or the last complete one (see `soFar`). */
  readonly current: {
    readonly range: DateRange;
    readonly label: string;
    readonly value: number | null;
    readonly elapsedDays: number;
    readonly totalDays: number;
    readonly partial: boolean;
  };
  /**
   * The current period to date while it is young (less than the KPI's `min_elapsed` has
   * passed): `current` is then the last complete period, which is the headline.
   */
  readonly soFar?: {
    readonly range: DateRange;
    readonly label: string;
    readonly value: number | null;
    readonly elapsedDays: number;
    readonly totalDays: number;
  };
  /** Ratio KPIs: the denominator in the period judged, and the minimum it needs for a verdict. */
  readonly volume?: { readonly value: number | null; readonly min: number; readonly label: string };
  /** The headline number: goal period to date for cumulative targets, else the current period's value. */
  readonly value: number | null;
  /** The verdict's status (pace, forecast and what is known together); the pace alone is `verdict.pace`. */
  readonly status: Status;
  readonly statusReason: string;
  /** The verdict, with the phrase every surface shows. */
  readonly verdict?: VerdictReading;
  readonly target?: TargetReading;
  readonly comparisons: readonly ComparisonReading[];
  readonly cause: CauseReading;
  readonly series: readonly SeriesPoint[];
  /** Annotations that fall in the current period. */
  readonly annotations: readonly AnnotationReading[];
  readonly forecast?: ForecastReading;
  /** The same forecast over cadence periods ahead, when asked for (`kpi forecast`, the API band). */
  readonly forecastPeriods?: {
    readonly model: string;
    readonly historyDays: number;
    readonly periods: readonly ForecastPeriodReading[];
  };
  /**
   * Set when the metric reads static reference data (`time: none`): why the reading has no
   * comparison, no driver and no forecast, in plain words.
   */
  readonly staticNote?: string;
  /** Why there is no forecast, when there is a target but no forecast. */
  readonly forecastNote?: string;
  /** Unusual days in the recent weeks, newest first. */
  readonly anomalies?: readonly AnomalyReading[];
  /** Why no day is judged for anomalies yet (too little history). */
  readonly anomalyNote?: string;
  readonly levelShifts?: readonly LevelShiftReading[];
  /** Where the headline period's value sits in each benchmark set that applies (benchmarks/*.yaml). */
  readonly benchmarks?: readonly BenchmarkReading[];
  /** Guard warnings, e.g. the counter-metric worsened while the KPI improved (Goodhart). */
  readonly warnings?: readonly string[];
  readonly sentence: string;
}

/** A supporting (non-KPI) metric: shown as context, with its comparison to the previous period. */
export interface MetricReading {
  readonly kind: 'metric_reading';
  readonly metric: string;
  readonly label: string;
  readonly format: ValueFormat;
  readonly direction: Direction;
  readonly range: DateRange;
  readonly value: number | null;
  readonly previous: ComparisonReading;
}
