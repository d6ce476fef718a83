// Finds the file line where given data records start, for error messages. IO.
// Invariants: only run when there are problems to report; streams the file once and stops
// after the last wanted record; counts records like DuckDB does (blank lines skipped,
// newlines inside quoted CSV fields belong to their record). Record 0 is the first data
// record (CSV: the one after the header); `skipLines` lines above the header are passed over.

import { createReadStream } from 'node:fs';
import type { ImportFormat } from './import-types.js';

const LF = 0x0a;
const CR = 0x0d;

/** Maps record ordinals (0-based, data records) to 1-based line numbers. */
export const recordLines = async (
  path: string,
  format: ImportFormat,
  ordinals: readonly number[],
  quote: string,
  skipLines = 0,
): Promise<Map<number, number>> => {
  const result = new Map<number, number>();
  if (ordinals.length === 0) return result;
  if (format === 'json') {
    for (const o of ordinals) result.set(o, o + 1);
    return result;
  }
  const wanted = new Set(ordinals);
  const last = Math.max(...ordinals);
  const q = format === 'csv' ? quote.charCodeAt(0) : -1;
  let line = 1;
  let record = format === 'csv' ? -2 : -1; // the CSV header is record -1
  let atStart = true;
  let inQuotes = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (line <= skipLines) {
        if (b === LF) line++;
        continue;
      }
      if (b === LF) {
        line++;
        if (!inQuotes) atStart = true;
        continue;
      }
      if (atStart) {
        if (b === CR) continue;
        atStart = false;
        record++;
        if (record > last) return result;
        if (wanted.has(record)) result.set(record, line);
      }
      if (b === q) inQuotes = !inQuotes;
    }
  }
  return result;
};
