// Use-case: `kpi forecast <kpi> [--backtest]` — the KPI's series at its review cadence,
// forecast for the next periods, or replayed over the last periods as if they were the
// future to show how far to trust the forecast on this data. IO.
// Invariants: the history shown and backtested is the closed periods (the current, partial
// period is left out); the forecast is the scorecard's own (the daily model behind
// `kpi status`, summed over each period ahead), so every surface shows the same numbers,
// and it is refused on the same grounds ("too little history (8 days)").

import {
  NotFoundError,
  UsageError,
  addDays,
  nextPeriodStart,
  ownGet,
  periodStart,
  type Grain,
} from '@kpi/core';
import { backtest, type BacktestReport } from '@kpi/forecast';
import { yesterdayOf } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { evaluateScorecard } from './evaluate-scorecard.js';
import { queryMetrics } from './query-metrics.js';

export interface ForecastKpiInput {
  readonly kpi: string;
  /** Periods to forecast, or to replay per origin with --backtest. */
  readonly horizon?: number;
  /** Backtest: how many forecast origins to replay. */
  readonly origins?: number;
  readonly backtest?: boolean;
  readonly asOf?: string;
}

export interface ForecastKpiOutput {
  readonly kpi: string;
  readonly metric: string;
  readonly grain: Grain;
  readonly periods: readonly { readonly period: string; readonly value: number | null }[];
  readonly forecast?: PeriodForecast;
  readonly backtest?: BacktestReport;
}

/** The forecast per period ahead (by start day), with its 80% and 95% ranges. */
export interface PeriodForecast {
  readonly model: string;
  /** Days of history the daily model was fitted on. */
  readonly historyDays: number;
  readonly periods: readonly string[];
  readonly mean: readonly number[];
  readonly low80: readonly number[];
  readonly high80: readonly number[];
  readonly low95: readonly number[];
  readonly high95: readonly number[];
}

const SEASON: Record<string, number> = { week: 52, month: 12, quarter: 4 };

/** A KPI's closed periods at its review cadence, as read from the store. */
export interface KpiPeriods {
  readonly metric: string;
  readonly grain: Grain;
  /** The last day of the last closed period, and the as-of day. */
  readonly to: string;
  readonly asOf: string;
  /** Oldest first. */
  readonly periods: readonly { readonly period: string; readonly value: number | null }[];
}

/** The KPI's closed periods at its review cadence (with the KPI's filter), oldest first. */
export const kpiPeriods = async (lp: LoadedProject, kpi: string, asOf?: string): Promise<KpiPeriods> => {
  const def = ownGet(lp.project.kpis, kpi);
  if (!def) {
    throw new NotFoundError(
      'kpi.not_found',
      `no KPI named "${kpi}"`,
      `KPIs: ${Object.keys(lp.project.kpis).sort().join(', ') || '(none)'}`,
    );
  }
  const grain: Grain =
    def.cadence === 'monthly'
      ? 'month'
      : def.cadence === 'quarterly'
        ? 'quarter'
        : def.cadence === 'yearly'
          ? 'year'
          : 'week';
  const day = asOf ?? yesterdayOf(lp);
  // The last closed period ends the day before the period holding the as-of day's successor starts.
  const to = addDays(periodStart(addDays(day, 1), grain, lp.project.settings.week_start), -1);
  const where = Object.fromEntries(
    Object.entries(def.filter ?? {}).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]),
  );
  const q = await queryMetrics(lp, { metrics: [def.metric], grain, to, where });
  const periods = q.rows.map((r) => ({
    period: String(r['period']),
    value: (r[def.metric] as number | null) ?? null,
  }));
  return { metric: def.metric, grain, to, asOf: day, periods };
};

const notEnough = (message: string, hint: string): UsageError =>
  new UsageError('forecast.not_enough_data', message, hint);

const defaultHorizon = (grain: Grain): number =>
  grain === 'week' ? 8 : grain === 'month' ? 3 : grain === 'year' ? 1 : 2;

const checkHorizon = (horizon: number): void => {
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new UsageError('forecast.horizon', '--horizon must be 1 or more');
};

/** Backtests periods already read: throws `forecast.not_enough_data` when the history cannot carry one. No IO. */
export const backtestPeriods = (
  seen: KpiPeriods,
  input: Omit<ForecastKpiInput, 'asOf'>,
): ForecastKpiOutput => {
  const { metric, grain, periods } = seen;
  const horizon = input.horizon ?? defaultHorizon(grain);
  checkHorizon(horizon);
  const r = backtest(
    { values: periods.map((p) => p.value), period: SEASON[grain] ?? 1 },
    { horizon, origins: input.origins ?? 4 },
  );
  if (!r.ok)
    throw notEnough(
      r.issues[0]?.message ?? 'not enough data to backtest',
      'import more history, or use a smaller --horizon / --origins',
    );
  return { kpi: input.kpi, metric, grain, periods, backtest: r.value };
};

/**
 * The KPI's forecast for the `horizon` periods after the last closed one: the scorecard's
 * forecast (the one `kpi status` shows), over each period. Throws `forecast.not_enough_data`
 * with the scorecard's reason when it makes none.
 */
export const forecastAhead = async (
  lp: LoadedProject,
  seen: KpiPeriods,
  kpi: string,
  horizon: number,
): Promise<PeriodForecast> => {
  checkHorizon(horizon);
  const bands: { start: string; end: string }[] = [];
  for (let s = addDays(seen.to, 1); bands.length < horizon;) {
    const next = nextPeriodStart(s, seen.grain);
    bands.push({ start: s, end: addDays(next, -1) });
    s = next;
  }
  const card = await evaluateScorecard(lp, {
    asOf: seen.asOf,
    kpis: [kpi],
    withoutSupporting: true,
    forecastBands: bands,
  });
  const r = card.goals.flatMap((g) => g.kpis).find((x) => x.kpi === kpi);
  const fp = r?.forecastPeriods;
  if (!fp) throw notEnough(r?.forecastNote ?? 'not enough data to forecast', 'import more history');
  const col = (key: 'value' | 'low80' | 'high80' | 'low95' | 'high95') => fp.periods.map((p) => p[key]);
  return {
    model: fp.model,
    historyDays: fp.historyDays,
    periods: fp.periods.map((p) => p.start),
    mean: col('value'),
    low80: col('low80'),
    high80: col('high80'),
    low95: col('low95'),
    high95: col('high95'),
  };
};

export const forecastKpi = async (lp: LoadedProject, input: ForecastKpiInput): Promise<ForecastKpiOutput> => {
  const seen = await kpiPeriods(lp, input.kpi, input.asOf);
  if (input.backtest) return backtestPeriods(seen, input);
  const fc = await forecastAhead(lp, seen, input.kpi, input.horizon ?? defaultHorizon(seen.grain));
  return { kpi: input.kpi, metric: seen.metric, grain: seen.grain, periods: seen.periods, forecast: fc };
};
