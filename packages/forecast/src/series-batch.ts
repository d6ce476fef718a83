// Forecasting and anomaly scoring of arbitrary series, one record at a time, for
// `kpi forecast --series` / `kpi anomalies --series`: parses a JSON-lines request
// {"id","values","period"?,"horizon"?,"start"?,"grain"?,"target"?} (or rows of a CSV
// id,date,value), and shapes the output records. Pure.
// Invariants: a bad or too-short series becomes one refusal record with its reason (never an
// exception, never partial numbers); user keys are read with ownGet only.

import { ownGet } from '@kpi/core';
import { anomalyHistoryNeeded, scanAnomalies } from './anomaly-detection.js';
import { forecast } from './forecast-engine.js';
import { normalCdf } from './normal-distribution.js';
import { candidatePeriods, parseSeriesGrain } from './period-detection.js';
import type { SeriesGrain } from './period-detection.js';

export interface SeriesRequest {
  readonly id: string;
  readonly values: readonly (number | null)[];
  readonly period?: number | readonly number[];
  readonly horizon?: number;
  readonly start?: string;
  readonly grain?: SeriesGrain;
  /** Forecast only: the probability that the last forecast step reaches this value. */
  readonly target?: number;
}

export interface ForecastRecord {
  readonly id: string;
  readonly mean: readonly number[];
  readonly lo80: readonly number[];
  readonly hi80: readonly number[];
  readonly lo95: readonly number[];
  readonly hi95: readonly number[];
  readonly probability?: number;
}

export interface PointRecord {
  readonly id: string;
  readonly i: number;
  readonly score: number;
  readonly anomaly: boolean;
}

export interface Refusal {
  readonly id: string | null;
  /** 1-based line of the input, when known. */
  readonly line?: number;
  readonly code: string;
  readonly error: string;
}

/** Most values one series may hold. */
export const MAX_SERIES_VALUES = 1_000_000;
export const DEFAULT_SERIES_HORIZON = 12;

const refuse = (id: string | null, code: string, error: string, line?: number): Refusal => ({
  id,
  ...(line !== undefined ? { line } : {}),
  code,
  error,
});

export const isRefusal = (x: unknown): x is Refusal =>
  typeof x === 'object' && x !== null && Object.hasOwn(x, 'error') && Object.hasOwn(x, 'code');

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** One JSON line as a request, or a refusal saying which field is wrong and how. */
export const parseSeriesLine = (text: string, line: number): SeriesRequest | Refusal => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return refuse(null, 'series.bad_json', `line ${line}: not valid JSON (${(e as Error).message})`, line);
  }
  if (!isRecord(raw)) return refuse(null, 'series.bad_record', `line ${line}: expected a JSON object`, line);
  const id = ownGet(raw, 'id');
  if (typeof id !== 'string' || id === '')
    return refuse(null, 'series.bad_id', `line ${line}: "id" must be a non-empty string`, line);
  const bad = (field: string, what: string) =>
    refuse(id, 'series.bad_field', `line ${line}, series "${id}": "${field}" ${what}`, line);
  const values = ownGet(raw, 'values');
  if (!Array.isArray(values)) return bad('values', 'must be an array of numbers (null for a gap)');
  if (values.length > MAX_SERIES_VALUES) return bad('values', `holds more than ${MAX_SERIES_VALUES} values`);
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v)))
      return bad(`values[${i}]`, 'must be a finite number or null');
  }
  const period = ownGet(raw, 'period');
  const periods = period === undefined ? [] : Array.isArray(period) ? period : [period];
  if (periods.some((m: unknown) => typeof m !== 'number' || !Number.isInteger(m) || m < 1))
    return bad('period', 'must be a whole number of steps >= 1, or a list of them');
  const horizon = ownGet(raw, 'horizon');
  if (horizon !== undefined && (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1))
    return bad('horizon', 'must be a whole number >= 1');
  const grainName = ownGet(raw, 'grain');
  const grain = typeof grainName === 'string' ? parseSeriesGrain(grainName) : undefined;
  if (grainName !== undefined && grain === undefined)
    return bad('grain', 'must be one of 5m, hour, day, week, month, quarter, year');
  const start = ownGet(raw, 'start');
  if (start !== undefined && typeof start !== 'string')
    return bad('start', 'must be a string (a date or time)');
  const target = ownGet(raw, 'target');
  if (target !== undefined && (typeof target !== 'number' || !Number.isFinite(target)))
    return bad('target', 'must be a number');
  return {
    id,
    values: values as (number | null)[],
    ...(periods.length > 0 ? { period: periods as number[] } : {}),
    ...(horizon !== undefined ? { horizon } : {}),
    ...(start !== undefined ? { start } : {}),
    ...(grain !== undefined ? { grain } : {}),
    ...(target !== undefined ? { target } : {}),
  };
};

/** The periods a request's forecast uses: its own, else its grain's candidates. */
const periodsFor = (r: SeriesRequest): number[] => {
  if (r.period !== undefined)
    return (typeof r.period === 'number' ? [r.period] : [...r.period]).filter((m) => m > 1);
  return r.grain ? [...candidatePeriods(r.grain)] : [];
};

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export const forecastSeries = (
  r: SeriesRequest,
  defaultHorizon = DEFAULT_SERIES_HORIZON,
): ForecastRecord | Refusal => {
  const h = r.horizon ?? defaultHorizon;
  const f = forecast({ values: r.values, period: periodsFor(r) }, h);
  if (!f.ok) {
    const first = f.issues[0];
    return refuse(
      r.id,
      first?.code ?? 'forecast.failed',
      `series "${r.id}": ${first?.message ?? 'cannot be forecast'}`,
    );
  }
  const v = f.value;
  const last = h - 1;
  const sd = v.sd[last] as number;
  const mean = v.mean[last] as number;
  const probability =
    r.target === undefined
      ? undefined
      : sd > 0
        ? 1 - normalCdf((r.target - mean) / sd)
        : mean >= r.target
          ? 1
          : 0;
  return {
    id: r.id,
    mean: v.mean.map(round),
    lo80: v.low80.map(round),
    hi80: v.high80.map(round),
    lo95: v.low95.map(round),
    hi95: v.high95.map(round),
    ...(probability !== undefined ? { probability: round(probability) } : {}),
  };
};

export const anomalySeries = (r: SeriesRequest, falseAlarmEvery?: number): PointRecord[] | Refusal => {
  const series = { values: r.values, ...(r.period !== undefined ? { period: r.period } : {}) };
  const options = { ...(r.grain ? { grain: r.grain } : {}), ...(falseAlarmEvery ? { falseAlarmEvery } : {}) };
  const needed = anomalyHistoryNeeded(series, options);
  const observed = r.values.filter((v) => v !== null).length;
  if (observed <= needed)
    return refuse(
      r.id,
      'anomalies.not_enough_data',
      `series "${r.id}": ${observed} observed value(s); anomalies are judged after ${needed}`,
    );
  const out: PointRecord[] = [];
  for (const p of scanAnomalies(series, options).points)
    if (p) out.push({ id: r.id, i: p.index, score: round(p.score), anomaly: p.anomaly });
  return out;
};

export interface CsvSeriesRow {
  readonly id: string;
  readonly date: string;
  readonly value: string;
  readonly line: number;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayIndex = (d: string): number =>
  Math.round(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 864e5);

/**
 * Rows of an id,date,value CSV grouped into one request per id (in order of first
 * appearance), values in date order; with daily dates (YYYY-MM-DD) a missing day is a gap.
 * A row with a bad value refuses its whole series, naming the line.
 */
export const groupCsvSeries = (
  rows: readonly CsvSeriesRow[],
  grain?: SeriesGrain,
): (SeriesRequest | Refusal)[] => {
  const byId = new Map<string, CsvSeriesRow[]>();
  for (const r of rows) {
    const list = byId.get(r.id);
    if (list) list.push(r);
    else byId.set(r.id, [r]);
  }
  const out: (SeriesRequest | Refusal)[] = [];
  for (const [id, list] of byId) {
    const badValue = list.find((r) => r.value !== '' && !Number.isFinite(Number(r.value)));
    if (badValue) {
      out.push(
        refuse(
          id,
          'series.bad_value',
          `line ${badValue.line}, series "${id}": "${badValue.value}" is not a number`,
          badValue.line,
        ),
      );
      continue;
    }
    const sorted = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const dup = sorted.find((r, i) => i > 0 && sorted[i - 1]?.date === r.date);
    if (dup) {
      out.push(
        refuse(
          id,
          'series.duplicate_date',
          `line ${dup.line}, series "${id}": date ${dup.date} appears twice`,
          dup.line,
        ),
      );
      continue;
    }
    const daily = (grain === undefined || grain === 'day') && sorted.every((r) => ISO_DAY.test(r.date));
    const values: (number | null)[] = [];
    let prev: number | undefined;
    for (const r of sorted) {
      if (daily) {
        const d = dayIndex(r.date);
        if (prev !== undefined)
          for (let k = prev + 1; k < d && values.length < MAX_SERIES_VALUES; k++) values.push(null);
        prev = d;
      }
      values.push(r.value === '' ? null : Number(r.value));
    }
    if (values.length > MAX_SERIES_VALUES) {
      out.push(refuse(id, 'series.too_long', `series "${id}": more than ${MAX_SERIES_VALUES} values`));
      continue;
    }
    const g = grain ?? (daily ? 'day' : undefined);
    out.push({ id, values, start: sorted[0]?.date ?? '', ...(g ? { grain: g } : {}) });
  }
  return out;
};
