// Use-case: `kpi forecast <kpi> [--backtest]` — the KPI's series at its review cadence,
// forecast for the next periods, or replayed over the last periods as if they were the
// future to show how far to trust the forecast on this data. IO.
// Invariant: only closed periods are used (the current, partial period is left out).

import { NotFoundError, UsageError, addDays, periodStart, type Grain } from '@kpi/core';
import { backtest, forecast, type BacktestReport, type Forecast } from '@kpi/forecast';
import { yesterdayOf } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
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
  readonly forecast?: Forecast & { readonly periods: readonly string[] };
  readonly backtest?: BacktestReport;
}

const SEASON: Record<string, number> = { week: 52, month: 12, quarter: 4 };

const nextStarts = (last: string, grain: Grain, n: number): string[] => {
  const out: string[] = [];
  let d = last;
  for (let i = 0; i < n; i++) {
    d = grain === 'week' ? addDays(d, 7) : periodStart(addDays(d, grain === 'month' ? 32 : 93), grain);
    out.push(d);
  }
  return out;
};

/** A KPI's closed periods at its review cadence, as read from the store. */
export interface KpiPeriods {
  readonly metric: string;
  readonly grain: Grain;
  /** The last day of the last closed period. */
  readonly to: string;
  /** Oldest first. */
  readonly periods: readonly { readonly period: string; readonly value: number | null }[];
}

/** The KPI's closed periods at its review cadence (with the KPI's filter), oldest first. */
export const kpiPeriods = async (lp: LoadedProject, kpi: string, asOf?: string): Promise<KpiPeriods> => {
  const def = lp.project.kpis[kpi];
  if (!def) {
    throw new NotFoundError(
      'kpi.not_found',
      `no KPI named "${kpi}"`,
      `KPIs: ${Object.keys(lp.project.kpis).sort().join(', ') || '(none)'}`,
    );
  }
  const grain: Grain = def.cadence === 'monthly' ? 'month' : def.cadence === 'quarterly' ? 'quarter' : 'week';
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
  return { metric: def.metric, grain, to, periods };
};

/**
 * Forecasts (or backtests) periods already read: throws `forecast.not_enough_data` when the
 * history cannot carry a forecast. No IO.
 */
export const forecastPeriods = (
  seen: KpiPeriods,
  input: Omit<ForecastKpiInput, 'asOf'>,
): ForecastKpiOutput => {
  const { metric, grain, to, periods } = seen;
  const values = periods.map((p) => p.value);
  const horizon = input.horizon ?? (grain === 'week' ? 8 : grain === 'month' ? 3 : 2);
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new UsageError('forecast.horizon', '--horizon must be 1 or more');
  const series = { values, period: SEASON[grain] ?? 1 };
  const base = { kpi: input.kpi, metric, grain, periods };
  if (input.backtest) {
    const r = backtest(series, { horizon, origins: input.origins ?? 4 });
    if (!r.ok)
      throw new UsageError(
        'forecast.not_enough_data',
        r.issues[0]?.message ?? 'not enough data to backtest',
        'import more history, or use a smaller --horizon / --origins',
      );
    return { ...base, backtest: r.value };
  }
  const fc = forecast(series, horizon);
  if (!fc.ok)
    throw new UsageError(
      'forecast.not_enough_data',
      fc.issues[0]?.message ?? 'not enough data to forecast',
      'import more history',
    );
  const last = periods[periods.length - 1]?.period ?? to;
  return { ...base, forecast: { ...fc.value, periods: nextStarts(last, grain, horizon) } };
};

export const forecastKpi = async (lp: LoadedProject, input: ForecastKpiInput): Promise<ForecastKpiOutput> =>
  forecastPeriods(await kpiPeriods(lp, input.kpi, input.asOf), input);
