// Forecasts or anomaly scores for every series of a file (`kpi forecast --series`, `kpi
// anomalies --series`): JSON lines read and answered one at a time (streaming), or a CSV of
// id,date,value grouped by id. A bad or too-short series becomes a refusal record and the
// run goes on. Invariant: every input series gets exactly one forecast record or one
// refusal (anomalies: its point records or one refusal), in input order.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { IoError, UsageError } from '@kpi/core';
import {
  anomalySeries,
  forecastSeries,
  groupCsvSeries,
  isRefusal,
  parseSeriesLine,
  type CsvSeriesRow,
  type SeriesGrain,
  type SeriesRequest,
  type Refusal,
} from '@kpi/forecast';

export interface SeriesRunOptions {
  readonly mode: 'forecast' | 'anomalies';
  /** Forecast steps for series without their own "horizon". */
  readonly horizon?: number;
  /** Grain for CSV input (default: daily when the dates are days). */
  readonly grain?: SeriesGrain;
  /** Anomalies: points of clean data per false alarm. */
  readonly falseAlarmEvery?: number;
}

export interface SeriesRunSummary {
  readonly series: number;
  readonly refused: number;
}

/** Longest input line read (the field_bytes ceiling). */
const MAX_LINE_CHARS = 16 * 1024 * 1024;

const lines = (path: string) =>
  createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });

const unquote = (s: string): string => {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
};

export const runSeriesFile = async (
  path: string,
  o: SeriesRunOptions,
  emit: (record: object) => void,
): Promise<SeriesRunSummary> => {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new IoError('io.not_found', `no file ${path}`, {
      hint: 'pass a JSON-lines or CSV file to --series',
    });
  let series = 0;
  let refused = 0;
  const answer = (r: SeriesRequest | Refusal): void => {
    series++;
    if (isRefusal(r)) {
      refused++;
      emit(r);
      return;
    }
    const out = o.mode === 'forecast' ? forecastSeries(r, o.horizon) : anomalySeries(r, o.falseAlarmEvery);
    if (isRefusal(out)) {
      refused++;
      emit(out);
    } else if (Array.isArray(out)) for (const p of out) emit(p);
    else emit(out);
  };
  if (path.toLowerCase().endsWith('.csv')) {
    const rows: CsvSeriesRow[] = [];
    let n = 0;
    for await (const text of lines(path)) {
      n++;
      if (n === 1) {
        const head = text.split(',').map((s) => unquote(s).toLowerCase());
        if (head.join(',') !== 'id,date,value')
          throw new UsageError(
            'series.bad_csv_header',
            `${path}:1: the header is "${text.slice(0, 80)}"; expected id,date,value`,
            'write one row per point: id,date,value',
          );
        continue;
      }
      if (text.trim() === '') continue;
      const f = text.split(',').map(unquote);
      if (f.length !== 3) {
        answer({
          id: f[0] ?? null,
          line: n,
          code: 'series.bad_row',
          error: `${path}:${n}: expected 3 fields (id,date,value), got ${f.length}`,
        });
        continue;
      }
      rows.push({ id: f[0] as string, date: f[1] as string, value: f[2] as string, line: n });
    }
    for (const r of groupCsvSeries(rows, o.grain)) answer(r);
    return { series, refused };
  }
  let n = 0;
  for await (const text of lines(path)) {
    n++;
    if (text.trim() === '') continue;
    answer(
      text.length > MAX_LINE_CHARS
        ? {
            id: null,
            line: n,
            code: 'series.line_too_long',
            error: `${path}:${n}: longer than ${MAX_LINE_CHARS} characters`,
          }
        : parseSeriesLine(text, n),
    );
  }
  return { series, refused };
};
