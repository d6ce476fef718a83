// Plans what a scorecard needs from the store: for each KPI its cadence grain, comparison
// windows, series periods, goal-to-date range, baseline, and the ranges its seasonal path
// and stay-kind verdict read. Pure (no IO here, but it lives with the use-case it serves).
// Invariant: every range is a closed range of days in the project time zone.

import {
  addDays,
  addYears,
  cadenceGrain,
  calendarOf,
  comparisonWindows,
  lastPeriods,
  previousPeriodOf,
  ownGet,
  type CalendarSettings,
  type ComparisonWindows,
  type DateRange,
  type GoalDef,
  type PeriodGrain,
  type PeriodToDate,
  type KpiDef,
  type Project,
} from '@kpi/core';

export interface KpiPlan {
  readonly name: string;
  readonly def: KpiDef;
  readonly goal: GoalDef;
  readonly grain: PeriodGrain;
  readonly deadline: string;
  /** The headline period and its comparisons: the current period, or the last complete one while the current one is young. */
  readonly windows: ComparisonWindows;
  /** The current period to date, when it is young and the headline is the last complete period. */
  readonly soFar?: PeriodToDate;
  readonly series: readonly DateRange[];
  /** Goal start to the as-of day (or the deadline); undefined before the goal starts. */
  readonly goalToDate?: DateRange;
  readonly baseline: { readonly value: number } | { readonly range: DateRange } | undefined;
  /** Stay kinds once the deadline has passed: the whole goal period. */
  readonly wholePeriod?: DateRange;
  /** Seasonal path: last year's span and last year's span to date. */
  readonly seasonal?: { readonly span: DateRange; readonly toDate: DateRange };
}

export interface ScorecardPlan {
  readonly asOf: string;
  readonly calendar: CalendarSettings;
  readonly kpis: readonly KpiPlan[];
  /** Every day any KPI reads. */
  readonly span: DateRange;
}

const min = (a: string, b: string): string => (a < b ? a : b);

/** Share of the current period that must have passed before it is the headline (the KPI's `min_elapsed`). */
export const MIN_ELAPSED = 0.5;

/**
 * The headline windows: the current period's, unless less than `minElapsed` of it has
 * passed — then the last complete period's, with the current period kept as `soFar`.
 */
export const headlineWindows = (
  asOf: string,
  grain: PeriodGrain,
  cal: CalendarSettings,
  minElapsed = MIN_ELAPSED,
): { windows: ComparisonWindows; soFar?: PeriodToDate } => {
  const windows = comparisonWindows(asOf, grain, cal);
  const cur = windows.current;
  if (!cur.partial || cur.elapsedDays / cur.totalDays >= minElapsed) return { windows };
  return { windows: comparisonWindows(addDays(cur.period.start, -1), grain, cal), soFar: cur };
};

export const planKpi = (
  project: Project,
  name: string,
  asOf: string,
  seriesLength: number,
  cal: CalendarSettings,
): KpiPlan | undefined => {
  const def = ownGet(project.kpis, name);
  const goal = def ? ownGet(project.goals, def.goal) : undefined;
  if (!def || !goal) return undefined;
  const grain = cadenceGrain(def.cadence, cal);
  const deadline = def.target?.deadline ?? goal.period.end;
  const start = goal.period.start;
  const stay = def.target?.kind === 'stay_above' || def.target?.kind === 'stay_below';
  const baseline =
    def.baseline === undefined
      ? def.target?.kind === 'reach'
        ? { range: previousPeriodOf(start, grain, cal) }
        : undefined
      : 'value' in def.baseline
        ? { value: def.baseline.value }
        : { range: { start: def.baseline.from, end: def.baseline.to } };
  return {
    name,
    def,
    goal,
    grain,
    deadline,
    // A snapshot (a level, e.g. followers) is whole on any day: its current period is always the headline.
    ...headlineWindows(
      asOf,
      grain,
      cal,
      ownGet(project.metrics, def.metric)?.kind === 'snapshot' ? 0 : def.min_elapsed,
    ),
    series: lastPeriods(asOf, grain, seriesLength, cal),
    ...(asOf >= start ? { goalToDate: { start, end: min(asOf, deadline) } } : {}),
    baseline,
    ...(stay && asOf >= deadline ? { wholePeriod: { start, end: deadline } } : {}),
    ...(def.target?.path === 'seasonal' && !stay
      ? {
          seasonal: {
            span: { start: addYears(start, -1), end: addYears(deadline, -1) },
            toDate: { start: addYears(start, -1), end: addYears(min(asOf, deadline), -1) },
          },
        }
      : {}),
  };
};

/** Every range a KPI plan reads. */
export const rangesOf = (k: KpiPlan): DateRange[] => [
  ...k.series,
  k.windows.current.range,
  k.windows.previous.range,
  k.windows.lastYear.range,
  ...(k.soFar ? [k.soFar.range] : []),
  ...(k.goalToDate ? [k.goalToDate] : []),
  ...(k.baseline && 'range' in k.baseline ? [k.baseline.range] : []),
  ...(k.wholePeriod ? [k.wholePeriod] : []),
  ...(k.seasonal ? [k.seasonal.span] : []),
];

export const planScorecard = (
  project: Project,
  names: readonly string[],
  asOf: string,
  seriesLength: number,
  extra: readonly DateRange[] = [],
): ScorecardPlan => {
  const calendar = calendarOf(project.settings);
  const kpis = names
    .map((n) => planKpi(project, n, asOf, seriesLength, calendar))
    .filter((k): k is KpiPlan => !!k);
  const all = [...kpis.flatMap(rangesOf), ...extra];
  const start = all.reduce((a, r) => min(a, r.start), asOf);
  const end = all.reduce((a, r) => (r.end > a ? r.end : a), asOf);
  return { asOf, calendar, kpis, span: { start: min(start, addDays(asOf, 0)), end } };
};
