// Turns bad values, missing keys and duplicates into Issues with file positions. Pure.
// Invariant: every message names the column and quotes the raw value; the line is the
// file line (CSV header = line 1; NDJSON line; JSON array element number).

import type { ColumnType, Issue } from '@kpi/core';

export interface RowProblem {
  readonly code: string;
  readonly column: string;
  /** 1-based field index in the file, 0 when unknown. */
  readonly field: number;
  readonly message: string;
  readonly hint?: string;
}

const looksDecimalComma = (v: string): boolean => /^[^.,]*\d([.\s]\d{3})*,\d+\D*$/.test(v.trim());
const looksDecimalDot = (v: string): boolean => /^[^.,]*\d(,\d{3})*\.\d+\D*$/.test(v.trim());

/** Why `raw` is not a valid value of `type`. */
export const badValue = (
  column: string,
  field: number,
  type: ColumnType,
  raw: string,
  opts: { readonly decimalComma: boolean; readonly format?: string | undefined },
): RowProblem => {
  const shown = JSON.stringify(raw);
  const base = { column, field };
  switch (type) {
    case 'integer':
    case 'number': {
      const asNumber = Number(raw.replace(/[\s$€£¥₹,%()]/g, ''));
      if (
        type === 'integer' &&
        Number.isFinite(asNumber) &&
        !Number.isInteger(asNumber) &&
        !opts.decimalComma
      ) {
        return {
          ...base,
          code: 'import.row.not_an_integer',
          message: `column ${column}: ${shown} is not a whole number`,
        };
      }
      const hint =
        !opts.decimalComma && looksDecimalComma(raw)
          ? 'the value looks like it uses a decimal comma: import the file with the decimal comma option'
          : opts.decimalComma && looksDecimalDot(raw)
            ? 'the value uses a decimal point, but the import expects a decimal comma'
            : 'numbers may carry thousands separators, a currency symbol, % or (negative)';
      return {
        ...base,
        code: 'import.row.not_a_number',
        message: `column ${column}: ${shown} is not a number`,
        hint,
      };
    }
    case 'boolean':
      return {
        ...base,
        code: 'import.row.bad_boolean',
        message: `column ${column}: ${shown} is not true or false`,
        hint: 'use true/false, yes/no or 1/0',
      };
    case 'date':
    case 'timestamp': {
      const expected = opts.format ? `YYYY-MM-DD or ${opts.format}` : 'YYYY-MM-DD';
      return {
        ...base,
        code: 'import.row.bad_date',
        message: `column ${column}: ${shown} is not a ${type === 'date' ? 'date' : 'timestamp'} (expected ${expected})`,
        hint: 'set the column\'s format in kpi.yaml (e.g. format: "%d/%m/%Y") or pass a date format for this file',
      };
    }
    case 'string':
      return { ...base, code: 'import.row.bad_value', message: `column ${column}: ${shown} is not valid` };
  }
};

export const missingValue = (column: string, field: number, isKey: boolean): RowProblem =>
  isKey
    ? {
        column,
        field,
        code: 'import.row.missing_key',
        message: `column ${column} is empty; it is part of the key or the time and must have a value`,
      }
    : { column, field, code: 'import.row.missing_value', message: `column ${column} is empty but required` };

export const duplicateKey = (keyColumns: readonly string[], firstLine: number, unit: string): RowProblem => ({
  column: keyColumns.join(','),
  field: 0,
  code: 'import.row.duplicate_key',
  message: `duplicate of ${unit} ${firstLine}: same key (${keyColumns.join(', ')})`,
  hint: 'each key may appear once per file; remove the repeated row',
});

export const toIssue = (p: RowProblem, file: string, line: number): Issue => ({
  code: p.code,
  severity: 'error',
  message: p.message,
  path: [line, p.column],
  position: { file, line, column: p.field },
  ...(p.hint === undefined ? {} : { hint: p.hint }),
});
