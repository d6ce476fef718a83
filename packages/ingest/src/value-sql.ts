// SQL that turns raw text (VARCHAR) into typed column values, for the checked route. Pure.
// Invariants: an empty or blank value is NULL, never an error; a value that cannot be
// converted is NULL too, and the caller compares raw and converted to find bad values.
// User text (formats) only enters SQL as escaped string literals.

import type { ColumnType } from '@kpi/core';
import type { ImportPlan } from './import-plan.js';

export interface ValueOptions {
  readonly decimalComma: boolean;
  /** strftime format accepted besides ISO (dates and timestamps). */
  readonly format?: string | undefined;
}

export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Currency symbols and spaces (also no-break and thin spaces) that numbers may carry. */
const NOISE = String.raw`[\s\x{00A0}\x{202F}\x{2009}$€£¥₹]`;
const BODY_DOT = String.raw`[+-]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)([eE][+-]?\d+)?`;
const BODY_COMMA = String.raw`[+-]?((\d{1,3}(\.\d{3})+|\d+)(,\d*)?|,\d+)`;
const numberPattern = (body: string): string => `(${body})%?|\\((${body})%?\\)`;

export const cleanNumberSql = (raw: string): string => `regexp_replace(trim(${raw}), '${NOISE}', '', 'g')`;

/** DOUBLE from text such as "$1,234.50", "3.2%" (0.032), "(12.50)" (-12.5), "1.234,5" with decimalComma. */
export const numberSql = (raw: string, decimalComma: boolean): string => {
  const c = cleanNumberSql(raw);
  const body = `regexp_replace(${c}, '[()%]', '', 'g')`;
  const plain = decimalComma ? `replace(replace(${body}, '.', ''), ',', '.')` : `replace(${body}, ',', '')`;
  const pattern = numberPattern(decimalComma ? BODY_COMMA : BODY_DOT);
  return `(CASE WHEN regexp_full_match(${c}, '${pattern}') THEN
    (CASE WHEN starts_with(${c}, '(') THEN -1 ELSE 1 END) * TRY_CAST(${plain} AS DOUBLE)
    / (CASE WHEN contains(${c}, '%') THEN 100 ELSE 1 END) END)`;
};

/** BIGINT: plain digits exactly; otherwise a number without a fractional part. */
export const integerSql = (raw: string, decimalComma: boolean): string => {
  const n = numberSql(raw, decimalComma);
  return `(CASE WHEN regexp_full_match(trim(${raw}), '[+-]?\\d{1,18}') THEN TRY_CAST(trim(${raw}) AS BIGINT)
    WHEN ${n} = trunc(${n}) AND abs(${n}) < 9.2e18 THEN CAST(${n} AS BIGINT) END)`;
};

export const TRUE_WORDS = ['true', 't', 'yes', 'y', '1'] as const;
export const FALSE_WORDS = ['false', 'f', 'no', 'n', '0'] as const;
const words = (ws: readonly string[]): string => ws.map(sqlString).join(', ');

export const booleanSql = (raw: string): string =>
  `(CASE WHEN lower(trim(${raw})) IN (${words(TRUE_WORDS)}) THEN true
    WHEN lower(trim(${raw})) IN (${words(FALSE_WORDS)}) THEN false END)`;

// ISO text only: DuckDB's own cast also reads "31/01/25" as the year 31, silently.
const ISO_DATE = String.raw`\d{4}-\d{1,2}-\d{1,2}`;
const ISO_TIMESTAMP = String.raw`\d{4}-\d{1,2}-\d{1,2}([ T].*)?`;
const isoCast = (raw: string, pattern: string, type: string): string =>
  `(CASE WHEN regexp_full_match(trim(${raw}), '${pattern}') THEN TRY_CAST(trim(${raw}) AS ${type}) END)`;

export const dateSql = (raw: string, format: string | undefined): string =>
  format === undefined
    ? isoCast(raw, ISO_DATE, 'DATE')
    : `COALESCE(${isoCast(raw, ISO_DATE, 'DATE')}, TRY_CAST(try_strptime(trim(${raw}), ${sqlString(format)}) AS DATE))`;

/** TIMESTAMPTZ: text without an offset is a local time in the session time zone. */
export const timestampSql = (raw: string, format: string | undefined): string =>
  format === undefined
    ? isoCast(raw, ISO_TIMESTAMP, 'TIMESTAMPTZ')
    : `COALESCE(${isoCast(raw, ISO_TIMESTAMP, 'TIMESTAMPTZ')}, TRY_CAST(try_strptime(trim(${raw}), ${sqlString(format)}) AS TIMESTAMPTZ))`;

/** The typed value of `raw` (a SQL expression of type VARCHAR) for a column type. */
export const convertSql = (type: ColumnType, raw: string, opts: ValueOptions): string => {
  switch (type) {
    case 'string':
      return `NULLIF(${raw}, '')`;
    case 'number':
      return numberSql(raw, opts.decimalComma);
    case 'integer':
      return integerSql(raw, opts.decimalComma);
    case 'boolean':
      return booleanSql(raw);
    case 'date':
      return dateSql(raw, opts.format);
    case 'timestamp':
      return timestampSql(raw, opts.format);
  }
};

/** True (SQL) when `raw` holds something: not NULL and not blank. */
export const presentSql = (raw: string): string => `(NULLIF(trim(${raw}), '') IS NOT NULL)`;

/** The value stamped into a column the file does not provide (a snapshot's date), if any. */
export const stampedSql = (
  plan: Pick<ImportPlan, 'def' | 'snapshotDate'>,
  column: string,
): string | undefined =>
  plan.def.snapshot === true && column === plan.def.time && plan.snapshotDate !== undefined
    ? `CAST(${sqlString(plan.snapshotDate)} AS DATE)`
    : undefined;
