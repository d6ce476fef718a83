// Checks an import file against the structural limits before any reader (DuckDB's JSON
// and CSV readers included) sees it: streams the file through the byte scanners of core
// and turns the first violation into a ProblemsError that says what, where and how to
// raise the limit. IO (reads the file). Invariants: memory stays constant in the file
// size; nothing here touches the database.

import { createReadStream } from 'node:fs';
import {
  LIMIT_CEILINGS,
  ProblemsError,
  countText,
  csvScanner,
  jsonScanner,
  raiseHint,
  type ByteScanner,
  type InputLimits,
  type LimitViolation,
} from '@kpi/core';
import { DELIMITERS, delimiterName } from './csv-sniff.js';

const BOM = [0xef, 0xbb, 0xbf];

/** Streams `path` through the scanners until each is done or the file ends. */
const scanFile = async (path: string, scanners: readonly ByteScanner[]): Promise<void> => {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let first = true;
  try {
    for await (const raw of stream as AsyncIterable<Buffer>) {
      let chunk: Uint8Array = raw;
      if (first && BOM.every((b, i) => raw[i] === b)) chunk = raw.subarray(3);
      first = false;
      let open = false;
      for (const s of scanners) {
        if (s.done()) continue;
        s.feed(chunk);
        open ||= !s.done();
      }
      if (!open) return;
    }
    for (const s of scanners) if (!s.done()) s.end();
  } finally {
    stream.destroy();
  }
};

const HOW: Readonly<Record<LimitViolation['limit'], string>> = {
  json_depth: 'flatten the nested values',
  json_keys: 'split the objects into fewer keys',
  field_bytes: 'shorten the value',
  csv_columns: 'split the file into files with fewer columns',
  yaml_aliases: 'write the repeated parts out',
  shape: 'send rows as objects of text, numbers, true/false or null',
};

/** The refusal of a file: names the limit, the place and how to raise the limit. */
export const limitProblem = (file: string, v: LimitViolation): ProblemsError => {
  const code = v.limit === 'shape' ? 'import.file.not_rows' : `limit.${v.limit}`;
  const where = `line ${countText(v.line)}, column ${countText(v.column)}`;
  const message = `${file}, ${where}: ${v.message}; nothing was imported`;
  const hint = v.hint ?? (v.limit === 'shape' ? HOW.shape : `${HOW[v.limit]}, or ${raiseHint(v.limit)}`);
  return new ProblemsError(
    code,
    message,
    [
      {
        code,
        severity: 'error',
        message,
        path: [],
        position: { file, line: v.line, column: v.column },
        hint,
      },
    ],
    {
      file,
      line: v.line,
      column: v.column,
      ...(v.limit === 'shape'
        ? {}
        : { limit: v.limit, value: v.value, max: v.max, ceiling: LIMIT_CEILINGS[v.limit] }),
    },
  );
};

const firstViolation = (scanners: readonly ByteScanner[]): LimitViolation | undefined => {
  for (const s of scanners) {
    const v = s.end();
    if (v) return v;
  }
  return undefined;
};

/** A JSON or NDJSON file: depth, keys per object, value lengths (and flat rows when asked). */
export const checkJsonLimits = async (
  path: string,
  format: 'json' | 'ndjson',
  limits: InputLimits,
  rows: { readonly flatRows?: boolean; readonly maxRows?: number } = {},
): Promise<void> => {
  const s = jsonScanner({
    limits,
    format,
    flatRows: rows.flatRows === true,
    ...(rows.maxRows === undefined ? {} : { maxRows: rows.maxRows }),
  });
  await scanFile(path, [s]);
  const v = s.end();
  if (v) throw limitProblem(path, v);
};

const asciiByte = (c: string): number | undefined =>
  c.length === 1 && c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : undefined;

/**
 * The width of a CSV header before the delimiter is sniffed (with each candidate
 * delimiter, or the given one): a header wider than the limit is refused with its real
 * width, however long the header line is.
 */
export const checkCsvHeader = async (
  path: string,
  delimiter: string | undefined,
  quote: string,
  limits: InputLimits,
  shownAs: string = path,
): Promise<void> => {
  const q = asciiByte(quote);
  const candidates = (delimiter === undefined ? [...DELIMITERS] : [delimiter]).filter(
    (d) => asciiByte(d) !== undefined,
  );
  if (q === undefined || candidates.length === 0) return;
  // Counted with one more column allowed than the limit, so the widest candidate is known.
  const scanners = candidates.map((d) =>
    csvScanner({
      limits: { ...limits, csv_columns: Number.MAX_SAFE_INTEGER },
      delimiter: asciiByte(d) as number,
      quote: q,
      firstRecordOnly: true,
    }),
  );
  await scanFile(path, scanners);
  let widest = 0;
  let by = candidates[0] ?? ',';
  scanners.forEach((s, i) => {
    const n = s.headerFields() ?? 0;
    if (n > widest) [widest, by] = [n, candidates[i] ?? by];
  });
  if (widest > limits.csv_columns)
    throw limitProblem(shownAs, {
      limit: 'csv_columns',
      value: widest,
      max: limits.csv_columns,
      line: 1,
      column: 1,
      message: `the header has ${countText(widest)} columns (separated by ${delimiterName(by)}); the limit is ${countText(limits.csv_columns)}`,
    });
};

/** Every record of a CSV file, with the delimiter chosen: columns per record, field lengths. */
export const checkCsvLimits = async (
  path: string,
  delimiter: string,
  quote: string,
  limits: InputLimits,
  shownAs: string = path,
): Promise<void> => {
  const d = asciiByte(delimiter);
  const q = asciiByte(quote);
  if (d === undefined || q === undefined) return;
  const s = csvScanner({ limits, delimiter: d, quote: q });
  await scanFile(path, [s]);
  const v = firstViolation([s]);
  if (v) throw limitProblem(shownAs, v);
};
