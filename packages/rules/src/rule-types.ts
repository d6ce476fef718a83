// The rule engine's vocabulary: a rule, what it may read, and what it reports. Pure.
// Invariant: rules never do IO; facts that need data (freshness, history, reviews,
// counter-metric movements) are computed by the app and handed in as `facts`.

import { ownGet, type Issue, type Project, type Severity, type SourcePosition } from '@kpi/core';

export type RuleSeverity = Severity | 'off';

/** Numbers the data-backed rules read; every field is optional (a rule without its facts stays silent). */
export interface KpiFacts {
  /** Last date with rows for the KPI's metric (YYYY-MM-DD), null when there are none. */
  readonly lastDataDate?: string | null;
  /** Closed-period values, oldest first, at the KPI's cadence grain (for achievability). */
  readonly history?: readonly { readonly period: string; readonly value: number | null }[];
  /** The KPI's value now (current period or to date). */
  readonly current?: number | null;
  /** Relative change of the KPI and of its counter-metric over the last comparison. */
  readonly kpiChange?: number | null;
  readonly counterChange?: number | null;
  /** Date of the last review of this KPI (YYYY-MM-DD), null when never reviewed. */
  readonly lastReview?: string | null;
  /** Forecast probability of hitting the target, when forecasts exist. */
  readonly probability?: number | null;
}

export interface RuleFacts {
  readonly kpis?: Readonly<Record<string, KpiFacts>>;
  /** Date of the last review of the KPI list itself. */
  readonly lastListReview?: string | null;
  /** Lagged correlation between a goal's leading and lagging KPI series, when both have data. */
  readonly leadLag?: Readonly<
    Record<string, { leading: string; lagging: string; lag: number; correlation: number }>
  >;
}

export interface RuleContext {
  readonly project: Project;
  /** Today in the project time zone, YYYY-MM-DD. */
  readonly today: string;
  readonly facts: RuleFacts;
}

/** A finding: an Issue that names its rule and, where it concerns one, its KPI or goal. */
export interface Finding extends Issue {
  readonly rule: string;
  readonly kpi?: string;
  readonly goal?: string;
}

/** What a rule returns: a finding without its rule id; severity defaults to the rule's. */
export type RawFinding = Omit<Finding, 'severity' | 'rule'> & { readonly severity?: Severity };

export interface Rule {
  /** Stable id, e.g. `kpi.vanity`; finding codes start with it. */
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** One paragraph: why the rule exists, for --help and SARIF. */
  readonly rationale: string;
  readonly check: (ctx: RuleContext) => readonly RawFinding[];
}

/** Per-project and per-KPI configuration: severity overrides and disabling, with reasons. */
export interface RuleConfig {
  readonly project?: Readonly<Record<string, { readonly severity: RuleSeverity; readonly reason?: string }>>;
  readonly kpis?: Readonly<
    Record<string, Readonly<Record<string, { readonly severity: RuleSeverity; readonly reason?: string }>>>
  >;
}

export interface CheckReport {
  readonly findings: readonly Finding[];
  /** Findings switched off by configuration, with the recorded reason. */
  readonly suppressed: readonly (Finding & { readonly reason: string })[];
  readonly rulesRun: readonly string[];
}

export const kpiPosition = (p: Project, kpi: string): SourcePosition | undefined =>
  ownGet(p.locations, `kpis.${kpi}`);
export const goalPosition = (p: Project, goal: string): SourcePosition | undefined =>
  ownGet(p.locations, `goals.${goal}`);
