// Forecasts, target probabilities and anomaly flags for the scorecard's KPIs, from the
// daily series the day cube already holds (no extra scan of the store). IO-free once
// the cube is read. Invariants: cumulative targets are forecast as a SUM of daily
// forecasts (with correlated errors), never by averaging; ratio KPIs are forecast from
// their numerator and denominator, never as a free ratio; a KPI without enough history
// gets a note instead of a number.

import {
  addDays,
  calendarOf,
  dayNumber,
  ownGet,
  periodOf,
  type DateRange,
  type Filter,
  type Project,
} from '@kpi/core';
import type { CubeItem } from '@kpi/semantic';
import {
  forecast,
  forecastRatio,
  type Forecaster,
  probabilityOf,
  ratioProbability,
  sumDistribution,
  levelDistribution,
} from '@kpi/forecast';
import { hitMeaning, type ForecastReading, type KpiReading } from '@kpi/scorecard';
import { anomalyFlags } from './scorecard-anomalies.js';
import type { DayCube } from './scorecard-cube.js';
import { daily, HISTORY_DAYS } from './scorecard-daily.js';
import type { KpiPlan } from './scorecard-plan.js';

type Shape = 'additive' | 'level' | 'ratio' | undefined;

const shapeOf = (project: Project, metric: string): Shape => {
  const m = ownGet(project.metrics, metric);
  if (!m) return undefined;
  if (m.kind === 'snapshot') return 'level';
  // A churn rate is churners / customer-days at risk (their daily series come from scorecard-churn).
  if (m.kind === 'ratio' || (m.kind === 'churn' && m.measure === 'rate')) return 'ratio';
  if (m.kind === 'churn' && m.measure === 'churners') return 'additive';
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

const periodsFor = (n: number): number[] => (n >= 2 * 365 ? [7, 365] : [7]);

/** Fewer days of history than this: no forecast ("too little history (8 days)"), on every surface. */
export const MIN_HISTORY_DAYS = 28;
/** No data for more days than this before the as-of day: no forecast ("no data since ..."). */
export const STALE_DAYS = 14;

interface Outcome {
  readonly forecast?: ForecastReading;
  readonly note?: string;
}

const quantiles = (samples: readonly number[]) => {
  const sorted = Float64Array.from(samples.filter((x) => Number.isFinite(x))).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] ?? Number.NaN;
  return { mean: at(0.5), low80: at(0.1), high80: at(0.9), low95: at(0.025), high95: at(0.975) };
};

type Figures = ReturnType<typeof quantiles>;
interface Bands {
  readonly model: string;
  readonly historyDays: number;
  readonly figures: readonly Figures[];
}

/** The line a hit must reach: the target, less its tolerance (as achieved / missed judge it at the deadline). */
const hitLine = (t: { readonly value: number; readonly tolerance: number }, atMost: boolean): number =>
  atMost ? t.value + t.tolerance * Math.abs(t.value) : t.value - t.tolerance * Math.abs(t.value);

/** Days of history behind a series, or why it is too little / too old to forecast. */
const historyNote = (raw: readonly (number | null)[], asOf: string): string | undefined => {
  if (raw.length < MIN_HISTORY_DAYS)
    return `too little history (${raw.length} day${raw.length === 1 ? '' : 's'})`;
  let last = raw.length - 1;
  while (last >= 0 && raw[last] == null) last--;
  const quiet = raw.length - 1 - last;
  return quiet > STALE_DAYS ? `no data since ${addDays(asOf, -quiet)} (${quiet} days)` : undefined;
};

/**
 * One forecast per KPI, the one every surface shows (status, explain, `kpi forecast`, the
 * API band): the judged value at the deadline — what "hit" means for the target kind
 * (docs/verdict.md): reach, the KPI over the cadence period holding the deadline (for a
 * snapshot, its level that day); cumulative, the goal-period total (floored at what is
 * counted); stay above / below, the KPI over the whole goal period — and, when asked, the
 * KPI over each of `bands` (cadence periods ahead), from the same daily model.
 */
export const forecastKpiDaily = (
  project: Project,
  k: KpiPlan,
  r: KpiReading,
  cube: DayCube,
  span: DateRange,
  bands: readonly DateRange[] = [],
  fit: Forecaster = forecast,
): Outcome & { readonly bands?: Bands } => {
  const target = r.target;
  const deadline = target?.deadline;
  const lastDay = [deadline ?? r.asOf, ...bands.map((b) => b.end)].sort().at(-1) as string;
  const h = dayNumber(lastDay) - dayNumber(r.asOf);
  if (h < 1) return {};
  const shape = shapeOf(project, k.def.metric);
  const up = r.direction === 'higher';
  const atMost = target?.kind === 'stay_below' || (target?.kind !== 'stay_above' && !up);
  const hd = deadline === undefined ? 0 : dayNumber(deadline) - dayNumber(r.asOf);
  const range = { start: [span.start, addDays(r.asOf, -HISTORY_DAYS + 1)].sort()[1] as string, end: r.asOf };
  // Days ahead of a range as step indexes (0 = the day after the as-of day), and the part already seen.
  const steps = (g: DateRange) => ({
    from: Math.max(0, dayNumber(g.start) - dayNumber(r.asOf) - 1),
    to: dayNumber(g.end) - dayNumber(r.asOf) - 1,
    seen: g.start <= r.asOf ? { start: g.start, end: r.asOf < g.end ? r.asOf : g.end } : undefined,
  });
  const judged: DateRange | undefined =
    target === undefined || deadline === undefined || hd < 1
      ? undefined
      : target.kind === 'reach'
        ? { start: periodOf(deadline, r.grain, calendarOf(project.settings)).start, end: deadline }
        : { start: k.goal.period.start, end: deadline };
  if (shape === 'ratio') {
    if (target?.kind === 'cumulative') return { note: 'a cumulative total of a ratio is not forecast' };
    const rawNum = daily(cube, `n_${k.name}`, range, false);
    const stale = historyNote(rawNum, r.asOf);
    if (stale) return { note: stale };
    const num = daily(cube, `n_${k.name}`, range, true);
    const den = daily(cube, `d_${k.name}`, range, true);
    const n = Math.min(num.length, den.length);
    const group = (g: DateRange) => {
      const st = steps(g);
      const seen = st.seen;
      return {
        from: st.from,
        to: st.to,
        ...(seen
          ? {
              achievedNumerator: cube.value(`n_${k.name}`, seen) ?? 0,
              achievedDenominator: cube.value(`d_${k.name}`, seen) ?? 0,
            }
          : {}),
      };
    };
    const groups = [...(judged ? [judged] : []), ...bands].map(group);
    const rf = forecastRatio(
      { values: num.slice(-n), period: periodsFor(n) },
      { values: den.slice(-n), period: periodsFor(n) },
      h,
      { seed: 7, groups, perStep: false, forecaster: fit },
    );
    if (!rf.ok) return { note: rf.issues[0]?.message ?? 'not enough data to forecast' };
    const f = rf.value;
    const samples = f.groupSamples;
    const model = `${f.numerator.model} / ${f.denominator.model}`;
    const bandFigures = { model, historyDays: n, figures: samples.slice(judged ? 1 : 0).map(quantiles) };
    if (!judged || !target) return { bands: bandFigures };
    const d = quantiles(samples[0] ?? []);
    return {
      forecast: {
        atDeadline: d.mean,
        low80: d.low80,
        high80: d.high80,
        low95: d.low95,
        high95: d.high95,
        probability: ratioProbability(f, hitLine(target, atMost), atMost, samples[0]),
        judged: hitMeaning(target.kind),
        model,
        historyDays: n,
      },
      bands: bandFigures,
    };
  }
  if (!shape)
    return { note: 'this kind of metric is not forecast yet (only sums, counts, snapshots and ratios)' };
  const raw = daily(cube, `k_${k.name}`, range, false);
  const stale = historyNote(raw, r.asOf);
  if (stale) return { note: stale };
  const values = daily(cube, `k_${k.name}`, range, shape === 'additive');
  const fc = fit({ values, period: periodsFor(values.length) }, h);
  if (!fc.ok) return { note: fc.issues[0]?.message ?? 'not enough data to forecast' };
  // A snapshot is judged by its level on the range's last day; a sum by its total over the range.
  const over = (g: DateRange) => {
    const st = steps(g);
    if (shape === 'level') return levelDistribution(fc.value, st.to);
    const achieved = st.seen ? (cube.value(`k_${k.name}`, st.seen) ?? 0) : 0;
    return sumDistribution(fc.value, { from: st.from, to: st.to, achieved });
  };
  const bandFigures = { model: fc.value.model, historyDays: values.length, figures: bands.map(over) };
  if (!judged || !target) return { bands: bandFigures };
  const d = over(judged);
  return {
    forecast: {
      atDeadline: d.mean,
      low80: d.low80,
      high80: d.high80,
      low95: d.low95,
      high95: d.high95,
      probability: probabilityOf(d, hitLine(target, atMost), atMost),
      judged: hitMeaning(target.kind),
      model: fc.value.model,
      historyDays: values.length,
    },
    bands: bandFigures,
  };
};

/**
 * The reading with its forecast (or the reason there is none) and its anomaly flags. `fit`
 * is forecast itself or a forecastMemo shared by the scorecard's KPIs.
 */
export const withForecast = (
  project: Project,
  k: KpiPlan,
  r: KpiReading,
  cube: DayCube,
  span: DateRange,
  bands: readonly DateRange[] = [],
  fit: Forecaster = forecast,
): KpiReading => {
  const out = forecastKpiDaily(project, k, r, cube, span, bands, fit);
  const { anomalies, levelShifts, note } = anomalyFlags(cube, k, r, project, span);
  return {
    ...r,
    ...(out.forecast ? { forecast: out.forecast } : {}),
    ...(out.note ? { forecastNote: out.note } : {}),
    ...(bands.length && out.bands
      ? {
          forecastPeriods: {
            model: out.bands.model,
            historyDays: out.bands.historyDays,
            periods: bands.map((b, i) => {
              const d = out.bands?.figures[i];
              return {
                ...b,
                value: d?.mean ?? Number.NaN,
                low80: d?.low80 ?? Number.NaN,
                high80: d?.high80 ?? Number.NaN,
                low95: d?.low95 ?? Number.NaN,
                high95: d?.high95 ?? Number.NaN,
              };
            }),
          },
        }
      : {}),
    ...(anomalies.length ? { anomalies } : {}),
    ...(note ? { anomalyNote: note } : {}),
    ...(levelShifts.length ? { levelShifts } : {}),
  };
};
