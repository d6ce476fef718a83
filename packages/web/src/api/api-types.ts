// The shapes the web app reads from the kpi HTTP API (see /api/openapi.json): accounts,
// definitions, history, reviews, checks, imports and errors; the computed readings are in
// reading-types.ts (re-exported here). Types only.
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
  readonly decimals?: number;
}

export interface ProjectInfo {
  readonly name: string;
  readonly timezone: string;
  readonly week_start: string;
  readonly fiscal_year_start: number;
  readonly currency?: string;
  readonly counts: Readonly<Record<'datasets' | 'metrics' | 'goals' | 'kpis' | 'annotations', number>>;
  /** Names of the churn definitions. */
  readonly churn?: readonly string[];
}

export interface DateRange {
  readonly start: string;
  readonly end: string;
}

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
  readonly label?: string;
  /** Display names of a dimension's members (YAML `labels:`). */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface DatasetInfo {
  readonly name: string;
  readonly description?: string;
  readonly time: string;
  /** True when the time column is the import date (a dataset without time in kpi.yaml). */
  readonly snapshot?: boolean;
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
  /** Stored rows replaced (a snapshot, or a dataset without a key). */
  readonly replaced?: number;
  /** The snapshot written (a dataset without a time column). */
  readonly snapshotDate?: string;
  /** Totals rows of the export left out. */
  readonly totalsSkipped?: number;
  /** With keepRejects: the rows not loaded, as CSV (line, column, reason, fields). */
  readonly rejectsCsv?: string;
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

export type * from './reading-types';
