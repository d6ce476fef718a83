// Use-case: the forecast band of a KPI for a chart — its closed periods (history) and the
// forecast for the next periods with 80% and 95% intervals, each period with start, end
// and label. IO. Invariants: by default the forecast runs to the period holding the KPI's
// deadline (target deadline, else the goal's end), bounded to MAX_HORIZON periods; a
// history the forecast cannot use (too short, gaps, all zero) is not an error: the band
// comes back with the history, no points, and a `note` saying why.

import {
  addDays,
  calendarOf,
  isKpiError,
  nextPeriodStart,
  periodLabel,
  periodStart,
  ownGet,
  type Grain,
} from '@kpi/core';
import { yesterdayOf } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { forecastAhead, kpiPeriods, type PeriodForecast } from './forecast-kpi.js';

export interface ForecastBandInput {
  readonly kpi: string;
  /** Periods ahead; default: up to the deadline (at least 1, at most MAX_HORIZON[grain]). */
  readonly horizon?: number;
  readonly asOf?: string;
}

export interface BandPeriod {
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

export interface ForecastBandPoint extends BandPeriod {
  readonly value: number;
  readonly low80: number;
  readonly high80: number;
  readonly low95: number;
  readonly high95: number;
}

export interface ForecastBand {
  readonly kpi: string;
  readonly metric: string;
  readonly grain: Grain;
  readonly asOf: string;
  /** The day the forecast runs towards (target deadline, else the goal's end). */
  readonly deadline: string;
  readonly horizon: number;
  /** The model (or combination) used; absent when there is no forecast. */
  readonly model?: string;
  readonly history: readonly (BandPeriod & { readonly value: number | null })[];
  readonly points: readonly ForecastBandPoint[];
  /** Why there is no forecast (too little history, too many gaps...), when `points` is empty. */
  readonly note?: string;
}

/** The longest default horizon per grain: about half a year of weeks, a year of months or quarters' worth. */
export const MAX_HORIZON: Readonly<Record<string, number>> = { week: 26, month: 12, quarter: 8, year: 3 };
const FALLBACK: Readonly<Record<string, number>> = { week: 8, month: 3, quarter: 2, year: 1 };

/** Periods from the one after `lastClosed` up to the one holding `deadline`. */
const periodsUntil = (lastClosedStart: string, deadline: string, grain: Grain): number => {
  let n = 0;
  for (
    let s = nextPeriodStart(lastClosedStart, grain);
    s <= deadline && n < 1000;
    s = nextPeriodStart(s, grain)
  )
    n++;
  return n;
};

export const forecastBand = async (lp: LoadedProject, input: ForecastBandInput): Promise<ForecastBand> => {
  const { project } = lp;
  const asOf = input.asOf ?? yesterdayOf(lp);
  // One read of the KPI's periods (it reports an unknown KPI, 404, with the list of names).
  const seen = await kpiPeriods(lp, input.kpi, asOf);
  const { grain } = seen;
  const def = ownGet(project.kpis, input.kpi);
  const deadline =
    def?.target?.deadline ?? (def ? ownGet(project.goals, def.goal)?.period.end : undefined) ?? '';
  const cal = calendarOf(project.settings);
  const lastClosed = periodStart(seen.to, grain, project.settings.week_start);
  const max = MAX_HORIZON[grain] ?? 12;
  const toDeadline = deadline === '' ? 0 : periodsUntil(lastClosed, deadline, grain);
  const horizon = input.horizon ?? (toDeadline > 0 ? Math.min(toDeadline, max) : (FALLBACK[grain] ?? 4));
  const period = (start: string): BandPeriod => ({
    start,
    end: addDays(nextPeriodStart(start, grain), -1),
    label: periodLabel(start, grain, cal),
  });
  const base = { kpi: input.kpi, metric: seen.metric, grain, asOf, deadline, horizon };
  const history = seen.periods.map((p) => ({ ...period(p.period), value: p.value }));
  let fc: PeriodForecast;
  try {
    fc = await forecastAhead(lp, seen, input.kpi, horizon);
  } catch (e) {
    if (!(isKpiError(e) && e.code === 'forecast.not_enough_data')) throw e;
    return { ...base, history, points: [], note: `no forecast for ${input.kpi} by ${grain}: ${e.message}` };
  }
  const points = fc.periods.map((start, i) => ({
    ...period(start),
    value: fc.mean[i] ?? 0,
    low80: fc.low80[i] ?? 0,
    high80: fc.high80[i] ?? 0,
    low95: fc.low95[i] ?? 0,
    high95: fc.high95[i] ?? 0,
  }));
  return { ...base, model: fc.model, history, points };
};
