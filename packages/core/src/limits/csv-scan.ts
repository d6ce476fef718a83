// A streaming byte scanner for CSV that checks structural limits before any reader sees
// the file: the number of columns in every record and the length of every field. Pure.
// Invariants: memory is constant in the input size; quoting follows RFC 4180 (a quote
// opens a quoted field only at its start, a doubled quote inside is one quote), so
// delimiters and line breaks inside quotes do not count; blank lines are not records;
// column counts are exact (the whole record is counted before it is judged).

import type { InputLimits } from './input-limits.js';
import { countText } from './input-limits.js';
import type { ByteScanner, LimitViolation } from './json-scan.js';

export interface CsvScanOptions {
  readonly limits: InputLimits;
  /** Delimiter and quote as single bytes (ASCII). */
  readonly delimiter: number;
  readonly quote: number;
  /** Stop after the first record (the header). */
  readonly firstRecordOnly?: boolean;
}

export interface CsvScanner extends ByteScanner {
  /** Fields of the first record, once it is complete (undefined before). */
  headerFields(): number | undefined;
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;

export const csvScanner = (o: CsvScanOptions): CsvScanner => {
  const { csv_columns: maxColumns, field_bytes: maxField } = o.limits;
  let inQuotes = false;
  let quotePending = false;
  let fieldBytes = 0;
  let fieldQuoted = false;
  let fields = 1;
  let line = 1;
  let column = 0;
  /** Bytes fed before the current chunk, and the offset where the current line starts. */
  let offset = 0;
  let lineStart = 0;
  let recordLine = 1;
  let records = 0;
  let header: number | undefined;
  let found: LimitViolation | undefined;

  const stop = (v: Omit<LimitViolation, 'line' | 'column'>, at = line, col = column) =>
    (found = { ...v, line: at, column: col });
  const emptyRecord = (): boolean => fields === 1 && fieldBytes === 0 && !fieldQuoted;

  const endRecord = (): LimitViolation | undefined => {
    if (emptyRecord()) {
      recordLine = line + 1;
      return undefined;
    }
    if (records === 0) header = fields;
    records++;
    if (fields > maxColumns)
      return stop(
        {
          limit: 'csv_columns',
          value: fields,
          max: maxColumns,
          message: `${records === 1 ? 'the header' : `the record starting on this line`} has ${countText(fields)} columns; the limit is ${countText(maxColumns)}`,
        },
        recordLine,
        1,
      );
    fields = 1;
    fieldBytes = 0;
    fieldQuoted = false;
    recordLine = line + 1;
    return undefined;
  };

  const longField = (): LimitViolation =>
    stop({
      limit: 'field_bytes',
      value: fieldBytes,
      max: maxField,
      message: `field ${countText(fields)} is longer than ${countText(maxField)} bytes`,
    });

  const finished = (): boolean => found !== undefined || (o.firstRecordOnly === true && header !== undefined);

  return {
    headerFields: () => header,
    done: finished,
    end() {
      if (found || finished()) return found;
      if (inQuotes && !quotePending) return undefined;
      return endRecord();
    },
    feed(chunk) {
      if (finished()) return found;
      // Hot loop: constants and the field length in locals; the column is worked out
      // from where the line started, only when a violation needs it.
      const quote = o.quote;
      const delimiter = o.delimiter;
      const base = offset;
      offset += chunk.length;
      let bytes = fieldBytes;
      const longAt = (i: number): LimitViolation => {
        fieldBytes = bytes;
        column = base + i + 1 - lineStart;
        return longField();
      };
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i] as number;
        if (inQuotes) {
          if (quotePending) {
            quotePending = false;
            if (b === quote) {
              if (++bytes > maxField) return longAt(i);
              continue;
            }
            inQuotes = false; // the quote closed the field: this byte is read as unquoted
          } else if (b === quote) {
            quotePending = true;
            continue;
          } else {
            if (b === NEWLINE) {
              line++;
              lineStart = base + i + 1;
            }
            if (++bytes > maxField) return longAt(i);
            continue;
          }
        }
        if (b === delimiter) {
          fields++;
          bytes = 0;
          fieldQuoted = false;
        } else if (b === NEWLINE) {
          fieldBytes = bytes;
          if (endRecord()) return found;
          bytes = 0;
          line++;
          lineStart = base + i + 1;
          if (finished()) return undefined;
        } else if (b === RETURN) {
          // part of a CRLF line end
        } else if (b === quote && bytes === 0 && !fieldQuoted) {
          inQuotes = true;
          fieldQuoted = true;
        } else if (++bytes > maxField) return longAt(i);
      }
      fieldBytes = bytes;
      return undefined;
    },
  };
};
