// Evaluates one KPI from its numbers: target status, comparisons, cause, series and the
// sentence. Pure: the caller (the app) reads the numbers from the store; this module
// only turns them into a reading. Invariant: the same input always gives the same reading.

import {
  daysIn,
  formatValue,
  intersect,
  periodLabel,
  type AnnotationDef,
  type CalendarSettings,
  type ComparisonWindows,
  type DateRange,
  type Direction,
  type PeriodGrain,
  type PeriodToDate,
  type TargetDef,
  type ThresholdsDef,
} from '@kpi/core';
import { analyseCause, annotationsIn, type DriverInput } from './cause-analysis.js';
import { judgeCause } from './cause-noise.js';
import { compareValues, withCoverage } from './compare-values.js';
import type { KpiReading, SeriesPoint, Status, TargetReading, ValueFormat } from './kpi-reading.js';
import { GRAIN_WORD, kpiSentence } from './narrative.js';
import { evaluateTarget } from './target-status.js';
import { withVerdict } from './verdict.js';

export interface KpiValues {
  /** The metric over the current period to date. */
  readonly current: number | null;
  /** Over the previous-period and last-year comparison windows. */
  readonly previous: number | null;
  readonly lastYear: number | null;
  /** Over the goal period to the as-of day (or the deadline). */
  readonly goalToDate: number | null;
  readonly baseline: number | null;
  /** Over the whole goal period (stay kinds, once the deadline passed). */
  readonly wholePeriod?: number | null;
  /** Seasonal path: share of last year's total reached by the same day. */
  readonly seasonalShare?: number | null;
  /** Days with data in the current, previous and last-year windows (to flag thin comparisons). */
  readonly daysWithData?: {
    readonly current: number | null;
    readonly previous: number | null;
    readonly lastYear: number | null;
  };
  /** Ratio KPIs: the denominator over the period judged (the headline period for reach, else the goal to date). */
  readonly volume?: number | null;
}

/** Ratio KPIs: the denominator a period needs before it gets a verdict (the KPI's `min_volume`). */
export const MIN_VOLUME = 30;

export interface KpiInput {
  readonly kpi: string;
  readonly label: string;
  readonly goal: string;
  readonly goalPeriod: DateRange;
  readonly metric: string;
  readonly format: ValueFormat;
  readonly direction: Direction;
  readonly indicator?: 'leading' | 'lagging';
  readonly owner?: string;
  readonly asOf: string;
  readonly grain: PeriodGrain;
  readonly calendar: CalendarSettings;
  readonly windows: ComparisonWindows;
  readonly target?: TargetDef;
  readonly thresholds?: ThresholdsDef;
  readonly values: KpiValues;
  /** Oldest first; the last one is the current period to date. */
  readonly series: readonly { readonly range: DateRange; readonly value: number | null }[];
  readonly drivers?: readonly DriverInput[];
  readonly driversNote?: string;
  readonly annotations: readonly AnnotationDef[];
  readonly denominatorLabel?: string;
  /** Members kept per dimension in the cause (the rest are summed as `others`). */
  readonly maxMembers?: number;
  /** The current period to date, when it is young and `windows` are the last complete period's. */
  readonly soFar?: { readonly window: PeriodToDate; readonly value: number | null };
  /** Ratio KPIs: the denominator's label ("sends") and the minimum volume (default MIN_VOLUME). */
  readonly volumeLabel?: string;
  readonly minVolume?: number;
}

const pathTarget = (t: TargetReading, goal: DateRange, range: DateRange): number | null => {
  if (t.kind === 'stay_above' || t.kind === 'stay_below') return t.value;
  const span = { start: goal.start, end: t.deadline };
  const total = daysIn(span);
  if (total === 0) return null;
  if (t.kind === 'cumulative') {
    const part = intersect(range, span);
    return part === undefined ? null : (t.value * daysIn(part)) / total;
  }
  if (t.baseline === null) return null;
  const end = range.end < span.start ? span.start : range.end > span.end ? span.end : range.end;
  const f = daysIn({ start: span.start, end }) / total;
  return t.baseline + (t.value - t.baseline) * f;
};

export const evaluateKpi = (input: KpiInput): KpiReading => {
  const { windows, values, direction } = input;
  const cur = windows.current;
  const target = input.target;
  const deadline = target?.deadline ?? input.goalPeriod.end;
  const evaluation = target
    ? evaluateTarget({
        target: { ...target, deadline },
        ...(input.thresholds ? { thresholds: input.thresholds } : {}),
        direction,
        goalPeriod: input.goalPeriod,
        asOf: input.asOf,
        // What "hit" means (docs/verdict.md): cumulative and stay kinds are judged over the goal period.
        actual: target.kind === 'reach' ? values.current : values.goalToDate,
        baseline: values.baseline,
        ...(values.seasonalShare === undefined ? {} : { seasonalShare: values.seasonalShare }),
        ...(values.wholePeriod === undefined ? {} : { wholePeriodValue: values.wholePeriod }),
      })
    : undefined;
  const minVolume = input.minVolume ?? MIN_VOLUME;
  const thinVolume =
    values.volume !== undefined &&
    minVolume > 0 &&
    (values.volume ?? 0) < minVolume &&
    values.current !== null;
  const volumeReason = `too few ${input.volumeLabel ?? 'observations'} (${formatValue(values.volume ?? 0, { unit: 'count' })}) to judge`;
  const status: Status = thinVolume
    ? 'no_data'
    : (evaluation?.status ?? (values.current === null ? 'no_data' : 'no_target'));
  const days = values.daysWithData;
  const previous = withCoverage(
    compareValues(values.current, windows.previous, values.previous, direction),
    days?.previous,
    days?.current,
  );
  const lastYear = withCoverage(
    compareValues(values.current, windows.lastYear, values.lastYear, direction),
    days?.lastYear,
    days?.current,
  );
  const annotations = annotationsIn(input.annotations, cur.range);
  const cause = judgeCause(
    analyseCause(
      'previous_period',
      previous.thin ? null : previous.change,
      previous.thin ? undefined : input.drivers,
      annotations,
      previous.thin ? 'the previous period holds too little data to compare with' : input.driversNote,
      input.maxMembers,
    ),
    {
      current: values.current,
      previous: values.previous,
      changeRelative: previous.changeRelative,
      closed: input.series.slice(0, -1).map((p) => p.value),
      grainWord: GRAIN_WORD[input.grain],
    },
  );
  const series: SeriesPoint[] = input.series.map((p, i) => ({
    start: p.range.start,
    end: p.range.end,
    label: periodLabel(p.range.start, input.grain, input.calendar),
    value: p.value,
    target: evaluation ? pathTarget(evaluation.reading, input.goalPeriod, p.range) : null,
    partial: i === input.series.length - 1 && (input.soFar?.window.partial ?? cur.partial),
  }));
  const value = target?.kind === 'cumulative' ? values.goalToDate : values.current;
  const reading: Omit<KpiReading, 'sentence'> = {
    kind: 'kpi_reading',
    kpi: input.kpi,
    label: input.label,
    goal: input.goal,
    metric: input.metric,
    format: input.format,
    direction,
    ...(input.indicator ? { indicator: input.indicator } : {}),
    ...(input.owner ? { owner: input.owner } : {}),
    asOf: input.asOf,
    grain: input.grain,
    current: {
      range: cur.range,
      label: periodLabel(cur.period.start, input.grain, input.calendar),
      value: values.current,
      elapsedDays: cur.elapsedDays,
      totalDays: cur.totalDays,
      partial: cur.partial,
    },
    ...(input.soFar
      ? {
          soFar: {
            range: input.soFar.window.range,
            label: periodLabel(input.soFar.window.period.start, input.grain, input.calendar),
            value: input.soFar.value,
            elapsedDays: input.soFar.window.elapsedDays,
            totalDays: input.soFar.window.totalDays,
          },
        }
      : {}),
    ...(values.volume !== undefined
      ? { volume: { value: values.volume, min: minVolume, label: input.volumeLabel ?? 'observations' } }
      : {}),
    value,
    status,
    statusReason: thinVolume
      ? volumeReason
      : (evaluation?.reason ?? (status === 'no_data' ? 'no data for the period' : 'no target set')),
    ...(evaluation ? { target: evaluation.reading } : {}),
    // at a yearly cadence the previous period is the same period last year: one comparison
    comparisons: input.grain === 'year' || input.grain === 'fiscal_year' ? [previous] : [previous, lastYear],
    cause,
    series,
    annotations,
  };
  const sentence = kpiSentence({
    label: input.label,
    format: input.format,
    asOf: input.asOf,
    grain: input.grain,
    partial: cur.partial,
    elapsedDays: cur.elapsedDays,
    value,
    status,
    ...(evaluation ? { target: evaluation.reading } : {}),
    previous,
    cause,
    ...(input.denominatorLabel ? { denominatorLabel: input.denominatorLabel } : {}),
    direction,
    ...(input.soFar
      ? {
          soFar: {
            value: input.soFar.value,
            elapsedDays: input.soFar.window.elapsedDays,
            totalDays: input.soFar.window.totalDays,
          },
        }
      : {}),
    ...(thinVolume ? { verdictNote: volumeReason } : {}),
  });
  return withVerdict({ ...reading, sentence }, input.thresholds);
};
