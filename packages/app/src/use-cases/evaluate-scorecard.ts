// Use-case: evaluate the scorecard — every goal's KPIs with target, pace, comparisons and
// cause, plus the supporting metrics — as of a day. IO. Invariants: the store is read in
// as few passes as possible (one day-cube statement per dataset for every number, one
// driver statement per dataset for the causes), never one query per KPI; the as-of day
// defaults to yesterday in the project time zone (the last complete day).

import {
  NotFoundError,
  UsageError,
  addDays,
  comparisonWindows,
  metricLabel,
  ownGet,
  type DateRange,
  type Project,
} from '@kpi/core';
import type { Engine } from '@kpi/engines';
import type { CubeItem } from '@kpi/semantic';
import { forecastMemo } from '@kpi/forecast';
import {
  benchmarkReadings,
  compareValues,
  evaluateKpi,
  goalReading,
  GRAIN_WORD,
  withThemes,
  withVerdict,
  type KpiReading,
  type MetricReading,
  type Scorecard,
} from '@kpi/scorecard';
import { yesterdayOf } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { readDayCube, type DayCube } from './scorecard-cube.js';
import { readDrivers } from './scorecard-drivers.js';
import { planScorecard, type KpiPlan } from './scorecard-plan.js';
import { kpiInputOf, supportingMetrics, volumeItem } from './scorecard-inputs.js';
import { anomalyItems } from './scorecard-anomalies.js';
import { forecastItems, withForecast } from './scorecard-forecast.js';
import { withGoodhartWarnings } from './scorecard-guards.js';
import { staticDatasetsOf, withStaticData } from './scorecard-static.js';
import { readThemeCauses } from './scorecard-themes.js';
import { churnMeasureOf, readChurnOverlay } from './scorecard-churn.js';
import { displayName, readAccountNames } from './people-names.js';

// The reading types and the percent wording, for the surfaces (CLI, server), which depend on app only.
export type {
  ComparisonReading,
  DimensionContribution,
  GoalReading,
  KpiReading,
  MetricReading,
  Scorecard,
  Sense,
  Status,
  TargetReading,
  ValueFormat,
  ForecastReading,
  AnomalyReading,
  LevelShiftReading,
  VerdictReading,
  ForecastPeriodReading,
  ThemeCause,
  ThemeReading,
  MentionExample,
} from '@kpi/scorecard';
export {
  STATUSES,
  driverFromTo,
  likelihoodText,
  memberName,
  percentText,
  themeText,
  notableThemes,
  THEME_Z,
} from '@kpi/scorecard';

export interface ScorecardOptions {
  /** Evaluate as if this day were the last complete day (default: yesterday in the project time zone). */
  readonly asOf?: string;
  /** Only this goal's KPIs. */
  readonly goal?: string;
  /** Only these KPIs (explain uses one). */
  readonly kpis?: readonly string[];
  /** Periods in each KPI's series (default 12). */
  readonly seriesLength?: number;
  /** Members kept per dimension in each cause (default 5). */
  readonly maxMembers?: number;
  /** Leave out the supporting metrics. */
  readonly withoutSupporting?: boolean;
  /** Leave out forecasts and anomaly flags. */
  readonly withoutForecast?: boolean;
  /** Also forecast each KPI over these periods ahead (`kpi forecast`, the API band): the same model as the status. */
  readonly forecastBands?: readonly DateRange[];
}

const kpiNames = (project: Project, opts: ScorecardOptions): string[] => {
  if (opts.goal !== undefined && !ownGet(project.goals, opts.goal))
    throw new NotFoundError(
      'goal.not_found',
      `no goal named "${opts.goal}"`,
      `goals: ${Object.keys(project.goals).join(', ') || '(none)'}`,
    );
  for (const k of opts.kpis ?? [])
    if (!ownGet(project.kpis, k))
      throw new NotFoundError(
        'kpi.not_found',
        `no KPI named "${k}"`,
        `KPIs: ${Object.keys(project.kpis).join(', ') || '(none)'}`,
      );
  return Object.keys(project.kpis).filter(
    (k) =>
      (opts.kpis === undefined ? ownGet(project.kpis, k)?.retired === undefined : opts.kpis.includes(k)) &&
      (opts.goal === undefined || ownGet(project.kpis, k)?.goal === opts.goal),
  );
};

/** A cube with no items (a scorecard of churn KPIs only). */
const emptyCube = (): DayCube => ({
  cube: { queries: [], leaves: [], items: [] },
  statements: 0,
  value: () => null,
  unsupported: () => false,
  daysWithData: () => null,
});

/** Evaluates the scorecard on an open engine (the bench and the server call this directly). */
export const evaluateScorecardOn = async (
  engine: Engine,
  project: Project,
  opts: ScorecardOptions & { readonly asOf: string },
): Promise<Scorecard> => {
  const names = kpiNames(project, opts);
  const support = opts.withoutSupporting ? [] : supportingMetrics(project, names);
  const plan = planScorecard(project, names, opts.asOf, opts.seriesLength ?? 12);
  const weekly = comparisonWindows(opts.asOf, 'week', plan.calendar);
  // Two years of days back from the as-of day, for the forecasts and anomaly flags.
  const span = {
    start: [weekly.previous.range.start, plan.span.start, addDays(opts.asOf, -729)].sort()[0] as string,
    end: plan.span.end,
  };
  // Churn KPIs are computed from the customers' activity (scorecard-churn), not by the cube.
  const queried = plan.kpis.filter((k) => churnMeasureOf(project, k) === undefined);
  const churnKpis = plan.kpis.filter((k) => churnMeasureOf(project, k) !== undefined);
  const items: CubeItem[] = [
    ...queried.map((k) => ({
      key: `k_${k.name}`,
      metric: k.def.metric,
      ...(k.def.filter ? { filter: k.def.filter } : {}),
    })),
    ...queried.map((k) => volumeItem(project, k)).filter((x): x is CubeItem => x !== undefined),
    ...support.map((m) => ({ key: `m_${m}`, metric: m })),
    ...(opts.withoutForecast ? [] : forecastItems(project, queried)),
    ...(opts.withoutForecast ? [] : anomalyItems(project, queried)),
  ];
  // Goals with their readings; a goal without KPIs appears only when asked for by name.
  const accounts = await readAccountNames(engine);
  const named = <T extends { readonly owner?: string }>(x: T): T =>
    x.owner === undefined ? x : { ...x, ownerName: displayName(x.owner, accounts) };
  const goalsOf = (readings: ReadonlyMap<string, KpiReading>) =>
    Object.entries(project.goals)
      .map(([name, g]) =>
        goalReading(
          {
            goal: name,
            title: g.title,
            ...(g.owner ? { owner: g.owner, ownerName: displayName(g.owner, accounts) } : {}),
            period: g.period,
            ...(g.parent ? { parent: g.parent } : {}),
          },
          names
            .filter((k) => ownGet(project.kpis, k)?.goal === name)
            .map((k) => {
              const r = readings.get(k);
              return r && named(r);
            })
            .filter((r): r is KpiReading => !!r),
        ),
      )
      .filter((g) => g.kpis.length > 0 || (opts.goal === g.goal && opts.kpis === undefined));
  if (items.length === 0 && churnKpis.length === 0)
    return {
      kind: 'scorecard',
      project: project.settings.name,
      asOf: opts.asOf,
      goals: goalsOf(new Map()),
      supporting: [],
      queries: 0,
    };
  const overlay = await readChurnOverlay(engine, project, churnKpis, span, opts.asOf);
  const cube: DayCube = overlay.wrap(
    items.length ? await readDayCube(engine, project, items, span) : emptyCube(),
  );
  const queriedDrivers = await readDrivers(
    engine,
    project,
    queried.map((k) => ({
      key: `k_${k.name}`,
      item: { key: `k_${k.name}`, metric: k.def.metric, ...(k.def.filter ? { filter: k.def.filter } : {}) },
      current: k.windows.current.range,
      previous: k.windows.previous.range,
    })),
    span,
  );
  // KPIs on the same series under the same filter (a clicks KPI, CTR's numerator, CPC's
  // denominator) share one fit.
  const fit = forecastMemo();
  const themes = await readThemeCauses(engine, project, plan.kpis);
  const drivers = {
    inputs: new Map([...queriedDrivers.inputs, ...overlay.drivers]),
    notes: new Map([...queriedDrivers.notes, ...overlay.notes]),
    statements: queriedDrivers.statements + overlay.statements,
  };
  const readings = new Map<string, KpiReading>(
    plan.kpis.map((k: KpiPlan) => {
      const r = evaluateKpi(kpiInputOf(project, plan, k, cube, drivers, opts.maxMembers ?? 5));
      const t = themes.causes.get(k.name);
      const withCause = t ? withThemes(r, t, GRAIN_WORD[k.grain]) : r;
      return [
        k.name,
        staticDatasetsOf(project, k.def.metric).length > 0
          ? withVerdict(withStaticData(project, withCause), k.def.thresholds)
          : opts.withoutForecast
            ? withCause
            : withVerdict(
                withForecast(project, k, withCause, cube, span, opts.forecastBands, fit),
                k.def.thresholds,
              ),
      ];
    }),
  );
  for (const k of plan.kpis) {
    const r = readings.get(k.name);
    if (!r || !project.benchmarks?.length) continue;
    const benchmarks = benchmarkReadings(project.benchmarks, {
      metric: k.def.metric,
      ...(k.def.filter ? { filter: k.def.filter } : {}),
      grain: r.grain,
      direction: r.direction,
      value: r.current.value,
    });
    if (benchmarks.length > 0) readings.set(k.name, { ...r, benchmarks });
  }
  const goals = goalsOf(readings);
  const supporting: MetricReading[] = support.map((m) => {
    const def = ownGet(project.metrics, m);
    const value = cube.value(`m_${m}`, weekly.current.range);
    const previous = cube.value(`m_${m}`, weekly.previous.range);
    const unit = def?.unit ?? 'number';
    const currency = unit === 'currency' ? (def?.currency ?? project.settings.currency) : undefined;
    return {
      kind: 'metric_reading',
      metric: m,
      label: metricLabel(project, m),
      format: {
        unit,
        ...(currency ? { currency } : {}),
        ...(def?.decimals === undefined ? {} : { decimals: def.decimals }),
      },
      direction: def?.direction ?? 'higher',
      range: weekly.current.range,
      value,
      previous: compareValues(value, weekly.previous, previous, def?.direction ?? 'higher'),
    };
  });
  return withGoodhartWarnings(project, {
    kind: 'scorecard',
    project: project.settings.name,
    asOf: opts.asOf,
    goals,
    supporting,
    queries: cube.statements + drivers.statements + themes.statements,
  });
};

/** `kpi status`: the scorecard of the project's store. */
export const evaluateScorecard = async (
  lp: LoadedProject,
  opts: ScorecardOptions = {},
): Promise<Scorecard> => {
  const asOf = opts.asOf ?? yesterdayOf(lp);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new UsageError('scorecard.as_of', `as-of "${asOf}" is not a date`);
  return withStore(lp, (engine) => evaluateScorecardOn(engine, lp.project, { ...opts, asOf }));
};
