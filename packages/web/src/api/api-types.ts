// The shapes the web app reads from the kpi HTTP API (see /api/openapi.json). Types only.
// Invariant: they mirror the server's responses; fields the app does not use are omitted.

export type Role = 'viewer' | 'editor' | 'admin';

export interface User {
  readonly email: string;
  readonly name?: string;
  readonly role: Role;
  readonly createdAt?: string;
}

export interface Me {
  readonly user: User;
  readonly via: 'session' | 'token';
  readonly csrfToken?: string;
}

export type Unit = 'count' | 'number' | 'currency' | 'percent' | 'ratio' | 'duration' | 'seconds';

export interface ValueFormat {
  readonly unit?: Unit;
  readonly currency?: string;
}

export interface ProjectInfo {
  readonly name: string;
  readonly timezone: string;
  readonly week_start: string;
  readonly fiscal_year_start: number;
  readonly currency?: string;
  readonly counts: Readonly<Record<'datasets' | 'metrics' | 'goals' | 'kpis' | 'annotations', number>>;
}

export interface DateRange {
  readonly start: string;
  readonly end: string;
}

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

export interface Comparison {
  readonly kind: 'previous_period' | 'same_period_last_year';
  readonly range: DateRange;
  readonly days: number;
  readonly aligned: boolean;
  readonly value: number | null;
  readonly change: number | null;
  readonly changeRelative: number | null;
  readonly sense: 'better' | 'worse' | 'same' | 'unknown';
}

export interface CauseMember {
  readonly member: string;
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
  readonly method: 'additive' | 'mix_rate' | string;
  readonly current: number | null;
  readonly previous: number | null;
  readonly change: number | null;
  readonly mix?: number;
  readonly rate?: number;
  readonly members: readonly CauseMember[];
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
  readonly method: string;
  readonly member: string;
  readonly effect: number;
  readonly shareOfChange: number | null;
  readonly mix?: number;
  readonly rate?: number;
  readonly annotations: readonly Annotation[];
}

export interface Cause {
  readonly against: string;
  readonly change: number | null;
  readonly dimensions: readonly CauseDimension[];
  readonly drivers: readonly Driver[];
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
  /** The number the KPI is judged on (to date for cumulative targets). */
  readonly value: number | null;
  readonly status: Status;
  readonly statusReason?: string;
  readonly target?: TargetProgress;
  readonly comparisons: readonly Comparison[];
  readonly cause?: Cause;
  readonly series: readonly SeriesPoint[];
  readonly annotations: readonly Annotation[];
  readonly sentence: string;
  readonly forecast?: ForecastSummary;
  readonly forecastNote?: string;
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
export interface GoalDef {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly owner?: string;
  readonly period?: DateRange;
  readonly unit?: string;
  readonly parent?: string;
  readonly kpis: readonly string[];
  readonly supporting?: readonly string[];
}

export interface TargetDef {
  readonly kind: 'reach' | 'cumulative' | 'stay_above' | 'stay_below';
  readonly value: number;
  readonly deadline?: string;
  readonly tolerance?: number;
  readonly path?: 'linear' | 'seasonal';
}

/** A KPI as defined in the YAML (GET /api/kpis). */
export interface KpiDef {
  readonly name: string;
  readonly label?: string;
  readonly description?: string;
  readonly metric: string;
  readonly goal?: string;
  readonly target?: TargetDef;
  readonly baseline?: { readonly value?: number; readonly from?: string; readonly to?: string };
  readonly owner?: string;
  readonly cadence?: 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';
  readonly indicator?: 'leading' | 'lagging';
  readonly counter_metric?: string | { readonly metric: string; readonly tolerance?: number };
  readonly filter?: Readonly<Record<string, unknown>>;
  readonly retired?: { readonly date: string; readonly reason: string };
}

export interface MetricDef {
  readonly name: string;
  readonly kind: string;
  readonly label?: string;
  readonly description?: string;
  readonly unit?: string;
  readonly direction?: 'higher' | 'lower';
  readonly dataset?: string;
  readonly category?: string;
}

export interface ColumnDef {
  readonly description?: string;
  readonly type: 'string' | 'integer' | 'number' | 'date' | 'timestamp' | 'boolean';
  readonly source?: string | readonly string[];
  readonly required?: boolean;
  readonly format?: string;
}

export interface DatasetInfo {
  readonly name: string;
  readonly description?: string;
  readonly time: string;
  readonly key: readonly string[];
  readonly dimensions?: readonly string[];
  readonly columns: Readonly<Record<string, ColumnDef>>;
  readonly stats?: {
    readonly rows: number;
    readonly from?: string | null;
    readonly to?: string | null;
    readonly lastImport?: unknown;
  };
}

export interface Issue {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly hint?: string;
  readonly position?: { readonly file?: string; readonly line?: number; readonly column?: number };
}

/** One row of GET /api/history and GET /api/kpis/{name}/history: a change with who, when, why. */
export interface ChangeRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly entity: 'kpi' | 'goal' | 'annotation' | string;
  readonly name: string;
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  /** The project file the change was written to. */
  readonly file?: string | null;
}

export interface Review {
  readonly id: number;
  readonly kpi: string;
  readonly at: string;
  /** Who recorded it (the user's email). */
  readonly author: string;
  readonly decision: 'keep' | 'adjust' | 'replace' | 'retire' | 'note';
  readonly note: string;
}

export interface Finding extends Issue {
  readonly rule: string;
  readonly kpi?: string;
  readonly goal?: string;
}

export interface CheckReport {
  readonly today: string;
  readonly withData: boolean;
  readonly counts: Readonly<Record<'error' | 'warning' | 'info', number>>;
  readonly findings: readonly Finding[];
}

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

export interface ImportSummary {
  readonly dataset: string;
  readonly file: string;
  readonly format: 'csv' | 'ndjson' | 'json';
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly seconds: number;
  readonly ignoredColumns: readonly string[];
  readonly missingColumns: readonly string[];
  readonly dryRun: boolean;
}

/** The body of every API error. */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: {
    readonly issues?: readonly Issue[];
    readonly rejected?: number;
    readonly rowsRead?: number;
    readonly listed?: number;
    readonly [k: string]: unknown;
  };
  readonly hint?: string;
  readonly requestId?: string;
}
