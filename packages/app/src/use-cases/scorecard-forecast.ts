// Forecasts, target probabilities and anomaly flags for the scorecard's KPIs, from the
// daily series the day cube already holds (no extra scan of the store). IO-free once
// the cube is read. Invariants: cumulative targets are forecast as a SUM of daily
// forecasts (with correlated errors), never by averaging; ratio KPIs are forecast from
// their numerator and denominator, never as a free ratio; a KPI without enough history
// gets a note instead of a number.

import { addDays, dayNumber, type DateRange, type Filter, type Project, ownGet } from '@kpi/core';
import type { CubeItem } from '@kpi/semantic';
import {
  detectAnomalies,
  detectLevelShifts,
  forecast,
  forecastRatio,
  probabilityOfTarget,
  ratioProbability,
  sumDistribution,
  levelDistribution,
  type Forecast,
} from '@kpi/forecast';
import type { AnomalyReading, ForecastReading, KpiReading, LevelShiftReading } from '@kpi/scorecard';
import type { DayCube } from './scorecard-cube.js';
import type { KpiPlan } from './scorecard-plan.js';

const HISTORY_DAYS = 730;
const ANOMALY_DAYS = 28;
const SHIFT_DAYS = 56;

type Shape = 'additive' | 'level' | 'ratio' | undefined;

const shapeOf = (project: Project, metric: string): Shape => {
  const m = ownGet(project.metrics, metric);
  if (!m) return undefined;
  if (m.kind === 'snapshot') return 'level';
  if (m.kind === 'ratio') return 'ratio';
  if (m.kind === 'simple' && (m.agg === 'sum' || m.agg === 'count')) return 'additive';
  return undefined;
};

const mergeFilters = (a: Filter | undefined, b: Filter | undefined): Filter | undefined =>
  a || b ? { ...(a ?? {}), ...(b ?? {}) } : undefined;

/** Extra cube items for ratio KPIs: their numerator and denominator, with the KPI's filter. */
export const forecastItems = (project: Project, kpis: readonly KpiPlan[]): CubeItem[] =>
  kpis.flatMap((k) => {
    const m = ownGet(project.metrics, k.def.metric);
    if (m?.kind !== 'ratio') return [];
    const filter = mergeFilters(m.filter, k.def.filter);
    return [
      { key: `n_${k.name}`, metric: m.numerator, ...(filter ? { filter } : {}) },
      { key: `d_${k.name}`, metric: m.denominator, ...(filter ? { filter } : {}) },
    ];
  });

/** Daily values from `start` to `end`; for additive series, empty days after the first value are 0. */
const daily = (cube: DayCube, key: string, range: DateRange, zeroFill: boolean): (number | null)[] => {
  const n = dayNumber(range.end) - dayNumber(range.start) + 1;
  const out: (number | null)[] = [];
  let seen = false;
  for (let i = 0; i < n; i++) {
    const d = addDays(range.start, i);
    const v = cube.value(key, { start: d, end: d });
    if (v !== null) seen = true;
    out.push(v === null && seen && zeroFill ? 0 : v);
  }
  const first = out.findIndex((v) => v !== null);
  return first < 0 ? [] : out.slice(first);
};

const periodsFor = (n: number): number[] => (n >= 2 * 365 ? [7, 365] : [7]);

const fromDistribution = (
  d: { mean: number; low80: number; high80: number; low95: number; high95: number },
  probability: number,
  fc: Forecast,
  days: number,
): ForecastReading => ({
  atDeadline: d.mean,
  low80: d.low80,
  high80: d.high80,
  low95: d.low95,
  high95: d.high95,
  probability,
  model: fc.model,
  historyDays: days,
});

interface Outcome {
  readonly forecast?: ForecastReading;
  readonly note?: string;
}

const forecastKpi = (
  project: Project,
  k: KpiPlan,
  r: KpiReading,
  cube: DayCube,
  span: DateRange,
): Outcome => {
  const target = r.target;
  if (!target) return {};
  const h = dayNumber(target.deadline) - dayNumber(r.asOf);
  if (h < 1) return {};
  const shape = shapeOf(project, k.def.metric);
  const up = r.direction === 'higher';
  const atMost = target.kind === 'stay_below' || (target.kind !== 'stay_above' && !up);
  const direction = atMost ? ('at_most' as const) : ('at_least' as const);
  const range = { start: [span.start, addDays(r.asOf, -HISTORY_DAYS + 1)].sort()[1] as string, end: r.asOf };
  if (shape === 'ratio') {
    if (target.kind === 'cumulative') return { note: 'a cumulative total of a ratio is not forecast' };
    const num = daily(cube, `n_${k.name}`, range, true);
    const den = daily(cube, `d_${k.name}`, range, true);
    const n = Math.min(num.length, den.length);
    const rf = forecastRatio(
      { values: num.slice(-n), period: periodsFor(n) },
      { values: den.slice(-n), period: periodsFor(n) },
      h,
      { seed: 7 },
    );
    if (!rf.ok) return { note: rf.issues[0]?.message ?? 'not enough data to forecast' };
    // Judged as the rate over the days to the deadline: total numerator / total denominator per path.
    const f = rf.value;
    const sorted = Float64Array.from(f.totalSamples.filter((x) => Number.isFinite(x))).sort();
    const at = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] ?? Number.NaN;
    return {
      forecast: {
        atDeadline: at(0.5),
        low80: at(0.1),
        high80: at(0.9),
        low95: at(0.025),
        high95: at(0.975),
        probability: ratioProbability(f, target.value, atMost),
        model: `${f.numerator.model} / ${f.denominator.model}`,
        historyDays: n,
      },
    };
  }
  if (!shape)
    return { note: 'this kind of metric is not forecast yet (only sums, counts, snapshots and ratios)' };
  const values = daily(cube, `k_${k.name}`, range, shape === 'additive');
  const fc = forecast({ values, period: periodsFor(values.length) }, h);
  if (!fc.ok) return { note: fc.issues[0]?.message ?? 'not enough data to forecast' };
  if (shape === 'level') {
    const d = levelDistribution(fc.value, h - 1);
    const p = probabilityOfTarget(fc.value, { kind: 'level', direction, target: target.value, step: h - 1 });
    return { forecast: fromDistribution(d, p, fc.value, values.length) };
  }
  if (target.kind === 'cumulative') {
    const achieved = target.actual ?? 0;
    const d = sumDistribution(fc.value, { achieved });
    const p = probabilityOfTarget(fc.value, { kind: 'sum', direction, target: target.value, achieved });
    return { forecast: fromDistribution(d, p, fc.value, values.length) };
  }
  // reach / stay on a sum: the total of the cadence period that ends at the deadline.
  const len = r.current.totalDays;
  const inCurrent = h < len - r.current.elapsedDays + 1;
  const from = inCurrent ? 0 : Math.max(0, h - len);
  const achieved = inCurrent ? (r.current.value ?? 0) : 0;
  const q = { from, to: h - 1, achieved };
  const d = sumDistribution(fc.value, q);
  const p = probabilityOfTarget(fc.value, { kind: 'sum', direction, target: target.value, ...q });
  return { forecast: fromDistribution(d, p, fc.value, values.length) };
};

const flags = (
  cube: DayCube,
  k: KpiPlan,
  r: KpiReading,
  project: Project,
  span: DateRange,
): { anomalies: AnomalyReading[]; levelShifts: LevelShiftReading[] } => {
  // Ratios of small daily counts are too noisy to flag day by day; levels (followers) are
  // judged on their daily change, where an unusual day actually shows.
  const shape = shapeOf(project, k.def.metric);
  const none = { anomalies: [], levelShifts: [] };
  if (shape !== 'additive' && shape !== 'level') return none;
  const range = { start: [span.start, addDays(r.asOf, -HISTORY_DAYS + 1)].sort()[1] as string, end: r.asOf };
  const raw = daily(cube, `k_${k.name}`, range, shape === 'additive');
  const values =
    shape === 'level'
      ? raw.slice(1).map((v, i) => (v === null || raw[i] == null ? null : v - (raw[i] as number)))
      : raw;
  if (values.length < 8 * 7) return none;
  const start = addDays(r.asOf, -(values.length - 1));
  const dateAt = (i: number) => addDays(start, i);
  const series = { values, period: [7] };
  const anomalies = detectAnomalies(series, { since: values.length - ANOMALY_DAYS })
    .map((a) => ({
      date: dateAt(a.index),
      value: a.value,
      expected: a.expected,
      expectedLow: a.expectedLow,
      expectedHigh: a.expectedHigh,
      score: a.score,
      direction: a.direction,
    }))
    .reverse();
  const levelShifts = detectLevelShifts(series)
    .filter((s) => s.index >= values.length - SHIFT_DAYS)
    .map((s) => ({ date: dateAt(s.index), before: s.before, after: s.after }));
  return { anomalies, levelShifts };
};

/** The reading with its forecast (or the reason there is none) and its anomaly flags. */
export const withForecast = (
  project: Project,
  k: KpiPlan,
  r: KpiReading,
  cube: DayCube,
  span: DateRange,
): KpiReading => {
  const out = forecastKpi(project, k, r, cube, span);
  const { anomalies, levelShifts } = flags(cube, k, r, project, span);
  return {
    ...r,
    ...(out.forecast ? { forecast: out.forecast } : {}),
    ...(out.note ? { forecastNote: out.note } : {}),
    ...(anomalies.length ? { anomalies } : {}),
    ...(levelShifts.length ? { levelShifts } : {}),
  };
};
